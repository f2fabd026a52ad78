//! Real-valued sort keys for the reorderable lists (stages, lanes, the touchpoints of a
//! cell): a move rewrites one row; a list is renumbered only when a gap wears thinner than
//! 1e-6.

use rusqlite::params;

use crate::error::Result;
use crate::Write;

/// The reorderable lists a position key is relative to.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// The stages of a map.
    Stages { map_id: &'a str },
    /// The lanes of a map.
    Lanes { map_id: &'a str },
    /// The touchpoints of one cell.
    Cell { stage_id: &'a str, lane_id: &'a str },
}

impl Scope<'_> {
    fn table_and_filter(&self) -> (&'static str, &'static str) {
        match self {
            Scope::Stages { .. } => ("stages", "map_id = ?1"),
            Scope::Lanes { .. } => ("lanes", "map_id = ?1"),
            Scope::Cell { .. } => ("touchpoints", "stage_id = ?1 AND lane_id = ?2"),
        }
    }

    fn keys(&self) -> (&str, &str) {
        match *self {
            Scope::Stages { map_id } | Scope::Lanes { map_id } => (map_id, ""),
            Scope::Cell { stage_id, lane_id } => (stage_id, lane_id),
        }
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
        let (table, filter) = scope.table_and_filter();
        let (k1, k2) = scope.keys();
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
        let pick = |rows: &[f64]| -> Option<f64> {
            if index == 0 {
                return Some(rows.first().map_or(1.0, |next| next - 1.0));
            }
            match rows {
                [] => None, // index past the end: append
                [prev] => Some(prev + 1.0),
                [prev, next, ..] if next - prev > 1e-6 => Some((prev + next) / 2.0),
                _ => Some(f64::NAN),
            }
        };
        let offset = index.saturating_sub(1);
        let rows = neighbours(offset)?;
        match pick(&rows) {
            Some(p) if p.is_finite() => Ok(p),
            Some(_) => {
                self.renumber(scope)?;
                let rows = neighbours(offset)?;
                Ok(pick(&rows)
                    .filter(|p| p.is_finite())
                    .unwrap_or(index as f64 + 1.0))
            }
            None => self.end_position(scope, moving),
        }
    }

    /// The position key after the last item of `scope`, not counting `moving` itself.
    fn end_position(&self, scope: Scope<'_>, moving: Option<&str>) -> Result<f64> {
        let (table, filter) = scope.table_and_filter();
        let (k1, k2) = scope.keys();
        let sql = format!("SELECT max(position) FROM {table} WHERE {filter} AND id IS NOT ?3");
        let k2: Option<&str> = if k2.is_empty() { None } else { Some(k2) };
        let max: Option<f64> = self
            .tx
            .query_row(&sql, params![k1, k2, moving], |r| r.get(0))?;
        Ok(max.map_or(1.0, |m| m.floor() + 1.0))
    }

    /// Gives the items of `scope` positions 1, 2, 3… in their current order.
    fn renumber(&self, scope: Scope<'_>) -> Result<()> {
        let (table, filter) = scope.table_and_filter();
        let (k1, k2) = scope.keys();
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
