//! The team library, seen from the app: connecting, publishing and pulling maps, opening
//! and editing a library map with the same use-cases as a local one, hearing others'
//! edits, and the copy kept for when the server is away.
//!
//! - **Where a map lives.** `App` keeps its SQLite store (local maps, settings, history)
//!   and, once [`App::connect_library`] has run, a link to one library. Publishing copies
//!   a local map into the library under the same ids; from then on the library copy is
//!   what "open in library" shows and edits, and the local original is a separate map
//!   that happens to share its id. [`App::open_view_at`] says which one to open;
//!   [`App::open_view`] opens the local map when there is one, else the library's.
//! - **Editing.** While a map is open from the library, an edit of anything in it runs
//!   in the library (see `edit.rs`): its closure reads from the open copy (what the
//!   person sees) and every row written is checked against the server with its before,
//!   so an edit over someone else's change fails with a `conflict` naming it, and
//!   nothing of it is written. Undo and redo go through the same check.
//! - **Hearing others.** [`App::library_changed`] answers, for the open library map, the
//!   patch that brings the view up to date when someone else has committed, and `None`
//!   otherwise. A listener thread with its own connection (`journey_library::Listener`,
//!   started by the first call) hears every commit's notification, so the call makes no
//!   query at all until one arrives for the open map.
//! - **Offline.** Every library map opened is copied into `library-cache.sqlite3`, a
//!   second SQLite store beside the database, and kept again as it changes: when it is
//!   left (another map opened, the library disconnected, the app closed), when a call
//!   finds the server unreachable, and otherwise at most every [`OFFLINE_EVERY`] (a
//!   whole-map write, too dear for every edit). When the server cannot be reached,
//!   opening the map reads that copy, read-only: the view's `readOnly` says why, and
//!   edits fail with `unreachable`.
//! - **Secrets.** The connection string is kept in memory only; settings, errors, logs
//!   and `Debug` output show it with its password masked (`journey_library::mask`).

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use journey_core::model::{FeedbackTarget, Id, JourneyMap};
use journey_library::{Library, LibraryError, LibraryMapSummary, Listener, Written};
use journey_store::{Store, StoreError};

use crate::change::{Change, Direction};
use crate::desktop::view_cache::ViewCache;
use crate::dto::{LibraryStatus, MapLocation, MapView};
use crate::patch::MapPatch;
use crate::store::Tx;
use crate::{App, AppError, ImportMode, Result};

/// The setting that shows which library the app was connected to last (its password
/// masked; the password itself is never stored).
pub const LIBRARY_URL_KEY: &str = "library.url";
/// The setting that remembers the name library writes are signed with.
pub const LIBRARY_USER_KEY: &str = "library.user";
/// The file beside the database that keeps a copy of every library map opened.
pub const OFFLINE_FILE: &str = "library-cache.sqlite3";

/// The connection to one team library.
pub(crate) struct LibraryLink {
    /// The connection string as given, password included: memory only, never shown.
    url: String,
    /// The same, its password masked: what is shown.
    masked: String,
    /// Who library writes are signed with (`updated_by`).
    user: String,
    /// The connection, while the server answers.
    conn: Option<Library>,
    /// Why the last call could not reach the server, until one does.
    problem: Option<String>,
    /// Hears others' commits; started by the first `library_changed`.
    listener: Option<Listener>,
    /// The copies kept for when the server is away.
    offline: Option<Store>,
    offline_path: PathBuf,
}

impl fmt::Debug for LibraryLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LibraryLink")
            .field("url", &self.masked)
            .field("user", &self.user)
            .field("connected", &self.conn.is_some())
            .field("problem", &self.problem)
            .finish_non_exhaustive()
    }
}

impl LibraryLink {
    /// The connection, made now if there is none.
    fn connection(&mut self) -> Result<&mut Library, LibraryError> {
        match self.conn {
            Some(ref mut c) => Ok(c),
            None => match Library::connect(&self.url) {
                Ok(c) => {
                    self.problem = None;
                    Ok(self.conn.insert(c))
                }
                Err(e) => Err(self.noted(e)),
            },
        }
    }

