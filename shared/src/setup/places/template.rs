//! The places CSV template: one row per place, parents anywhere in the file or already stored.

use super::super::csv::{self, CsvError, Limits};
use super::{Incoming, MAX_PLACES};

/// The template offered for download, with the columns documented in `docs/setup.md`.
pub const CSV_TEMPLATE: &str = "code,name,level,parent_code,dhis2_id
rw,Rwanda,country,,
rw-south,Southern Province,province,rw,
rw-huye,Huye,district,rw-south,
kabutare-dh,Kabutare District Hospital,district_hospital,rw-huye,
rango-hc,Rango Health Centre,health_centre,rw-huye,
";

const COLUMNS: [&str; 5] = ["code", "name", "level", "parent_code", "dhis2_id"];
const REQUIRED: [&str; 3] = ["code", "name", "level"];

/// Why a places file cannot be read at all.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum FileError {
    #[error("{error}")]
    Csv { error: CsvError },
    #[error("the file is empty")]
    Empty,
    #[error("unknown column '{column}' (the columns are {expected})")]
    UnknownColumn { column: String, expected: String },
    #[error("no '{column}' column")]
    MissingColumn { column: String },
    #[error("the file is over {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    #[error("not a DHIS2 organisation units file: {reason}")]
    NotDhis2 { reason: String },
}

/// Reads a places CSV file; every data row becomes an [`Incoming`] (checked by `plan`).
pub fn read_csv(text: &str) -> Result<Vec<Incoming>, FileError> {
    if text.len() > super::MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            max_bytes: super::MAX_FILE_BYTES,
        });
    }
    let limits = Limits {
        max_records: MAX_PLACES + 1,
        max_fields: COLUMNS.len(),
        max_field_chars: 200,
    };
    let mut records = csv::read(text, limits)
        .map_err(|error| FileError::Csv { error })?
        .into_iter();
    let (_, header) = records.next().ok_or(FileError::Empty)?;
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    if let Some(column) = header.iter().find(|h| !COLUMNS.contains(&h.as_str())) {
        return Err(FileError::UnknownColumn {
            column: column.clone(),
            expected: COLUMNS.join(", "),
        });
    }
    if let Some(column) = REQUIRED.iter().find(|c| !header.iter().any(|h| h == *c)) {
        return Err(FileError::MissingColumn {
            column: (*column).to_owned(),
        });
    }
    let at = |name: &str| header.iter().position(|h| h == name);
    let (code, name, level, parent, dhis2) = (
        at("code"),
        at("name"),
        at("level"),
        at("parent_code"),
        at("dhis2_id"),
    );
    let get = |fields: &[String], column: Option<usize>| {
        column
            .and_then(|i| fields.get(i))
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    Ok(records
        .map(|(line, fields)| Incoming {
            row: line,
            id: get(&fields, code).unwrap_or_default(),
            name: get(&fields, name).unwrap_or_default(),
            level: get(&fields, level).unwrap_or_default().to_lowercase(),
            parent: get(&fields, parent),
            from_dhis2: false,
            dhis2_id: get(&fields, dhis2),
        })
        .collect())
}
