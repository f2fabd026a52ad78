//! A throwaway PostgreSQL cluster for the team library's tests (`it/library.rs`).
//!
//! [`Cluster::start`] finds the server's binaries (`JOURNEYMAP_PG_BINDIR`, else
//! `pg_config --bindir` when it holds `initdb`, else the newest
//! `/usr/lib/postgresql/<version>/bin`: Debian's `postgresql` package, which the scripts
//! install), runs `initdb` into a temporary folder (trust authentication for the one role
//! `journeymap`, UTF-8, the C locale, no fsync) and starts `postgres` listening on a Unix
//! socket in that folder only (`listen_addresses` empty; a free port number, which names
//! the socket). It waits until `pg_isready` says the server accepts connections, watching
//! that the server is still running, and [`Drop`] stops it with `pg_ctl stop -m fast`
//! (never SIGKILL) and removes the folder. Every client the tests start is given this
//! socket and port, and every `PG*` variable is removed from the environment of the
//! programs run here, so a test never reaches a server it did not start, such as the
//! cluster Debian's package may have started on port 5432.
//!
//! [`Cluster::start_tcp`] starts a cluster that also listens on 127.0.0.1 (the same free
//! port number), for the library's TLS tests: `ssl = on` with a certificate and key the
//! test made (written into the data folder as `server.crt` and `server.key`, mode 0600,
//! owned by the server's user), or `ssl = off`. Its TCP lines in `pg_hba.conf` ask for a
//! password (`scram-sha-256`; [`Cluster::create_role`] makes a role that has one), while
//! the socket stays `trust`. If the port number was taken in the meantime, the server is
//! started again on another.
//!
//! A test of its own cluster can take the server away and bring it back
//! ([`Cluster::stop`], [`Cluster::start_again`]: the same folder, port and socket), to see
//! what the app does while the library is unreachable.
//!
//! `initdb`, `postgres` and `pg_ctl` refuse to run as root. When the tests run as root
//! (CI does), those three run as the `postgres` user that Debian's package creates,
//! through `runuser -u postgres --`, in a folder given to that user; the tests' own
//! connections go through the socket, which any user may open.

use std::fs::File;
use std::net::TcpListener;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

/// The role `initdb` makes the superuser, which the tests connect as.
pub const USER: &str = "journeymap";

/// How long the server may take to accept connections, or to stop.
const READY_WITHIN: Duration = Duration::from_secs(60);

/// The server's certificate and private key, PEM, for `ssl = on`.
#[derive(Debug, Clone)]
pub struct ServerTls {
    pub cert_pem: String,
    pub key_pem: String,
}

/// A PostgreSQL cluster of our own, stopped and removed on drop.
#[derive(Debug)]
pub struct Cluster {
    dir: tempfile::TempDir,
    bindir: PathBuf,
    port: u16,
    /// Whether the server also listens on 127.0.0.1 ([`Cluster::start_tcp`]).
    tcp: bool,
    /// Whether it offers TLS there (`ssl = on`).
    ssl: bool,
    /// The running server; `None` while it is stopped ([`Cluster::stop`]).
    server: Option<Child>,
    /// Whether the server's programs run as the `postgres` user (we are root).
    as_postgres: bool,
    next_db: AtomicU32,
}

impl Cluster {
    /// A cluster shared by the tests that run at the same time: started by the first one,
    /// stopped when the last one lets go of it. Each test takes a database of its own
    /// ([`Cluster::database`]).
    pub fn shared() -> Arc<Cluster> {
        static SHARED: Mutex<Weak<Cluster>> = Mutex::new(Weak::new());
        let mut slot = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(cluster) = slot.upgrade() {
            return cluster;
        }
        let cluster = Arc::new(Cluster::start());
        *slot = Arc::downgrade(&cluster);
        cluster
    }

    /// Creates and starts a new cluster on a Unix socket only; panics with the server's
    /// words if it cannot.
    pub fn start() -> Cluster {
        let mut cluster = Cluster::init(false, None);
        if let Err(log) = cluster.spawn_server() {
            panic!("{log}");
        }
        cluster
    }

