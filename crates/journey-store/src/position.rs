//! Real-valued sort keys for the reorderable lists, read and renumbered through the
//! index (the rule is `journey_core::position`'s).

use rusqlite::params;

use crate::error::Result;
use crate::Write;

pub use journey_core::position::Scope;
use journey_core::position::{after, neighbours_from, place, Place};

/// The scope's table and the SQL condition on its keys (`?1`, and `?2` for a cell).
fn table_and_filter(scope: &Scope<'_>) -> (&'static str, &'static str) {
    let filter = match scope {
        Scope::Stages { .. } | Scope::Lanes { .. } => "map_id = ?1",
        Scope::Cell { .. } => "stage_id = ?1 AND lane_id = ?2",
    };
    (scope.table(), filter)
}

fn keys<'a>(scope: &Scope<'a>) -> (&'a str, &'a str) {
    match *scope {
        Scope::Stages { map_id } | Scope::Lanes { map_id } => (map_id, ""),
        Scope::Cell { stage_id, lane_id } => (stage_id, lane_id),
    }
}

impl Write<'_> {
    /// The position key that puts a new item at `index` (0-based) among the items of
    /// `scope`; past the end, last.
    pub fn position_for_new(&self, scope: Scope<'_>, index: usize) -> Result<f64> {
        self.position_at(scope, None, index)
    }

    /// The position key that moves item `id` to `index` (0-based) among the other items of
    /// `scope`; past the end, last.
    pub fn position_for_move(&self, scope: Scope<'_>, id: &str, index: usize) -> Result<f64> {
        self.position_at(scope, Some(id), index)
    }

    /// The position key after the last item of `scope`.
    pub fn position_at_end(&self, scope: Scope<'_>) -> Result<f64> {
        self.end_position(scope, None)
    }

    /// The position key that puts an item at `index` (0-based) among the items of
    /// `scope`, not counting `moving` itself. Reads at most two rows through the index; if
    /// the gap between neighbours has worn too thin, the scope is renumbered first.
    fn position_at(&self, scope: Scope<'_>, moving: Option<&str>, index: usize) -> Result<f64> {
        let (table, filter) = table_and_filter(&scope);
        let (k1, k2) = keys(&scope);
        let sql = format!(
            "SELECT position FROM {table} WHERE {filter} AND id IS NOT ?3
             ORDER BY position, id LIMIT 2 OFFSET ?4"
        );
        let neighbours = |offset: usize| -> Result<Vec<f64>> {
            let mut stmt = self.tx.prepare_cached(&sql)?;
            let k2: Option<&str> = if k2.is_empty() { None } else { Some(k2) };
            let rows = stmt.query_map(params![k1, k2, moving, offset as i64], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let rows = neighbours(neighbours_from(index))?;
        match place(index, &rows) {
            Place::At(p) => Ok(p),
            Place::End => self.end_position(scope, moving),
            Place::Renumber => {
                self.renumber(scope)?;
                let rows = neighbours(neighbours_from(index))?;
                Ok(match place(index, &rows) {
                    Place::At(p) => p,
                    Place::End | Place::Renumber => index as f64 + 1.0,
                })
            }
        }
    }

    /// The position key after the last item of `scope`, not counting `moving` itself.
    fn end_position(&self, scope: Scope<'_>, moving: Option<&str>) -> Result<f64> {
        let (table, filter) = table_and_filter(&scope);
        let (k1, k2) = keys(&scope);
        let sql = format!("SELECT max(position) FROM {table} WHERE {filter} AND id IS NOT ?3");
        let k2: Option<&str> = if k2.is_empty() { None } else { Some(k2) };
        let max: Option<f64> = self
            .tx
            .query_row(&sql, params![k1, k2, moving], |r| r.get(0))?;
        Ok(after(max))
    }

    /// Gives the items of `scope` positions 1, 2, 3… in their current order.
    fn renumber(&self, scope: Scope<'_>) -> Result<()> {
        let (table, filter) = table_and_filter(&scope);
        let (k1, k2) = keys(&scope);
        let k2: Option<&str> = if k2.is_empty() { None } else { Some(k2) };
        let ids: Vec<String> = {
            let mut stmt = self.tx.prepare(&format!(
                "SELECT id FROM {table} WHERE {filter} AND ?2 IS ?2 ORDER BY position, id"
            ))?;
            let rows = stmt.query_map(params![k1, k2], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut stmt = self
            .tx
            .prepare(&format!("UPDATE {table} SET position = ?2 WHERE id = ?1"))?;
        for (i, id) in ids.iter().enumerate() {
            stmt.execute(params![id, i as f64 + 1.0])?;
        }
        Ok(())
    }
}
