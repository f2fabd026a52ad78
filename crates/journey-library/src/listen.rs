//! Hearing other people's edits: a thread with a connection of its own that `LISTEN`s on
//! the library's channel and keeps, per map, the highest revision it has heard of.
//!
//! Every library write notifies `map_id:rev` on commit ([`crate::CHANNEL`]). The thread
//! waits for notifications (in steps of [`WAIT`], so that it can be told to stop) and
//! records them; asking what it heard ([`Listener::heard`]) is a lock and a hash lookup,
//! never a query, so a view can ask several times a second for free. When its connection
//! is lost it connects again with a growing pause (up to two seconds); each connection
//! that starts listening moves [`Listener::generation`] on, because notifications sent
//! while nobody listened are lost: a caller that sees the generation change asks the
//! server for the map's revision once.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::error::{LibraryError, Result};
use crate::tls::Target;
use crate::{mask, CHANNEL};

/// How long the thread waits for a notification before it checks whether to stop.
pub const WAIT: Duration = Duration::from_millis(100);

/// How long the listener's connection attempt may take when the connection string does
/// not say.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
struct Heard {
    revs: HashMap<String, i64>,
    generation: u64,
    listening: bool,
    problem: Option<String>,
}

#[derive(Debug, Default)]
struct Shared {
    stop: AtomicBool,
    heard: Mutex<Heard>,
}

impl Shared {
    fn heard(&self) -> std::sync::MutexGuard<'_, Heard> {
        self.heard.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A thread listening for the library's notifications; stopped when dropped.
pub struct Listener {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    url: String,
}

impl fmt::Debug for Listener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Listener")
            .field("url", &self.url)
            .field("listening", &self.is_listening())
            .finish_non_exhaustive()
    }
}

impl Listener {
    /// Starts listening on the library at `url`, with TLS as its `sslmode` asks (as
    /// [`crate::Library::connect`]).
    /// Returns at once; the thread connects on its own and keeps trying while the server
    /// cannot be reached. Fails only for a string that is not a connection string (or
    /// names a root certificate file that cannot be read).
    pub fn start(url: &str) -> Result<Listener> {
        let masked = mask(url);
        let mut target = Target::parse(url, &masked)?;
        let config = target.config_mut();
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("journeymap-listener");
        }
        let shared = Arc::new(Shared::default());
        let thread = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("journeymap-listener".into())
                .spawn(move || listen(&target, &shared))
                .map_err(|e| LibraryError::Db(format!("cannot start the listener: {e}")))?
        };
        Ok(Listener {
            shared,
            thread: Some(thread),
            url: masked,
        })
    }

    /// The highest revision of map `map_id` heard of since the listener started.
    pub fn heard(&self, map_id: &str) -> Option<i64> {
        self.shared.heard().revs.get(map_id).copied()
    }

    /// How many times the listener has started listening (0 before the first time).
    pub fn generation(&self) -> u64 {
        self.shared.heard().generation
    }

    /// Whether the listener is connected and listening now.
    pub fn is_listening(&self) -> bool {
        self.shared.heard().listening
    }

    /// Why the listener is not listening, when it tried and failed.
    pub fn problem(&self) -> Option<String> {
        self.shared.heard().problem.clone()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The thread: connect, `LISTEN`, record what is heard; on a lost connection, again.
fn listen(target: &Target, shared: &Shared) {
    let stopped = || shared.stop.load(Ordering::Relaxed);
    let mut pause = Duration::from_millis(50);
    while !stopped() {
        match target.connect() {
            Ok(mut client) => match client.batch_execute(&format!("LISTEN {CHANNEL}")) {
                Ok(()) => {
                    {
                        let mut h = shared.heard();
                        h.generation += 1;
                        h.listening = true;
                        h.problem = None;
                    }
                    pause = Duration::from_millis(50);
                    let why = receive(&mut client, shared, &stopped);
                    let mut h = shared.heard();
                    h.listening = false;
                    h.problem = why;
                }
                Err(e) => shared.heard().problem = Some(target.failure(e).to_string()),
            },
            Err(e) => shared.heard().problem = Some(e.to_string()),
        }
        // Wait before trying again, in steps short enough to stop promptly.
        let mut waited = Duration::ZERO;
        while waited < pause && !stopped() {
            std::thread::sleep(WAIT.min(pause - waited));
            waited += WAIT;
        }
        pause = (pause * 2).min(Duration::from_secs(2));
    }
}

/// Records notifications until told to stop (`None`) or the connection is lost (why).
fn receive(
    client: &mut postgres::Client,
    shared: &Shared,
    stopped: &dyn Fn() -> bool,
) -> Option<String> {
    use postgres::fallible_iterator::FallibleIterator;
    while !stopped() {
        let next = client.notifications().timeout_iter(WAIT).next();
        match next {
            Ok(Some(n)) => {
                if let Some((map, rev)) = n.payload().rsplit_once(':') {
                    if let Ok(rev) = rev.parse::<i64>() {
                        let mut h = shared.heard();
                        let slot = h.revs.entry(map.to_string()).or_insert(rev);
                        *slot = (*slot).max(rev);
                    }
                }
            }
            Ok(None) if client.is_closed() => {
                return Some("the listener's connection was closed".into());
            }
            Ok(None) => {}
            Err(e) => return Some(format!("the listener's connection failed: {e}")),
        }
    }
    None
}