    /// Creates and starts a cluster that also listens on 127.0.0.1, on the same port
    /// number as its socket: with `ssl = on` and `tls`'s certificate and key, or with
    /// `ssl = off` when `tls` is `None`. TCP connections must give a password
    /// (`scram-sha-256`); the socket stays `trust`.
    pub fn start_tcp(tls: Option<&ServerTls>) -> Cluster {
        let mut cluster = Cluster::init(true, tls);
        let mut tries = 0;
        loop {
            match cluster.spawn_server() {
                Ok(()) => return cluster,
                // Someone took the port number between our look and the server's bind.
                Err(log) if log.contains("could not bind") && tries < 5 => {
                    tries += 1;
                    cluster.port = free_port();
                }
                Err(log) => panic!("{log}"),
            }
        }
    }

    /// `initdb` into a new temporary folder, and the TCP settings.
    fn init(tcp: bool, tls: Option<&ServerTls>) -> Cluster {
        let bindir = bindir();
        let dir = tempfile::Builder::new()
            .prefix("jm-pg-")
            .tempdir()
            .expect("temporary folder for the cluster");
        let as_postgres = std::fs::metadata(dir.path()).expect("stat").uid() == 0;
        if as_postgres {
            let (uid, gid) = postgres_user();
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
                .expect("give the cluster's folder to the postgres user");
        }
        let data = dir.path().join("data");
        let initdb = run(server_command(&bindir, "initdb", as_postgres, dir.path())
            .arg("-D")
            .arg(&data)
            .args([
                "-A",
                "trust",
                "-U",
                USER,
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ]));
        assert!(
            initdb.status.success(),
            "initdb failed in {}:\n{}{}",
            dir.path().display(),
            String::from_utf8_lossy(&initdb.stdout),
            String::from_utf8_lossy(&initdb.stderr)
        );
        if tcp {
            // Overwritten in place: the file keeps its owner (the server's user).
            std::fs::write(
                data.join("pg_hba.conf"),
                "local all all trust\n\
                 host all all 127.0.0.1/32 scram-sha-256\n\
                 host all all ::1/128 scram-sha-256\n",
            )
            .expect("pg_hba.conf");
        }
        if let Some(tls) = tls {
            for (name, pem) in [("server.crt", &tls.cert_pem), ("server.key", &tls.key_pem)] {
                let path = data.join(name);
                std::fs::write(&path, pem).expect(name);
                // The server refuses a key that others may read.
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                    .expect(name);
                if as_postgres {
                    let (uid, gid) = postgres_user();
                    std::os::unix::fs::chown(&path, Some(uid), Some(gid)).expect(name);
                }
            }
        }
        Cluster {
            dir,
            bindir,
            port: free_port(),
            tcp,
            ssl: tls.is_some(),
            server: None,
            as_postgres,
            next_db: AtomicU32::new(0),
        }
    }

    /// Starts `postgres` on the cluster's folder, socket and port, and waits until it
    /// accepts connections; the server's log when it exits before.
    fn spawn_server(&mut self) -> Result<(), String> {
        let data = self.dir.path().join("data");
        let log_path = self.dir.path().join("postgres.log");
        let log = File::options()
            .create(true)
            .append(true)
            .open(&log_path)
            .expect("server log");
        let logged_before = log.metadata().map(|m| m.len()).unwrap_or(0);
        let listen = if self.tcp { "127.0.0.1" } else { "" };
        let mut cmd = server_command(&self.bindir, "postgres", self.as_postgres, self.dir.path());
        cmd.arg("-D")
            .arg(&data)
            .arg("-k")
            .arg(self.dir.path())
            .args(["-p", &self.port.to_string(), "-h", listen])
            .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
            .args(["-c", "full_page_writes=off", "-c", "max_connections=60"]);
        if self.ssl {
            cmd.args(["-c", "ssl=on", "-c", "ssl_cert_file=server.crt"])
                .args(["-c", "ssl_key_file=server.key"]);
        }
        let server = cmd
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .expect("start postgres");
        self.server = Some(server);
        self.wait_until_ready(&log_path, logged_before)
    }

    /// Stops the server (`pg_ctl stop -m fast`: every session is ended, its open
    /// transaction rolled back) and waits until it has exited. The folder stays, so
    /// [`Cluster::start_again`] brings the same databases back.
    pub fn stop(&mut self) {
        self.stop_with("fast");
    }

