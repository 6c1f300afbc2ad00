//! The crate's single integration-test binary: the shipped catalogue's content, and Tables 1 and 2
//! over the demo dataset against values worked out by hand.

#[path = "integration/catalogue_content.rs"]
mod catalogue_content;
#[path = "integration/demo_dataset.rs"]
mod demo_dataset;
#[path = "integration/reports.rs"]
mod reports;
