//! How every edit runs, and the input checks every use-case shares.
//!
//! [`App::edit`] builds a change inside one write transaction, applies it there, keeps
//! the open map's copy in step and records the change for undo. A use-case only says what
//! rows change; it never commits, touches the history or the copy itself.

use journey_core::fields::{self, Score, TextField};
use journey_store::Write;

use crate::change::{Change, Direction, Row, RowChange};
use crate::{now, App, AppError, Result};

impl App {
    /// Builds an edit inside one write transaction, applies it there, and keeps it for
    /// undo. `build` reads what it needs and returns the change and a result.
    pub(crate) fn edit<T>(
        &mut self,
        build: impl FnOnce(&Write<'_>) -> Result<(Change, T)>,
    ) -> Result<T> {
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
        self.history.record(change);
        Ok(out)
    }

    /// Keeps the open map's copy in step with a change just committed.
    pub(crate) fn committed(&mut self, change: &Change, dir: Direction, now: &str) {
        if let Some(c) = &mut self.open {
            if !c.apply(change, dir, now) {
                self.open = None;
            }
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