    /// Stops the server as a crash would (`pg_ctl stop -m immediate`): every server
    /// process ends at once, holding its locks, so no transaction that was still open
    /// commits. A fast stop ends the sessions one by one, and a session waiting for a row
    /// that an ended session held may get it and commit before its own end comes.
    /// [`Cluster::start_again`] recovers the databases from the write-ahead log.
    ///
    /// This cluster commits asynchronously (`synchronous_commit=off`, for speed), so a
    /// real crash would also lose the last commits before it, which a server with the
    /// default setting keeps. A `CHECKPOINT` first writes them out.
    pub fn crash(&mut self) {
        if self.server.is_some() {
            self.psql("CHECKPOINT", "CHECKPOINT");
            self.stop_with("immediate");
        }
    }

    /// Starts the server again after [`Cluster::stop`] or [`Cluster::crash`], on the same
    /// folder, socket and port, and waits until it accepts connections.
    pub fn start_again(&mut self) {
        assert!(self.server.is_none(), "the server is running");
        if let Err(log) = self.spawn_server() {
            panic!("{log}");
        }
    }

    /// Stops the server with `pg_ctl stop -m MODE` and waits until it has exited.
    fn stop_with(&mut self, mode: &str) {
        let Some(mut server) = self.server.take() else {
            return;
        };
        let stopped = self.pg_ctl_stop(mode);
        assert!(stopped, "pg_ctl could not stop the server");
        server.wait().expect("the server exits");
    }

