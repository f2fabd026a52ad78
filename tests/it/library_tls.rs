//! The team library over TCP with TLS, on clusters these tests start themselves
//! (`journeymap_tests::pg::Cluster::start_tcp`) with certificates made here (rcgen): a CA,
//! the server's certificate for `localhost` and 127.0.0.1 signed by it, and another CA
//! that signed nothing of the server's. Every TCP connection logs in as a role with a
//! password (`scram-sha-256`), and no message may show it.
//!
//! - `sslmode=require` (and the default, `prefer`) encrypts, and a map goes through it;
//!   the listener's connection too.
//! - `verify-full` with `sslrootcert` = the CA connects; with the other CA, or for a host
//!   name the certificate does not name, it is refused in words and writes nothing;
//!   `verify-ca` does not check the name.
//! - `disable` over TCP does not encrypt; a socket never does, whatever the mode.
//! - `require` against a server with `ssl = off` is refused in words; `prefer` connects.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use journey_core::interchange::export_json;
use journey_core::sample::{sample_map, synthetic};
use journey_library::{mask, Library, LibraryError, Listener};
use journeymap_tests::pg::{Cluster, ServerTls};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};

use crate::library::{dump, raw};
use crate::support::TestApp;

/// The role the TCP connections log in as, and its password, which no message may show.
const ROLE: &str = "ana";
const PASSWORD: &str = "Sesame-4711-secret";

/// A certificate authority made for the test: its certificate (PEM) and its issuer.
fn authority(name: &str) -> CertifiedIssuer<'static, KeyPair> {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    CertifiedIssuer::self_signed(params, KeyPair::generate().expect("CA key")).expect("CA")
}

/// The server's certificate for `localhost` and 127.0.0.1, signed by `ca`, with its key.
fn server_certificate(ca: &CertifiedIssuer<'static, KeyPair>) -> ServerTls {
    let mut params = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".into()])
        .expect("server params");
    params
        .distinguished_name
        .push(DnType::CommonName, "journeymap test server");
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let key = KeyPair::generate().expect("server key");
    let cert = params.signed_by(&key, &**ca).expect("server certificate");
    ServerTls {
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    }
}

/// A TLS cluster and the certificates of the two authorities, as files.
struct Tls {
    cluster: Cluster,
    /// The authority that signed the server's certificate.
    ca: PathBuf,
    /// An authority that signed nothing of the server's.
    other_ca: PathBuf,
    _files: tempfile::TempDir,
}

/// The TLS cluster shared by the tests that run at the same time (with role [`ROLE`]).
fn tls() -> Arc<Tls> {
    static SHARED: Mutex<Weak<Tls>> = Mutex::new(Weak::new());
    let mut slot = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(tls) = slot.upgrade() {
        return tls;
    }
    let ca = authority("Journeymap test CA");
    let other = authority("Someone else's CA");
    let files = tempfile::tempdir().expect("a folder for the certificates");
    let ca_path = files.path().join("ca.crt");
    let other_path = files.path().join("other-ca.crt");
    std::fs::write(&ca_path, ca.pem()).expect("ca.crt");
    std::fs::write(&other_path, other.pem()).expect("other-ca.crt");
    let cluster = Cluster::start_tcp(Some(&server_certificate(&ca)));
    cluster.create_role(ROLE, PASSWORD);
    let tls = Arc::new(Tls {
        cluster,
        ca: ca_path,
        other_ca: other_path,
        _files: files,
    });
    *slot = Arc::downgrade(&tls);
    tls
}

