//! Pieces of the layout that every screen shares, and the forms' toolkit: a save in flight
//! (`Saving`), a form kept as a draft (`FormDraft`), record lists with their unreadable rows
//! (`record_list`). Nothing here imports from `pages/`.

mod change_history;
mod confirm_delete;
mod form_draft;
mod form_fields;
mod guard;
mod header;
mod nav;
mod record_list;
mod save_outcome;
mod saving;
mod session_banner;
mod sync_badge;
mod update_banner;

pub use change_history::ChangeHistory;
pub use confirm_delete::ConfirmDelete;
pub use form_draft::FormDraft;
pub use form_fields::{AssociationSelect, CadreSelect, association_key, cadre_key};
pub use guard::{sign_in_prompt, user_and_place};
pub use header::AppHeader;
pub use nav::BottomNav;
pub use record_list::{ListedRecord, UnreadableRecord, UnreadableRow, record_list};
pub use save_outcome::SaveOutcome;
pub use saving::{Busy, SaveStatus, Saving};
pub use session_banner::{ScopeLeftNotice, SessionEndedBanner};
pub use sync_badge::{SyncBadge, status_text};
pub use update_banner::UpdateBanner;
