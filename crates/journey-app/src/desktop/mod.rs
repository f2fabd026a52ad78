//! The desktop app's side of the use-cases: the declared command surface ([`api`], from
//! the one list in [`crate::with_commands!`]), the camelCase DTOs the UI receives
//! ([`dto`], generated into TypeScript), and how edits answer: with a [`patch`] of the
//! view, computed against the open map kept in memory (`view_cache`).

pub mod api;
mod command_list;
pub mod dto;
pub mod patch;
pub mod recovery;
pub(crate) mod view_cache;
