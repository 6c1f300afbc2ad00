//! A bounded CSV reader (RFC 4180: comma-separated, `"`-quoted fields with `""` escapes, CRLF or
//! LF line ends, an optional UTF-8 byte-order mark). Limits are checked while reading, so a
//! hostile file cannot make it hold more than [`Limits`] allows.

use std::fmt;

/// How much one file may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Records, the header included.
    pub max_records: usize,
    pub max_fields: usize,
    /// Characters in one field.
    pub max_field_chars: usize,
}

/// Why a file is not readable CSV; `line` is 1-based.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum CsvError {
    TooManyRecords {
        max: usize,
    },
    TooManyFields {
        line: usize,
        max: usize,
    },
    FieldTooLong {
        line: usize,
        max: usize,
    },
    UnclosedQuote {
        line: usize,
    },
    /// A quote inside an unquoted field, or text after a closing quote.
    StrayQuote {
        line: usize,
    },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooManyRecords { max } => write!(f, "the file has more than {max} rows"),
            Self::TooManyFields { line, max } => {
                write!(f, "line {line} has more than {max} columns")
            }
            Self::FieldTooLong { line, max } => {
                write!(f, "line {line} has a value longer than {max} characters")
            }
            Self::UnclosedQuote { line } => write!(f, "a quote opened on line {line} never closes"),
            Self::StrayQuote { line } => write!(f, "line {line} has a misplaced quote"),
        }
    }
}

/// One record: its first line's number and its fields.
pub type Record = (usize, Vec<String>);

/// Reads every record of `text`; blank lines are skipped.
pub fn read(text: &str, limits: Limits) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        limits,
        records: Vec::new(),
        fields: Vec::new(),
        field: String::new(),
        field_chars: 0,
        line: 1,
        record_line: 1,
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if reader.field_chars == 0 => {
                let opened = reader.line;
                loop {
                    match chars.next() {
                        None => return Err(CsvError::UnclosedQuote { line: opened }),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            reader.push('"')?;
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                reader.line += 1;
                            }
                            reader.push(c)?;
                        }
                    }
                }
                // Mark the field as started even when empty (`""`), then only a separator may
                // follow.
                reader.field_chars = reader.field_chars.max(1);
                match chars.peek() {
                    None | Some(',' | '\r' | '\n') => {}
                    Some(_) => return Err(CsvError::StrayQuote { line: reader.line }),
                }
            }
            '"' => return Err(CsvError::StrayQuote { line: reader.line }),
            ',' => reader.end_field()?,
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                reader.end_record()?;
                reader.line += 1;
                reader.record_line = reader.line;
            }
            c => reader.push(c)?,
        }
    }
    reader.end_record()?;
    Ok(reader.records)
}

struct Reader {
    limits: Limits,
    records: Vec<Record>,
    fields: Vec<String>,
    field: String,
    field_chars: usize,
    line: usize,
    record_line: usize,
}

impl Reader {
    fn push(&mut self, c: char) -> Result<(), CsvError> {
        self.field_chars += 1;
        if self.field_chars > self.limits.max_field_chars {
            return Err(CsvError::FieldTooLong {
                line: self.line,
                max: self.limits.max_field_chars,
            });
        }
        self.field.push(c);
        Ok(())
    }

    fn end_field(&mut self) -> Result<(), CsvError> {
        if self.fields.len() >= self.limits.max_fields {
            return Err(CsvError::TooManyFields {
                line: self.record_line,
                max: self.limits.max_fields,
            });
        }
        self.fields.push(std::mem::take(&mut self.field));
        self.field_chars = 0;
        Ok(())
    }

    fn end_record(&mut self) -> Result<(), CsvError> {
        let blank = self.fields.is_empty() && self.field_chars == 0;
        if blank {
            return Ok(());
        }
        self.end_field()?;
        if self.records.len() >= self.limits.max_records {
            return Err(CsvError::TooManyRecords {
                max: self.limits.max_records,
            });
        }
        let fields = std::mem::take(&mut self.fields);
        self.records.push((self.record_line, fields));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        max_records: 4,
        max_fields: 3,
        max_field_chars: 10,
    };

    fn fields(text: &str) -> Result<Vec<Vec<String>>, CsvError> {
        read(text, LIMITS).map(|records| records.into_iter().map(|(_, f)| f).collect())
    }

    #[test]
    fn reads_quotes_line_ends_and_blank_lines() {
        let text = "\u{feff}a,b\r\n\"x, \"\"y\"\"\",\n\n\"two\nlines\",\"\"";
        assert_eq!(
            fields(text),
            Ok(vec![
                vec!["a".to_owned(), "b".to_owned()],
                vec!["x, \"y\"".to_owned(), String::new()],
                vec!["two\nlines".to_owned(), String::new()],
            ])
        );
        let lines: Vec<usize> = read(text, LIMITS)
            .unwrap_or_default()
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        assert_eq!(lines, [1, 2, 4]);
    }

    #[test]
    fn limits_and_malformed_quotes_are_errors() {
        assert_eq!(
            fields("a,b,c,d"),
            Err(CsvError::TooManyFields { line: 1, max: 3 })
        );
        assert_eq!(
            fields("a\nb\nc\nd\ne"),
            Err(CsvError::TooManyRecords { max: 4 })
        );
        assert_eq!(
            fields("a\n0123456789x"),
            Err(CsvError::FieldTooLong { line: 2, max: 10 })
        );
        assert_eq!(
            fields("a\n\"open"),
            Err(CsvError::UnclosedQuote { line: 2 })
        );
        assert_eq!(fields("ab\"c"), Err(CsvError::StrayQuote { line: 1 }));
        assert_eq!(fields("\"a\"b"), Err(CsvError::StrayQuote { line: 1 }));
    }
}