    /// Remembers why the server could not be reached (and drops the connection, so the
    /// next call makes a new one); passes the error on.
    fn noted(&mut self, e: LibraryError) -> LibraryError {
        if let LibraryError::Unreachable { .. } = e {
            self.conn = None;
            self.problem = Some(e.to_string());
        }
        e
    }

    /// Runs `f` on the connection. A connection that was open before this call may have
    /// died since (the server restarted): when it turns out unreachable, one new
    /// connection is tried before giving up.
    fn run<T>(
        &mut self,
        mut f: impl FnMut(&mut Library) -> Result<T, LibraryError>,
    ) -> Result<T, LibraryError> {
        let fresh = self.conn.is_none();
        let first = f(self.connection()?);
        match first {
            Err(LibraryError::Unreachable { .. }) if !fresh => {
                self.conn = None;
                let again = f(self.connection()?);
                again.map_err(|e| self.noted(e))
            }
            other => other.map_err(|e| self.noted(e)),
        }
    }

    /// The listener, started now if it is not running.
    fn listener(&mut self) -> Result<&Listener, LibraryError> {
        match self.listener {
            Some(ref l) => Ok(l),
            None => {
                let l = Listener::start(&self.url)?;
                Ok(self.listener.insert(l))
            }
        }
    }

    /// The store of offline copies, opened now if it is not open.
    fn offline(&mut self) -> Result<&mut Store> {
        match self.offline {
            Some(ref mut s) => Ok(s),
            None => {
                let s = Store::open(&self.offline_path)?;
                Ok(self.offline.insert(s))
            }
        }
    }

    /// Keeps `map` as its offline copy, replacing the one kept before. A map kept earlier
    /// that uses one of its row ids (it was replaced in the library meanwhile) goes.
    fn save_offline(&mut self, map: &JourneyMap) -> Result<()> {
        let store = self.offline()?;
        let id = &map.meta.id;
        for _ in 0..20 {
            let saved = store.write(|w| -> Result<(), StoreError> {
                if w.map_name(id)?.is_some() {
                    w.delete_map(id)?;
                }
                w.insert_map(map)
            });
            match saved {
                Err(StoreError::IdInUse { id: row, .. }) => {
                    store.write(|w| -> Result<(), StoreError> {
                        match w.owner_of_id(&row)? {
                            Some((owner, _)) => w.delete_map(&owner),
                            None => Ok(()),
                        }
                    })?;
                }
                other => return Ok(other?),
            }
        }
        Err(AppError::Library(format!(
            "{}: could not keep a copy of map {id}",
            self.offline_path.display()
        )))
    }
}

/// How often, at most, the open library map is kept as its offline copy while it keeps
/// changing (it is also kept when opened, when left, and when the server goes away).
pub const OFFLINE_EVERY: Duration = Duration::from_secs(30);

fn not_connected() -> AppError {
    AppError::NotFound(
        "no team library is connected: connect to one first (a PostgreSQL connection string)"
            .into(),
    )
}

/// The touchpoints and stages whose feedback lists differ between two states of a map.
fn feedback_targets_changed(old: &JourneyMap, new: &JourneyMap) -> BTreeSet<Id> {
    use std::collections::HashMap;
    fn target(t: &FeedbackTarget) -> Id {
        match t {
            FeedbackTarget::Touchpoint(id) | FeedbackTarget::Stage(id) => id.clone(),
        }
    }
    let before: HashMap<&str, (usize, &journey_core::model::Feedback)> = old
        .feedback
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), (i, f)))
        .collect();
    let mut out = BTreeSet::new();
    let mut kept = Vec::new();
    for f in &new.feedback {
        match before.get(f.id.as_str()) {
            Some((i, b)) if *b == f => kept.push(*i),
            Some((i, b)) => {
                kept.push(*i);
                out.insert(target(&b.target));
                out.insert(target(&f.target));
            }
            None => {
                out.insert(target(&f.target));
            }
        }
    }
    let now: std::collections::HashSet<&str> = new.feedback.iter().map(|f| f.id.as_str()).collect();
    for f in old.feedback.iter().filter(|f| !now.contains(f.id.as_str())) {
        out.insert(target(&f.target));
    }
    // A list whose items kept their values but not their order changed too.
    if !kept.windows(2).all(|w| w[0] < w[1]) {
        for f in &new.feedback {
            out.insert(target(&f.target));
        }
    }
    out
}

