//! Reading one data row: cells by column name, yes/no and weight cells, and whether the row
//! starts a new section (question) or continues the one above.

use super::Columns;
use super::problem::SheetProblem;
use crate::domain::BilingualText;

/// Whether a row starts a new section (question) or continues the one above.
#[derive(Default)]
pub(super) struct Grouping {
    current: Option<String>,
    finished: Vec<String>,
}

pub(super) enum Next {
    Start(String),
    Continue,
    /// The row cannot be placed; its problem is recorded.
    Skip,
}

impl Grouping {
    pub(super) fn next(&mut self, row: &mut Row<'_>, group: &str) -> Next {
        let column = format!("{group}_id");
        let id = row.cell(&column);
        match (&self.current, id.is_empty()) {
            (None, true) => {
                row.problems.push(SheetProblem::NothingToContinue {
                    line: row.line,
                    column,
                });
                Next::Skip
            }
            (Some(_), true) => Next::Continue,
            (Some(current), false) if *current == id => Next::Continue,
            (_, false) => {
                if self.finished.contains(&id) {
                    row.problems
                        .push(SheetProblem::Split { line: row.line, id });
                    return Next::Skip;
                }
                if let Some(previous) = self.current.replace(id.clone()) {
                    self.finished.push(previous);
                }
                Next::Start(id)
            }
        }
    }
}

/// One data row being read; problems go to the sheet's list.
pub(super) struct Row<'a> {
    pub(super) line: usize,
    pub(super) fields: &'a [String],
    pub(super) columns: &'a Columns,
    pub(super) problems: &'a mut Vec<SheetProblem>,
}

impl Row<'_> {
    /// A cell's text, trimmed, with the `'` the CSV writer puts before a formula-looking value
    /// taken off again; absent columns and cells read as blank.
    pub(super) fn cell(&self, column: &str) -> String {
        let raw = self
            .columns
            .get(column)
            .and_then(|at| self.fields.get(*at))
            .map_or("", |cell| cell.trim());
        match raw.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
            _ => raw.to_owned(),
        }
    }

    pub(super) fn required(&mut self, column: &str) -> String {
        let value = self.cell(column);
        if value.is_empty() {
            self.problems.push(SheetProblem::Blank {
                line: self.line,
                column: column.to_owned(),
            });
        }
        value
    }

    /// `{prefix}_en`, `_fr` and `_rw` as one text; a blank English or French is the loader's
    /// to report (it names the item), a blank Kinyarwanda means not translated yet.
    pub(super) fn text(&self, prefix: &str) -> BilingualText {
        let rw = self.cell(&format!("{prefix}_rw"));
        BilingualText {
            en: self.cell(&format!("{prefix}_en")),
            fr: self.cell(&format!("{prefix}_fr")),
            rw: (!rw.is_empty()).then_some(rw),
        }
    }

    /// On a continuing row, the group's text cells are blank or repeat the first row's.
    pub(super) fn same_text(&mut self, prefix: &str, first: &BilingualText) {
        for (language, expected) in [
            ("en", first.en.as_str()),
            ("fr", first.fr.as_str()),
            ("rw", first.rw.as_deref().unwrap_or("")),
        ] {
            let column = format!("{prefix}_{language}");
            let value = self.cell(&column);
            if !value.is_empty() && value != expected {
                self.differs(&column);
            }
        }
    }

    pub(super) fn differs(&mut self, column: &str) {
        self.problems.push(SheetProblem::Differs {
            line: self.line,
            column: column.to_owned(),
        });
    }

    pub(super) fn explanation(&self) -> Option<BilingualText> {
        let text = self.text("explanation");
        (!text.en.is_empty() || !text.fr.is_empty()).then_some(text)
    }

    /// Yes/no in the languages the sheets are written in; blank is no.
    pub(super) fn flag(&mut self, column: &str) -> bool {
        let value = self.cell(column);
        match value.to_lowercase().as_str() {
            "" | "no" | "n" | "non" | "oya" | "false" | "0" => false,
            "yes" | "y" | "oui" | "yego" | "true" | "1" | "x" => true,
            _ => {
                self.problems.push(SheetProblem::NotYesNo {
                    line: self.line,
                    column: column.to_owned(),
                    value,
                });
                false
            }
        }
    }

    /// Blank is the default weight, 1.
    pub(super) fn weight(&mut self) -> u32 {
        let value = self.cell("weight");
        if value.is_empty() {
            return 1;
        }
        match value.parse::<u32>() {
            Ok(weight @ 1..=1000) => weight,
            _ => {
                self.problems.push(SheetProblem::BadWeight {
                    line: self.line,
                    value,
                });
                1
            }
        }
    }
}
