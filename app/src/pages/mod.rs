//! One module per top-level screen, named for what the user sees.

mod not_found;
mod places;
mod settings;
mod sync;

pub use not_found::NotFoundPage;
pub use places::PlacesPage;
pub use settings::SettingsPage;
pub use sync::SyncPage;
