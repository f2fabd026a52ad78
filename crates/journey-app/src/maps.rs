//! The library: maps created, renamed, duplicated, deleted, imported and exported, and
//! reads of whole maps. Edits that create, replace or remove a whole map are kept in the
//! library's history ([`crate::HistoryKey::Library`]).

use journey_core::fields::TextField;
use journey_core::interchange::{self, ImportError, Limits, Problem};
use journey_core::model::*;
use journey_core::ops;
use journey_store::{MapSummary, StoreError, Write};

use crate::change::{Change, Direction, Row, RowChange};
use crate::edit::{change, name, one_update, text, On};
use crate::{fresh_id, now, App, AppError, Result};

/// What to do when an imported map's id is already in the database.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Refuse, naming the existing map.
    #[default]
    Refuse,
    /// Replace the existing map in one transaction.
    Replace,
    /// Import as a new map with fresh ids, its name marked as a copy.
    Copy,
}

/// A copy of `map` with fresh ids, stamped as created now, renamed if `name` is given.
fn fresh_copy(map: JourneyMap, name: Option<String>) -> JourneyMap {
    let mut copy = ops::into_fresh_ids(map, fresh_id);
    if let Some(name) = name {
        copy.meta.name = name;
    }
    copy.meta.created_at = now();
    copy.meta.updated_at = copy.meta.created_at.clone();
    copy
}

/// A change that adds a whole map.
fn insert_map(map: JourneyMap, label: &str) -> Change {
    let id = map.meta.id.clone();
    change(&id, label, vec![RowChange::insert(Row::Map(Box::new(map)))])
}

impl App {
    // Reading.

    pub fn list_maps(&self) -> Result<Vec<MapSummary>> {
        Ok(self.store.list_maps()?)
    }

    /// A whole map. The map the app has open from the team library is its open copy
    /// (what the view shows).
    pub fn load_map(&self, id: &str) -> Result<JourneyMap> {
        if let Some(m) = self.library_copy(id) {
            return Ok(m.clone());
        }
        Ok(self.store.load_map(id)?)
    }

    /// The name of the map with this id.
    pub fn map_name(&self, id: &str) -> Result<String> {
        if let Some(m) = self.library_copy(id) {
            return Ok(m.meta.name.clone());
        }
        self.store
            .map_name(id)?
            .ok_or_else(|| AppError::NotFound(format!("no map with id {id}")))
    }

