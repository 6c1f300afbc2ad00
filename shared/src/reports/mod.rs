//! Reports as pure functions: Tables 1 and 2 of the Ingobyi brief (over [`TableInput`], built
//! from a [`Dataset`](crate::domain::Dataset) or, in [`review`], from synced documents); over a
//! `Dataset`: time to validation, pre/post gains, visit compliance, CHW coverage per
//! quarter, QI action completion and the cascade. The server and the app render them; neither
//! re-implements a definition.

pub mod coverage;
pub mod csv;
pub mod dhis2;
pub mod exports;
pub mod fiscal;
pub mod outcomes;
pub mod review;
pub mod tables;

pub use coverage::{
    CascadeReport, ChwCoverage, VisitCompliance, cascade, chw_coverage, visit_compliance,
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
pub use outcomes::{
    QiCompletion, ScoreGain, TimeToValidation, pre_post_gains, qi_action_completion,
    time_to_validation,
};
pub use tables::{
    BRIEF_AREAS, Mark, TABLE1_LEVELS, TABLE2_LEVELS, Table1Cell, Table1Row, Table2Row, TableInput,
    cell_text,
};
