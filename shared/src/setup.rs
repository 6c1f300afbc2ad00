//! Programme set-up: the pure half of imports. Files are parsed with limits checked while
//! reading, checked row by row, and compared with what the server holds into a plan the admin
//! previews; the server writes a plan only when it has no errors.

pub mod csv;
pub mod places;
pub mod tracker;