impl App {
    // Connecting.

    /// Connects to the team library at `url` (a PostgreSQL connection string: a URL or
    /// key=value pairs) as `user`, the name library writes are signed with. The string is
    /// kept in memory only; the setting [`LIBRARY_URL_KEY`] keeps it with its password
    /// masked, for display. A database that is not a library (or a newer one) is refused
    /// untouched. When no server answers, the error is `unreachable` and the library
    /// stays set: maps opened from it before open read-only from the copy kept on this
    /// computer, and every later call tries the server again. Replaces any library
    /// connected before.
    pub fn connect_library(&mut self, url: &str, user: &str) -> Result<()> {
        let user = user.trim();
        if user.is_empty() || user.chars().count() > 200 {
            return Err(AppError::Invalid(
                "the name to sign library edits with must be 1–200 characters".into(),
            ));
        }
        self.disconnect_library();
        let masked = journey_library::mask(url);
        let offline_path = self
            .db_path()
            .parent()
            .map(|d| d.join(OFFLINE_FILE))
            .unwrap_or_else(|| PathBuf::from(OFFLINE_FILE));
        let mut link = LibraryLink {
            url: url.to_string(),
            masked: masked.clone(),
            user: user.to_string(),
            conn: None,
            problem: None,
            listener: None,
            offline: None,
            offline_path,
        };
        let connected = match Library::connect(url) {
            Ok(c) => {
                link.conn = Some(c);
                Ok(())
            }
            Err(e @ LibraryError::Unreachable { .. }) => Err(link.noted(e)),
            Err(e) => return Err(e.into()),
        };
        self.library = Some(link);
        if self.read_only().is_none() {
            self.set_setting(LIBRARY_URL_KEY, &masked)?;
            self.set_setting(LIBRARY_USER_KEY, user)?;
        }
        Ok(connected?)
    }

    /// Leaves the team library: its connections close, and a library map that was open
    /// is closed (its edits' history goes with it). Local maps are untouched.
    pub fn disconnect_library(&mut self) {
        self.keep_offline(true);
        if self
            .open
            .as_ref()
            .is_some_and(|c| c.location == MapLocation::Library)
        {
            self.open = None;
        }
        if self.library.take().is_some() {
            self.history.forget_library();
        }
    }

    /// Whether a team library is connected, which one (masked), and why it cannot be used
    /// if it cannot.
    pub fn library_status(&self) -> LibraryStatus {
        match &self.library {
            None => LibraryStatus::default(),
            Some(link) => LibraryStatus {
                connected: link.conn.as_ref().is_some_and(|c| !c.is_closed()),
                url: Some(link.masked.clone()),
                user: Some(link.user.clone()),
                listening: link.listener.as_ref().is_some_and(Listener::is_listening),
                problem: link.problem.clone(),
            },
        }
    }

    /// Runs `f` on the library's connection (see `LibraryLink::run`).
    fn with_library<T>(
        &mut self,
        f: impl FnMut(&mut Library) -> Result<T, LibraryError>,
    ) -> Result<T> {
        let link = self.library.as_mut().ok_or_else(not_connected)?;
        Ok(link.run(f)?)
    }

    // The library's maps.

