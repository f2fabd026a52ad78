//! How every edit runs, and the input checks every use-case shares.
//!
//! [`App::edit`] builds a change inside one write transaction, applies it there, keeps
//! the open map's copy in step and records the change for undo. A use-case only says what
//! rows change; it never commits, touches the history or the copy itself.
//!
//! Where the transaction runs is decided before the use-case's closure is called, from
//! what the edit is about ([`On`]): the open map's store when the thing is in the map the
//! app has open from the team library, the local database otherwise. The closure gets a
//! [`Tx`] either way.

use journey_core::fields::{self, Score, TextField};
use journey_core::model::FeedbackTarget;

use crate::change::{Change, Direction, Row, RowChange};
use crate::store::Tx;
use crate::{now, App, AppError, Result};

/// What an edit is about: a map, or a row by its id. An edit of a row of the map the app
/// has open from the team library runs in the library; anything else in the local
/// database.
#[derive(Debug, Clone, Copy)]
pub(crate) enum On<'a> {
    /// A whole map created, copied, imported or deleted: always the local database.
    Local,
    Map(&'a str),
    Stage(&'a str),
    Lane(&'a str),
    Touchpoint(&'a str),
    Link(&'a str),
    Feedback(&'a str),
    Decision(&'a str),
    Round(&'a str),
    Target(&'a FeedbackTarget),
}

impl App {
    /// Builds an edit inside one write transaction, applies it there, and keeps it for
    /// undo. `build` reads what it needs and returns the change and a result. `on` says
    /// what the edit is about, which decides where it runs (see [`On`]).
    pub(crate) fn edit<T>(
        &mut self,
        on: On<'_>,
        build: impl FnOnce(&dyn Tx) -> Result<(Change, T)>,
    ) -> Result<T> {
        if self.on_library(on) {
            let now = now();
            let ((change, out), written) = self.library_write(|w| {
                let (change, out) = build(w)?;
                change.commit(w, Direction::Forward, &now)?;
                Ok((change, out))
            })?;
            self.library_committed(&change, Direction::Forward, &now, written);
            self.history.record(change, true);
            return Ok(out);
        }
        self.backup_if_due();
        let now = now();
        let (change, out) = self
            .store
            .write(|w| -> Result<(Change, T)> {
                let (change, out) = build(w)?;
                change.commit(w, Direction::Forward, &now)?;
                Ok((change, out))
            })
            .map_err(|e| e.at(self.store.path()))?;
        self.committed(&change, Direction::Forward, &now);
        self.history.record(change, false);
        Ok(out)
    }

    /// Keeps the open map's copy in step with a change just committed to the local
    /// database (a library map open under the same id is another map).
    pub(crate) fn committed(&mut self, change: &Change, dir: Direction, now: &str) {
        if let Some(c) = self
            .open
            .as_mut()
            .filter(|c| c.location == crate::MapLocation::Local)
        {
            if !c.apply(change, dir, now) {
                self.open = None;
            }
        }
    }

    /// Whether an edit about `on` runs in the team library: `on` is (in) the map the app
    /// has open from it, as the open copy shows it.
    pub(crate) fn on_library(&self, on: On<'_>) -> bool {
        let Some(m) = self.library_copy_any() else {
            return false;
        };
        match on {
            On::Local => false,
            On::Map(id) => m.meta.id == id,
            On::Stage(id) => m.stage(id).is_some(),
            On::Lane(id) => m.lane(id).is_some(),
            On::Touchpoint(id) => m.touchpoint(id).is_some(),
            On::Link(id) => m.links.iter().any(|x| x.id == id),
            On::Feedback(id) => m.feedback.iter().any(|x| x.id == id),
            On::Decision(id) => m.decisions.iter().any(|x| x.id == id),
            On::Round(id) => m.rounds.iter().any(|x| x.id == id),
            On::Target(FeedbackTarget::Touchpoint(id)) => m.touchpoint(id).is_some(),
            On::Target(FeedbackTarget::Stage(id)) => m.stage(id).is_some(),
        }
    }
}

/// A rule broken by the value of `what`.
pub(crate) fn invalid(what: &str, problem: impl std::fmt::Display) -> AppError {
    AppError::Invalid(format!("{what}: {problem}"))
}

/// A text value checked against its field's limits.
pub(crate) fn text(what: &str, field: TextField, value: &str) -> Result<String> {
    fields::check_text(field, value).map_err(|e| invalid(what, e))?;
    Ok(value.to_string())
}

/// A name or title: checked, then trimmed.
pub(crate) fn name(what: &str, field: TextField, value: &str) -> Result<String> {
    Ok(text(what, field, value)?.trim().to_string())
}

/// An optional text, trimmed; empty means none.
pub(crate) fn optional(
    value: Option<&str>,
    check: impl FnOnce(&str) -> Result<String>,
) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => check(v).map(Some),
    }
}

/// A score in its range, or none.
pub(crate) fn score<T: Copy + Into<i64>>(
    what: &str,
    s: Score,
    value: Option<T>,
) -> Result<Option<T>> {
    if let Some(v) = value {
        fields::check_score(s, v.into()).map_err(|e| invalid(what, e))?;
    }
    Ok(value)
}

/// A change of one map, with its label for the undo menu.
pub(crate) fn change(map_id: &str, label: &str, rows: Vec<RowChange>) -> Change {
    Change {
        map_id: map_id.to_string(),
        label: label.to_string(),
        rows,
    }
}

/// An edit that changes one row and returns nothing else.
pub(crate) fn one_update(map_id: &str, label: &str, before: Row, after: Row) -> (Change, ()) {
    (
        change(map_id, label, vec![RowChange::update(before, after)]),
        (),
    )
}

/// An edit that inserts one row and returns its id.
pub(crate) fn one_insert(map_id: &str, label: &str, row: Row, id: String) -> (Change, String) {
    (change(map_id, label, vec![RowChange::insert(row)]), id)
}

/// An edit that deletes one row.
pub(crate) fn one_delete(map_id: &str, label: &str, row: Row) -> (Change, ()) {
    (change(map_id, label, vec![RowChange::delete(row)]), ())
}
