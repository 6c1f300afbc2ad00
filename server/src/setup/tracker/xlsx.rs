//! A tracker workbook (XLSX): its first sheet's cells as text records, for the same reader as
//! the CSV template. The archive's unpacked size is bounded before the workbook is parsed (the
//! zip reader holds each entry to its declared size), and the sheet to the template's limits.

use std::io::{Cursor, Read as _};

use calamine::{Data, Reader as _, Xlsx};
use mentora_shared::domain::Date;
use mentora_shared::setup::csv::{CsvError, Record};
use mentora_shared::setup::tracker::MAX_CELL_CHARS;
use mentora_shared::setup::tracker::{FileError, LIMITS, MAX_ROWS};

/// The largest workbook read.
pub const MAX_WORKBOOK_BYTES: usize = 6 << 20;
/// The most a workbook may unpack to, all entries together.
const MAX_UNPACKED_BYTES: u64 = 64 << 20;
const MAX_ENTRIES: usize = 1_000;
/// The most non-empty cells read from a sheet: every row full, with room to spare.
const MAX_CELLS: usize = (MAX_ROWS + 1_000) * 16;
/// Unix day of Excel's day 0 in the 1900 and the 1904 date systems.
const EPOCH_1900: i64 = 25_569;
const EPOCH_1904: i64 = 24_107;

fn not_workbook(reason: impl std::fmt::Display) -> FileError {
    FileError::NotWorkbook {
        reason: reason.to_string(),
    }
}

/// The first sheet's non-empty rows, numbered as Excel numbers them.
pub fn records(bytes: &[u8]) -> Result<Vec<Record>, FileError> {
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Err(FileError::TooLarge {
            max_bytes: MAX_WORKBOOK_BYTES,
        });
    }
    let epoch = check_archive(bytes)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(not_workbook)?;
    let mut cells = first_sheet_cells(&mut workbook)?;
    let (Some(row_start), Some(row_end), Some(col_start)) = (
        cells.iter().map(|(r, _, _)| *r).min(),
        cells.iter().map(|(r, _, _)| *r).max(),
        cells.iter().map(|(_, c, _)| *c).min(),
    ) else {
        return Ok(Vec::new());
    };
    if (row_end - row_start) as usize + 1 > LIMITS.max_records + 1_000 {
        return Err(FileError::TooManyRows { max: MAX_ROWS });
    }
    // stable: of two cells at one position the later wins, as in calamine's own `Range`
    cells.sort_by_key(|(row, column, _)| (*row, *column));
    let mut out: Vec<Record> = Vec::new();
    let mut score_column = None;
    for row_cells in cells.chunk_by(|a, b| a.0 == b.0) {
        let line = row_cells[0].0 as usize + 1;
        let mut fields: Vec<String> = Vec::new();
        for (_, column, cell) in row_cells {
            let at = (column - col_start) as usize;
            let value = text(cell, epoch, score_column == Some(at));
            if value.is_empty() && at >= fields.len() {
                continue;
            }
            if at >= LIMITS.max_fields {
                return Err(FileError::Csv {
                    error: CsvError::TooManyFields {
                        line,
                        max: LIMITS.max_fields,
                    },
                });
            }
            if at >= fields.len() {
                fields.resize(at + 1, String::new());
            }
            fields[at] = value;
        }
        while fields.last().is_some_and(String::is_empty) {
            fields.pop();
        }
        if fields.is_empty() {
            continue;
        }
        if fields.iter().any(|f| f.chars().count() > MAX_CELL_CHARS) {
            return Err(FileError::Csv {
                error: CsvError::FieldTooLong {
                    line,
                    max: MAX_CELL_CHARS,
                },
            });
        }
        if out.is_empty() {
            score_column = fields
                .iter()
                .position(|f| f.trim().eq_ignore_ascii_case("score"));
        }
        if out.len() >= LIMITS.max_records {
            return Err(FileError::TooManyRows { max: MAX_ROWS });
        }
        out.push((line, fields));
    }
    Ok(out)
}

/// The first sheet's non-empty cells as `(row, column, value)`, read one by one. Not calamine's
/// `worksheet_range`: it allocates a cell for every position between the first and the last
/// one, so two cells at A1 and XFD1048576 asked for 512 GiB and aborted the server (found by
/// `cargo xtask fuzz`; `crates/fuzz/fixtures/tracker_xlsx/`). Here memory follows the cells
/// the file holds, and their number is capped.
fn first_sheet_cells(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
) -> Result<Vec<(u32, u32, Data)>, FileError> {
    let name = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or(FileError::Empty)?;
    let mut reader = match workbook.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(err) => return Err(not_workbook(err)),
    };
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(not_workbook)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        if cells.len() >= MAX_CELLS {
            return Err(FileError::TooManyRows { max: MAX_ROWS });
        }
        let (row, column) = cell.get_position();
        cells.push((row, column, Data::from(cell.get_value().clone())));
    }
    Ok(cells)
}

/// Checks the archive's entries and unpacked size; the workbook's date system's epoch.
fn check_archive(bytes: &[u8]) -> Result<i64, FileError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_workbook)?;
    if archive.len() > MAX_ENTRIES {
        return Err(not_workbook("too many parts"));
    }
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(not_workbook)?;
        unpacked = unpacked.saturating_add(entry.size());
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(not_workbook(format!(
            "it unpacks to more than {} MiB",
            MAX_UNPACKED_BYTES >> 20
        )));
    }
    let mut workbook = String::new();
    archive
        .by_name("xl/workbook.xml")
        .map_err(not_workbook)?
        .read_to_string(&mut workbook)
        .map_err(not_workbook)?;
    let date1904 = ["date1904=\"1\"", "date1904=\"true\""]
        .iter()
        .any(|flag| workbook.contains(flag));
    Ok(if date1904 { EPOCH_1904 } else { EPOCH_1900 })
}

/// A number as the CSV template writes it: no exponent, no trailing zeros.
fn number(value: f64) -> String {
    if !value.is_finite() {
        return "#NUM".to_owned();
    }
    let text = format!("{value:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// One cell as text. Dates become YYYY-MM-DD. In the score column, a number between 0 and 1
/// is a cell formatted as a percentage (Excel stores 87.5% as 0.875).
fn text(cell: &Data, epoch: i64, score: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if score && *f > 0.0 && *f <= 1.0 => number(f * 100.0),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let days = dt.as_f64().floor();
            if days.is_finite() && days.abs() < 1e7 {
                Date::from_days_since_epoch(days as i64 - epoch).to_string()
            } else {
                "#DATE".to_owned()
            }
        }
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