    /// Finds a map by id, or by its exact name if that name is unique.
    pub fn resolve_map(&self, id_or_name: &str) -> Result<Id> {
        if self.store.map_name(id_or_name)?.is_some() {
            return Ok(id_or_name.to_string());
        }
        let found: Vec<MapSummary> = self
            .store
            .list_maps()?
            .into_iter()
            .filter(|m| m.name == id_or_name)
            .collect();
        match found.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(AppError::NotFound(format!(
                "no map has the id or name {id_or_name:?}"
            ))),
            many => Err(AppError::Invalid(format!(
                "{} maps are named {id_or_name:?}; use an id: {}",
                many.len(),
                many.iter()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The map as canonical JSON.
    pub fn export_map(&self, id: &str) -> Result<String> {
        Ok(interchange::export_json(&self.load_map(id)?))
    }

    // Editing the library.

    /// A new map with the seven Complete Product Experience lanes.
    pub fn create_map(&mut self, map_name: &str) -> Result<Id> {
        let map_name = name("name", TextField::MapName, map_name)?;
        let map = ops::new_map(&map_name, &now(), fresh_id);
        let id = map.meta.id.clone();
        self.edit(On::Local, |_| Ok((insert_map(map, "Create map"), ())))?;
        Ok(id)
    }

    /// Sets the map's name, description and persona.
    pub fn update_map(&mut self, id: &str, f: &crate::MapFields) -> Result<()> {
        let map_name = name("name", TextField::MapName, &f.name)?;
        let description = text("description", TextField::Description, &f.description)?;
        let persona_name = text("persona name", TextField::PersonaName, &f.persona_name)?;
        let persona_description = text(
            "persona description",
            TextField::Description,
            &f.persona_description,
        )?;
        self.edit(On::Map(id), |w| {
            let before = w.load_meta(id)?;
            let after = MapMeta {
                name: map_name,
                description,
                persona: Persona {
                    name: persona_name,
                    description: persona_description,
                },
                ..before.clone()
            };
            Ok(one_update(
                id,
                "Edit map",
                Row::Meta(before),
                Row::Meta(after),
            ))
        })
    }

    /// A copy of the map with fresh ids, named "… (copy)".
    pub fn duplicate_map(&mut self, id: &str) -> Result<Id> {
        self.edit(On::Local, |w| {
            let map = w.load_map(id)?;
            let name = ops::copy_name(&map.meta.name);
            let copy = fresh_copy(map, Some(name));
            let new_id = copy.meta.id.clone();
            Ok((insert_map(copy, "Duplicate map"), new_id))
        })
    }

    /// Deletes the map and everything in it (undoable in the library's history).
    pub fn delete_map(&mut self, id: &str) -> Result<()> {
        self.edit(On::Local, |w| {
            let map = w.load_map(id)?;
            Ok((
                change(
                    id,
                    "Delete map",
                    vec![RowChange::delete(Row::Map(Box::new(map)))],
                ),
                (),
            ))
        })?;
        self.history.forget(id);
        Ok(())
    }

    /// Creates the sample map (with fresh ids, so it can be made more than once).
    pub fn create_sample(&mut self) -> Result<Id> {
        let map = fresh_copy(journey_core::sample::sample_map()?, None);
        let id = map.meta.id.clone();
        self.edit(On::Local, |_| {
            Ok((insert_map(map, "Create sample map"), ()))
        })?;
        Ok(id)
    }

    /// Imports a file: checks all of it first, then writes all of it in one transaction,
    /// or nothing. Returns the id of the map written.
    /// Caps the database's size in pages on this app's connection, so that a write past
    /// it fails as on a full disk. For tests of that failure.
    #[doc(hidden)]
    pub fn limit_database_pages(&self, pages: i64) -> Result<i64> {
        Ok(self.store.limit_pages(pages)?)
    }

    /// The database's size in pages.
    pub fn database_pages(&self) -> Result<i64> {
        Ok(self.store.page_count()?)
    }

    pub fn import_map(&mut self, bytes: &[u8], mode: ImportMode) -> Result<Id> {
        let parsed = interchange::parse_map_file(bytes, &Limits::default())?;
        let label = match mode {
            ImportMode::Copy => "Import map as a copy",
            _ => "Import map",
        };
        self.write_whole_map(parsed, mode, label)
    }

    /// Writes a whole map read elsewhere (a file, the team library) into the local
    /// database, in one transaction: refused when its id is taken, replacing the map that
    /// has it, or as a copy with fresh ids (`mode`). Kept in the library's history.
    pub(crate) fn write_whole_map(
        &mut self,
        parsed: JourneyMap,
        mode: ImportMode,
        label: &str,
    ) -> Result<Id> {
        // One whole map in memory at a time: a large file's map is most of what an
        // import holds (the copy is made in place; the history keeps the map that was
        // written, not a clone of it).
        let map = match mode {
            ImportMode::Copy => {
                let name = ops::copy_name(&parsed.meta.name);
                fresh_copy(parsed, Some(name))
            }
            _ => parsed,
        };
        let id = map.meta.id.clone();
        self.backup_if_due();
        let change = self
            .store
            .write(|w| -> Result<Change> {
                let mut before = None;
                if let Some(existing) = w.map_name(&id)? {
                    if mode != ImportMode::Replace {
                        return Err(AppError::MapExists {
                            id: id.clone(),
                            name: existing,
                        });
                    }
                    before = Some(Row::Map(Box::new(w.load_map(&id)?)));
                    // Out first, so that the new rows may reuse the old map's ids.
                    w.delete_map(&id)?;
                }
                w.insert_map(&map).map_err(|e| id_in_use(w, e))?;
                Ok(change(
                    &id,
                    label,
                    vec![RowChange {
                        before,
                        after: Some(Row::Map(Box::new(map))),
                    }],
                ))
            })
            .map_err(|e| e.at(self.store.path()))?;
        self.committed(&change, Direction::Forward, &now());
        self.history.record(change, false);
        Ok(id)
    }
}

/// Names the element whose id another map already uses, by its JSON path.
fn id_in_use(w: &Write<'_>, e: StoreError) -> AppError {
    let StoreError::IdInUse { list, index, id } = e else {
        return e.into();
    };
    let whose = match w.owner_of_id(&id) {
        Ok(Some((mid, name))) => format!("map {name:?} ({mid})"),
        _ => "another map".to_string(),
    };
    let path = if list == "map" {
        "/map/id".to_string()
    } else {
        format!("/{list}/{index}/id")
    };
    AppError::Import(ImportError {
        problems: vec![Problem {
            path,
            message: format!("id {id:?} is already used by {whose}; import with --copy to give this map fresh ids"),
        }],
    })
}
