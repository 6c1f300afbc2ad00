//! Reports as pure functions over synced documents: Tables 1 and 2 of the Ingobyi brief (over
//! [`brief_tables`]), the supervisor dashboard ([`dashboard`]), the data exports, DHIS2 data value
//! sets and CSV. The server and the app render them; neither re-implements a definition.

pub mod brief_tables;
pub mod csv;
pub mod dashboard;
pub mod dhis2;
pub mod exports;
pub mod fiscal;

pub use brief_tables::{
    BRIEF_AREAS, Mark, TABLE1_LEVELS, TABLE2_LEVELS, Table1Cell, Table1Row, Table2Row, TableInput,
    cell_text,
};
pub use csv::to_csv;
pub use dhis2::{
    DataValue, DataValueSet, Dhis2Error, Dhis2Export, Dhis2Mapping, Dhis2Request, Indicator,
    Period, PeriodType, dhis2_export,
};
pub use exports::{
    Column, ColumnKind, ExportMentee, ExportTable, Placed, assessments_table, mentees_table,
    qi_actions_table, validations_table, visits_table,
};
pub use fiscal::{FiscalCalendar, FiscalQuarter, FiscalYear};