    /// Every map of the library, by name, with who changed it last and when.
    pub fn library_maps(&mut self) -> Result<Vec<LibraryMapSummary>> {
        self.with_library(|l| l.list_maps())
    }

    /// Finds a library map by id, or by its exact name if that name is unique there.
    pub fn resolve_library_map(&mut self, id_or_name: &str) -> Result<Id> {
        let maps = self.library_maps()?;
        if maps.iter().any(|m| m.id == id_or_name) {
            return Ok(id_or_name.to_string());
        }
        let found: Vec<&LibraryMapSummary> = maps.iter().filter(|m| m.name == id_or_name).collect();
        match found.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(AppError::NotFound(format!(
                "no map of the team library has the id or name {id_or_name:?}"
            ))),
            many => Err(AppError::Invalid(format!(
                "{} maps of the team library are named {id_or_name:?}; use an id: {}",
                many.len(),
                many.iter()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// Publishes local map `local_id` to the library, whole, in one transaction, under
    /// the same ids, signed with the connected user. A map with that id already in the
    /// library is a conflict unless `replace`, which swaps its content for this one (and
    /// whoever has it open reads it again).
    pub fn publish_map(&mut self, local_id: &str, replace: bool) -> Result<()> {
        let map = self.store.load_map(local_id)?;
        let user = self
            .library
            .as_ref()
            .map(|l| l.user.clone())
            .ok_or_else(not_connected)?;
        self.with_library(|l| l.publish(&map, &user, replace))
    }

    /// Copies library map `library_id` into the local database, as an import of its file
    /// would: `Refuse` keeps its ids and fails when a local map has them (its published
    /// original, say), `Replace` overwrites that local map, `Copy` gives it fresh ids and
    /// a "(copy)" name. Undoable in the local library's history. Returns the local id.
    pub fn pull_map(&mut self, library_id: &str, mode: ImportMode) -> Result<Id> {
        let map = self.with_library(|l| l.load_map(library_id))?;
        let label = match mode {
            ImportMode::Copy => "Pull map from the team library as a copy",
            _ => "Pull map from the team library",
        };
        self.write_whole_map(map, mode, label)
    }

    // The open library map.

    /// The open map's copy, if the app has a map open from the library.
    pub(crate) fn library_copy_any(&self) -> Option<&JourneyMap> {
        self.open
            .as_ref()
            .filter(|c| c.location == MapLocation::Library)
            .map(|c| &c.map)
    }

    /// The open map's copy, if it is library map `id`.
    pub(crate) fn library_copy(&self, id: &str) -> Option<&JourneyMap> {
        self.library_copy_any().filter(|m| m.meta.id == id)
    }

    /// Opens library map `id`: read from the server (and kept as its offline copy), or,
    /// when the server cannot be reached, from the offline copy, read-only.
    pub(crate) fn open_library_view(&mut self, id: &str) -> Result<MapView> {
        self.keep_offline(true);
        self.open = None;
        let (can_undo, can_redo) = self.library_undo_redo(id);
        let link = self.library.as_mut().ok_or_else(not_connected)?;
        let cache = match link.run(|l| l.load_map_at(id)) {
            Ok((map, rev)) => {
                let mut c = ViewCache::new(map, can_undo, can_redo, MapLocation::Library, None, 0);
                c.rev = rev;
                c.offline_dirty = true;
                c.generation = link.listener.as_ref().map_or(0, Listener::generation);
                c
            }
            Err(LibraryError::Unreachable { reason, .. }) => {
                let copy = link.offline().and_then(|s| Ok(s.load_map(id)?));
                let Ok(map) = copy else {
                    return Err(AppError::Unreachable(format!(
                        "the team library is unreachable ({reason}), and this computer keeps \
                         no copy of map {id}"
                    )));
                };
                let why = format!(
                    "the team library is unreachable: {reason}. This is the copy kept on \
                     this computer; it cannot be edited until the library answers again"
                );
                ViewCache::new(map, false, false, MapLocation::Library, Some(why), 0)
            }
            Err(e) => return Err(e.into()),
        };
        let view = cache.view.clone();
        self.open = Some(cache);
        self.keep_offline(true);
        Ok(view)
    }

    /// Keeps the open library map as its offline copy when it changed since it was last
    /// kept, `now`, or when [`OFFLINE_EVERY`] has passed. The copy is a convenience: when
    /// it cannot be written, the map is still on the server, and the next open tries
    /// again.
    pub(crate) fn keep_offline(&mut self, now: bool) {
        let App { library, open, .. } = self;
        let (Some(link), Some(c)) = (
            library.as_mut(),
            open.as_mut()
                .filter(|c| c.location == MapLocation::Library && c.read_only.is_none()),
        ) else {
            return;
        };
        if !c.offline_dirty
            || (!now && c.offline_saved.is_some_and(|t| t.elapsed() < OFFLINE_EVERY))
        {
            return;
        }
        if link.save_offline(&c.map).is_ok() {
            c.offline_dirty = false;
            c.offline_saved = Some(Instant::now());
        }
    }

    /// Passes a library call's result on; when it found the server unreachable, keeps the
    /// open copy first (it is the newest there is).
    fn kept_when_unreachable<T>(&mut self, r: Result<T>) -> Result<T> {
        if let Err(AppError::Unreachable(_)) = &r {
            self.keep_offline(true);
        }
        r
    }

    /// The patch that brings the open library map `map_id`'s view up to date with what
    /// others committed since the view was sent (or last patched), or `None` when nothing
    /// changed. Made to be called several times a second: until the listener has heard of
    /// a commit to this map it asks the server nothing (after the listener connects or
    /// reconnects, it asks for the map's revision once, since notifications sent while
    /// nobody listened are lost). `None` too when the map is not open from the library, or
    /// is its read-only offline copy.
    pub fn library_changed(&mut self, map_id: &str) -> Result<Option<MapPatch>> {
        let r = self.library_changed_now(map_id);
        self.kept_when_unreachable(r)
    }

    fn library_changed_now(&mut self, map_id: &str) -> Result<Option<MapPatch>> {
        let Some(c) = self
            .open
            .as_ref()
            .filter(|c| c.location == MapLocation::Library && c.map.meta.id == map_id)
        else {
            return Ok(None);
        };
        if c.read_only.is_some() {
            return Ok(None);
        }
        let (rev, seen_generation, mut due) = (c.rev, c.generation, c.reload);
        let link = self.library.as_mut().ok_or_else(not_connected)?;
        let listener = link.listener()?;
        let (heard, generation) = (listener.heard(map_id), listener.generation());
        due |= heard.is_some_and(|h| h > rev);
        if !due && generation != seen_generation {
            let now = link.run(|l| l.map_rev(map_id))?;
            if let Some(c) = self.open.as_mut() {
                c.generation = generation;
            }
            due = now != rev;
        }
        if !due {
            return Ok(None);
        }
        self.refresh_view_now().map(Some)
    }

    /// Reads the open library map again and answers the patch from the view the UI holds
    /// to the map as the library has it now.
    pub(crate) fn refresh_library_view(&mut self) -> Result<MapPatch> {
        let r = self.refresh_view_now();
        self.kept_when_unreachable(r)
    }

    fn refresh_view_now(&mut self) -> Result<MapPatch> {
        let id = self
            .library_copy_any()
            .map(|m| m.meta.id.clone())
            .ok_or_else(|| AppError::NotFound("no map is open from the team library".into()))?;
        let (can_undo, can_redo) = self.library_undo_redo(&id);
        let link = self.library.as_mut().ok_or_else(not_connected)?;
        let (map, rev) = link.run(|l| l.load_map_at(&id))?;
        let generation = link.listener.as_ref().map_or(0, Listener::generation);
        let c = self
            .open
            .as_mut()
            .ok_or_else(|| AppError::NotFound("no map is open from the team library".into()))?;
        let view = MapView::build_at(&map, can_undo, can_redo, MapLocation::Library, None);
        let mut changed = std::mem::take(&mut c.feedback_changed);
        changed.extend(feedback_targets_changed(&c.map, &map));
        let patch = MapPatch::between(&c.view, &view, changed.into_iter().collect());
        c.map = map;
        c.view = view;
        c.rev = rev;
        c.generation = generation;
        c.reload = false;
        c.links_stale = false;
        c.workshop_stale = false;
        c.read_only = None;
        c.touched = Default::default();
        c.offline_dirty = true;
        self.keep_offline(false);
        Ok(patch)
    }

    /// Runs one edit of the open library map in one library transaction: `f` gets the
    /// transaction (reading the open copy, writing checked rows); then it commits and
    /// notifies. Refused with `unreachable` while the map is the offline copy. A conflict
    /// marks the copy for reading again, so the next patch shows what changed.
    pub(crate) fn library_write<T>(
        &mut self,
        f: impl FnOnce(&dyn Tx) -> Result<T>,
    ) -> Result<(T, Written)> {
        let r = self.library_write_now(f);
        self.kept_when_unreachable(r)
    }

    fn library_write_now<T>(
        &mut self,
        f: impl FnOnce(&dyn Tx) -> Result<T>,
    ) -> Result<(T, Written)> {
        let App { library, open, .. } = self;
        let c = open
            .as_mut()
            .filter(|c| c.location == MapLocation::Library)
            .ok_or_else(|| AppError::NotFound("no map is open from the team library".into()))?;
        if let Some(why) = &c.read_only {
            return Err(AppError::Unreachable(why.clone()));
        }
        let link = library.as_mut().ok_or_else(not_connected)?;
        let user = link.user.clone();
        let mut f = Some(f);
        // A connection that was open before may have died since (the server restarted).
        // Nothing of the edit has run when starting fails, so one new connection is tried.
        let mut fresh = link.conn.is_none();
        let result = loop {
            // The attempt in a block of its own, so that nothing of the connection's
            // borrow outlives it when it fails.
            let failed: LibraryError = {
                let lib = match link.connection() {
                    Ok(lib) => lib,
                    Err(e) => break Err(AppError::from(e)),
                };
                match lib.begin_edit(&c.map, &user) {
                    Ok(w) => {
                        let Some(f) = f.take() else {
                            break Err(AppError::Library("an edit ran twice".into()));
                        };
                        break match f(&w) {
                            Ok(out) => w
                                .finish()
                                .map(|written| (out, written))
                                .map_err(AppError::from),
                            Err(e) => Err(e),
                        };
                    }
                    Err(e) => e,
                }
            };
            match failed {
                LibraryError::Unreachable { .. } if !fresh => {
                    link.conn = None;
                    fresh = true;
                }
                e => break Err(AppError::from(link.noted(e))),
            }
        };
        match &result {
            Err(AppError::Conflict(_)) => c.reload = true,
            Err(AppError::Unreachable(why)) => {
                link.conn = None;
                link.problem = Some(why.clone());
            }
            _ => {}
        }
        result
    }

    /// Keeps the open library map's copy, its revision and its offline copy in step with
    /// a change just committed to the library.
    pub(crate) fn library_committed(
        &mut self,
        change: &Change,
        dir: Direction,
        now: &str,
        written: Written,
    ) {
        let Some(c) = self
            .open
            .as_mut()
            .filter(|c| c.location == MapLocation::Library)
        else {
            return;
        };
        // The copy is the library's new state only when no one else wrote between our
        // last read and this write; otherwise it is read again before the next patch.
        let next = written.rev == c.rev + 1;
        if !c.apply(change, dir, now) || !next || written.renumbered {
            c.reload = true;
        } else {
            c.rev = written.rev;
        }
        c.offline_dirty = true;
        self.keep_offline(false);
    }
}