/// Asks `f` until it answers, for at most 20 seconds.
fn within<T>(mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(x) = f() {
            return Some(x);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The error of a connection that must fail, checked to show the masked string and never
/// the password.
fn refused(url: &str) -> LibraryError {
    let err = Library::connect(url).expect_err("the connection is refused");
    let (text, debug) = (err.to_string(), format!("{err:?}"));
    for shown in [&text, &debug] {
        assert!(!shown.contains(PASSWORD), "{shown}");
    }
    assert!(
        text.contains(&mask(url)),
        "the message names the masked string: {text}"
    );
    err
}

/// Whether the listener's connection to `db` is encrypted, as the server sees it.
fn listener_uses_tls(cluster: &Cluster, db: &str) -> Option<bool> {
    raw(&cluster.url(db))
        .query_opt(
            "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = 'journeymap-listener' AND a.datname = $1",
            &[&db],
        )
        .expect("pg_stat_ssl")
        .map(|r| r.get(0))
}

#[test]
fn require_encrypts_and_a_map_goes_through_it() {
    let tls = tls();
    let db = tls.cluster.database_owned_by(ROLE);
    let base = tls.cluster.tcp_url("localhost", ROLE, PASSWORD, &db);

    let mut lib = Library::connect(&format!("{base}?sslmode=require")).expect("connect");
    assert!(lib.uses_tls().expect("pg_stat_ssl"), "sslmode=require");
    assert!(!format!("{lib:?}").contains(PASSWORD));
    let sample = sample_map().expect("sample");
    lib.publish(&sample, "Ana", false).expect("publish");
    let loaded = lib.load_map(&sample.meta.id).expect("load");
    assert_eq!(export_json(&loaded), export_json(&sample));

    // prefer, the default, takes the TLS the server offers.
    let mut default = Library::connect(&base).expect("connect");
    assert!(default.uses_tls().expect("pg_stat_ssl"), "sslmode=prefer");

    // The listener's connection honours sslmode too, and hears a publish over it.
    let listener = Listener::start(&format!("{base}?sslmode=require")).expect("listener");
    assert!(
        within(|| listener.is_listening().then_some(())).is_some(),
        "{:?}",
        listener.problem()
    );
    assert_eq!(listener_uses_tls(&tls.cluster, &db), Some(true));
    let other = synthetic(5, 1);
    lib.publish(&other, "Ana", false).expect("publish");
    assert_eq!(
        within(|| listener.heard(&other.meta.id)),
        Some(1),
        "the listener heard the publish"
    );
}

#[test]
fn verify_full_trusts_the_given_authority_and_nothing_else() {
    let tls = tls();
    let db = tls.cluster.database_owned_by(ROLE);
    let socket = tls.cluster.url(&db);
    let trusted = |host: &str, mode: &str| {
        format!(
            "{}?sslmode={mode}&sslrootcert={}",
            tls.cluster.tcp_url(host, ROLE, PASSWORD, &db),
            tls.ca.display()
        )
    };
    for (host, mode) in [
        ("localhost", "verify-full"),
        ("127.0.0.1", "verify-full"),
        ("localhost", "verify-ca"),
    ] {
        let mut lib = Library::connect(&trusted(host, mode)).expect(mode);
        assert!(lib.uses_tls().expect("pg_stat_ssl"), "{host} {mode}");
    }
    let mut lib = Library::connect(&trusted("localhost", "verify-full")).expect("connect");
    let sample = sample_map().expect("sample");
    lib.publish(&sample, "Ana", false).expect("publish");
    drop(lib);
    let before = dump(&socket);
    assert!(before.contains("touchpoints: "), "{before}");

    // Another authority signed nothing of the server's: refused, whatever checks it.
    for mode in ["verify-full", "verify-ca", "require"] {
        let url = format!(
            "{}?sslmode={mode}&sslrootcert={}",
            tls.cluster.tcp_url("localhost", ROLE, PASSWORD, &db),
            tls.other_ca.display()
        );
        let err = refused(&url);
        assert!(matches!(err, LibraryError::Tls(_)), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains("the server's certificate is not trusted")
                && text.contains("not signed by an authority this computer trusts"),
            "{text}"
        );
    }
    assert!(dump(&socket) == before, "the library changed");

    // A host name the certificate does not name (the server reached by its address):
    // verify-full refuses it, verify-ca does not check names.
    let elsewhere = |mode: &str| {
        format!(
            "host=jm-elsewhere.invalid hostaddr=127.0.0.1 port={} user={ROLE} \
             password={PASSWORD} dbname={db} sslmode={mode} sslrootcert='{}'",
            tls.cluster.port(),
            tls.ca.display()
        )
    };
    let err = refused(&elsewhere("verify-full"));
    assert!(matches!(err, LibraryError::Tls(_)), "{err:?}");
    assert!(
        err.to_string().contains(
            "the server's certificate is not trusted: it is for localhost, 127.0.0.1, not for \
             jm-elsewhere.invalid"
        ),
        "{err}"
    );
    assert!(dump(&socket) == before, "the library changed");
    let mut lib = Library::connect(&elsewhere("verify-ca")).expect("verify-ca");
    assert!(lib.uses_tls().expect("pg_stat_ssl"));

    // The listener refuses the untrusted server too, and says why.
    let url = format!(
        "{}?sslmode=verify-full&sslrootcert={}",
        tls.cluster.tcp_url("localhost", ROLE, PASSWORD, &db),
        tls.other_ca.display()
    );
    let listener = Listener::start(&url).expect("listener");
    let problem = within(|| listener.problem()).expect("the listener says why it waits");
    assert!(problem.contains("not trusted"), "{problem}");
    assert!(!problem.contains(PASSWORD), "{problem}");
    assert!(!listener.is_listening());

    // The app refuses to connect, says why, and keeps no password.
    let mut t = TestApp::new();
    let err = t.app.connect_library(&url, "Ana").expect_err("not trusted");
    assert!(err.to_string().contains("not trusted"), "{err}");
    assert!(!format!("{err} {err:?}").contains(PASSWORD), "{err}");
    assert!(!format!("{:?}", t.app.library_status()).contains(PASSWORD));
    assert!(dump(&socket) == before, "the library changed");
}

#[test]
fn disable_over_tcp_and_any_mode_on_a_socket_do_not_encrypt() {
    let tls = tls();
    let db = tls.cluster.database_owned_by(ROLE);
    let url = format!(
        "{}?sslmode=disable",
        tls.cluster.tcp_url("127.0.0.1", ROLE, PASSWORD, &db)
    );
    let mut lib = Library::connect(&url).expect("connect");
    assert!(!lib.uses_tls().expect("pg_stat_ssl"), "sslmode=disable");
    let sample = sample_map().expect("sample");
    lib.publish(&sample, "Ana", false).expect("publish");
    assert_eq!(
        export_json(&lib.load_map(&sample.meta.id).expect("load")),
        export_json(&sample)
    );

    // PostgreSQL offers no TLS on a Unix socket; asking for it there changes nothing.
    for mode in ["require", "verify-full"] {
        let socket = format!("{} sslmode={mode}", tls.cluster.url(&db));
        let mut lib = Library::connect(&socket).expect(mode);
        assert!(!lib.uses_tls().expect("pg_stat_ssl"), "{mode}");
    }

    // A wrong password is refused without being shown, nor the right one.
    let wrong = tls
        .cluster
        .tcp_url("localhost", ROLE, "Wrong-0815-guess", &db);
    let err = Library::connect(&format!("{wrong}?sslmode=require")).expect_err("refused");
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("password authentication failed"), "{shown}");
    assert!(
        !shown.contains("Wrong-0815-guess") && !shown.contains(PASSWORD),
        "{shown}"
    );
}

#[test]
fn require_against_a_server_without_tls_is_refused_in_words() {
    let cluster = Cluster::start_tcp(None);
    cluster.create_role(ROLE, PASSWORD);
    let db = cluster.database_owned_by(ROLE);
    let base = cluster.tcp_url("localhost", ROLE, PASSWORD, &db);
    for mode in ["require", "verify-full"] {
        let url = format!("{base}?sslmode={mode}");
        let err = refused(&url);
        assert!(matches!(err, LibraryError::Tls(_)), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!(
                "the team library at {} does not offer TLS, which sslmode={mode} asks for",
                mask(&url)
            )
        );
    }
    assert_eq!(dump(&cluster.url(&db)), "", "nothing was written");

    // prefer connects without it, as libpq.
    let mut lib = Library::connect(&base).expect("prefer");
    assert!(!lib.uses_tls().expect("pg_stat_ssl"));

    let listener = Listener::start(&format!("{base}?sslmode=require")).expect("listener");
    let problem = within(|| listener.problem()).expect("the listener says why it waits");
    assert!(problem.contains("does not offer TLS"), "{problem}");
    assert!(!problem.contains(PASSWORD), "{problem}");
}
