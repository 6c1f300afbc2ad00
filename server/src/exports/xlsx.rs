//! The XLSX workbook: one sheet per export table, built from the same [`ExportTable`]s as the
//! CSV files. The header row is bold, frozen and filterable; numbers and dates are stored as
//! numbers and dates so a supervisor can sort and sum; columns are sized to their content.
//! Cells are written as strings, never formulas, so nothing typed on a tablet can run.

use mentora_shared::domain::Date;
use mentora_shared::reports::{ColumnKind, ExportTable};
use rust_xlsxwriter::{ColNum, ExcelDateTime, Format, RowNum, Workbook, Worksheet, XlsxError};

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Column widths, in characters.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

/// The workbook as bytes, sheets in the order given.
pub(super) fn workbook(tables: &[ExportTable]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(table.name))?;
        write_table(sheet, table, &bold, &day)?;
    }
    book.save_to_buffer()
}

/// `mentees` → `Mentees`.
fn sheet_name(name: &str) -> String {
    let mut chars = name.chars().map(|c| if c == '_' { ' ' } else { c });
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn write_table(
    sheet: &mut Worksheet,
    table: &ExportTable,
    bold: &Format,
    day: &Format,
) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = table
        .columns
        .iter()
        .map(|c| c.name.chars().count())
        .collect();
    for (col, column) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, col_num(col)?, column.name, bold)?;
    }
    for (index, row) in table.rows.iter().enumerate() {
        let row_num = RowNum::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, (cell, column)) in row.iter().zip(&table.columns).enumerate() {
            let col_num = col_num(col)?;
            if cell.is_empty() {
                continue;
            }
            let number = matches!(column.kind, ColumnKind::Integer | ColumnKind::Decimal)
                .then(|| cell.parse::<f64>().ok())
                .flatten();
            let date = (column.kind == ColumnKind::Date)
                .then(|| excel_date(cell))
                .flatten();
            if let Some(number) = number {
                sheet.write_number(row_num, col_num, number)?;
            } else if let Some(date) = date {
                sheet.write_datetime_with_format(row_num, col_num, &date, day)?;
            } else {
                // Anything that does not parse as its column's kind is kept as text.
                let text: String = cell.chars().take(MAX_CELL_CHARS).collect();
                sheet.write_string(row_num, col_num, text)?;
            }
            if let Some(width) = widths.get_mut(col) {
                *width = (*width).max(cell.chars().count());
            }
        }
    }
    for (col, width) in widths.into_iter().enumerate() {
        let width = (width + 2).clamp(MIN_WIDTH, MAX_WIDTH);
        sheet.set_column_width(col_num(col)?, u32::try_from(width).unwrap_or(60))?;
    }
    if !table.columns.is_empty() {
        let last_row =
            RowNum::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, last_row, col_num(table.columns.len() - 1)?)?;
    }
    Ok(())
}

fn col_num(index: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// An ISO date as an Excel date; `None` for anything else (then written as text).
fn excel_date(cell: &str) -> Option<ExcelDateTime> {
    let date = Date::parse(cell).ok()?;
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, date.month(), date.day()).ok()
}