    /// `pg_ctl stop -m MODE`, waiting for the server to exit; whether it did.
    fn pg_ctl_stop(&self, mode: &str) -> bool {
        let data = self.dir.path().join("data");
        server_command(&self.bindir, "pg_ctl", self.as_postgres, self.dir.path())
            .arg("stop")
            .arg("-D")
            .arg(&data)
            .args(["-m", mode, "-w", "-t", &READY_WITHIN.as_secs().to_string()])
            .stdout(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// Polls `pg_isready` until the server accepts connections. When the server exits
    /// first: its log since `logged_before` (bytes), as the error. Panics after
    /// [`READY_WITHIN`].
    fn wait_until_ready(&mut self, log: &Path, logged_before: u64) -> Result<(), String> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(5);
        loop {
            let exited = match self.server.as_mut() {
                Some(server) => server.try_wait().expect("server status"),
                None => panic!("no server was started"),
            };
            if let Some(status) = exited {
                self.server = None;
                let text = std::fs::read(log).unwrap_or_default();
                let start = usize::try_from(logged_before).map_or(0, |b| b.min(text.len()));
                return Err(format!(
                    "postgres exited ({status}) before accepting connections:\n{}",
                    String::from_utf8_lossy(&text[start..])
                ));
            }
            let ready = self
                .client_command("pg_isready")
                .args(["-d", "postgres", "-q", "-t", "5"])
                .status()
                .expect("run pg_isready");
            if ready.success() {
                return Ok(());
            }
            assert!(
                started.elapsed() < READY_WITHIN,
                "postgres did not accept connections within {READY_WITHIN:?}:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(100));
        }
    }

    /// The folder holding the server's socket.
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The connection string (key=value form) of database `dbname` on this cluster.
    pub fn url(&self, dbname: &str) -> String {
        format!(
            "host={} port={} user={USER} dbname={}",
            quote(&self.dir.path().to_string_lossy()),
            self.port,
            quote(dbname)
        )
    }

    /// A new, empty database of its own for one test: its connection string.
    pub fn database(&self) -> String {
        let name = format!("library_{}", self.next_db.fetch_add(1, Ordering::Relaxed));
        let out = run(self.client_command("createdb").arg(&name));
        assert!(
            out.status.success(),
            "createdb {name} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.url(&name)
    }

    /// A new, empty database owned by `owner` (who may then create the library's tables
    /// in it): its name.
    pub fn database_owned_by(&self, owner: &str) -> String {
        let name = format!("library_{}", self.next_db.fetch_add(1, Ordering::Relaxed));
        let out = run(self
            .client_command("createdb")
            .args(["-O", owner])
            .arg(&name));
        assert!(
            out.status.success(),
            "createdb {name} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        name
    }

    /// Makes a role that may log in with `password` (stored as a SCRAM verifier, the
    /// server's default).
    pub fn create_role(&self, name: &str, password: &str) {
        let sql = format!(
            "CREATE ROLE \"{}\" LOGIN PASSWORD '{}'",
            name.replace('"', "\"\""),
            password.replace('\'', "''")
        );
        self.psql(&sql, &format!("creating role {name}"));
    }

    /// Runs one SQL command with `psql` in the `postgres` database; panics, naming `what`
    /// and quoting psql's error, when it fails.
    fn psql(&self, sql: &str, what: &str) {
        let out = run(self
            .client_command("psql")
            .args(["-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c"])
            .arg(sql));
        assert!(
            out.status.success(),
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The URL of database `dbname` over TCP at `host` (which must reach 127.0.0.1: an
    /// address or `localhost`), as `user` with `password`, without parameters.
    pub fn tcp_url(&self, host: &str, user: &str, password: &str, dbname: &str) -> String {
        assert!(self.tcp, "this cluster listens on its socket only");
        format!("postgres://{user}:{password}@{host}:{}/{dbname}", self.port)
    }

    /// A client program of the cluster's (`createdb`, `pg_isready`, `psql`…) aimed at this
    /// cluster's socket, as the current user.
    pub fn client_command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bindir.join(program));
        clean_env(&mut cmd);
        cmd.arg("-h")
            .arg(self.dir.path())
            .args(["-p", &self.port.to_string(), "-U", USER]);
        cmd
    }
}

impl Drop for Cluster {
    /// `pg_ctl stop -m fast`: clients are disconnected, the server shuts down cleanly. If
    /// `pg_ctl` cannot do it, the postmaster gets SIGINT, which is the same fast shutdown.
    fn drop(&mut self) {
        let Some(mut server) = self.server.take() else {
            return;
        };
        if !self.pg_ctl_stop("fast") {
            let data = self.dir.path().join("data");
            let pid = std::fs::read_to_string(data.join("postmaster.pid"))
                .ok()
                .and_then(|s| s.lines().next().map(str::to_string));
            if let Some(pid) = pid {
                let _ = Command::new("kill").args(["-INT", &pid]).status();
            }
        }
        let _ = server.wait();
    }
}

/// The folder of the server's programs.
fn bindir() -> PathBuf {
    let has_server = |dir: &Path| dir.join("initdb").is_file() && dir.join("postgres").is_file();
    if let Some(dir) = std::env::var_os("JOURNEYMAP_PG_BINDIR") {
        let dir = PathBuf::from(dir);
        assert!(
            has_server(&dir),
            "JOURNEYMAP_PG_BINDIR={} holds no initdb and postgres",
            dir.display()
        );
        return dir;
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if let Some(dir) = from_pg_config.filter(|d| has_server(d)) {
        return dir;
    }
    // Debian: /usr/lib/postgresql/<major>/bin, the newest major version.
    let mut found: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e
                .file_name()
                .to_string_lossy()
                .split('.')
                .map(|p| p.parse::<u32>().ok())
                .collect::<Option<Vec<u32>>>()?;
            let bin = e.path().join("bin");
            has_server(&bin).then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!(
            "PostgreSQL's server programs (initdb, postgres, pg_ctl) are not installed: the \
             team library's tests start a cluster of their own. Install Debian's postgresql \
             package (scripts/test does), or set JOURNEYMAP_PG_BINDIR to their folder."
        )
    })
}

/// A server program (`initdb`, `postgres`, `pg_ctl`), run as the `postgres` user when we
/// are root, in `dir`, with no `PG*` variables.
fn server_command(bindir: &Path, program: &str, as_postgres: bool, dir: &Path) -> Command {
    let path = bindir.join(program);
    let mut cmd = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(path);
        c
    } else {
        Command::new(path)
    };
    clean_env(&mut cmd);
    cmd.current_dir(dir);
    cmd
}

/// Removes every `PG*` variable (PGHOST, PGPORT, PGDATA, PGPASSWORD…), which would
/// otherwise steer a program to another server or folder.
fn clean_env(cmd: &mut Command) {
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("PG") {
            cmd.env_remove(key);
        }
    }
}

/// Runs a command to its end, capturing its output.
fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

/// The `postgres` user's uid and gid.
fn postgres_user() -> (u32, u32) {
    let id = |flag: &str| {
        Command::new("id")
            .args([flag, "postgres"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or_else(|| {
                panic!(
                    "the tests run as root, and initdb and postgres refuse to: they run as the \
                     postgres user, which does not exist here (Debian's postgresql package \
                     creates it)"
                )
            })
    };
    (id("-u"), id("-g"))
}

/// A port number no one listens on now. A socket-only server only uses it to name its
/// socket, so a later taker of the number does not matter; a server that also listens on
/// 127.0.0.1 is started again on another when it was taken ([`Cluster::start_tcp`]).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port number")
}

/// A value for a key=value connection string, quoted.
fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}
