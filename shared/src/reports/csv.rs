//! CSV files as spreadsheets open them: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order
//! mark so Excel reads accents right, and cells that would start a formula (`=`, `+`, `-`, `@`,
//! tab, carriage return) prefixed with `'` so a name typed on a tablet can never run as a
//! formula on a supervisor's computer.

/// Renders rows (the first usually being the header) as CSV text.
pub fn to_csv<R, C>(rows: R) -> String
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = String::from("\u{feff}");
    for row in rows {
        let mut first = true;
        for cell in row {
            if !first {
                out.push(',');
            }
            first = false;
            push_cell(&mut out, cell.as_ref());
        }
        out.push_str("\r\n");
    }
    out
}

fn push_cell(out: &mut String, cell: &str) {
    let guarded = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let needs_quotes = guarded || cell.contains([',', '"', '\n', '\r']);
    if needs_quotes {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    for ch in cell.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    if needs_quotes {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_cells_are_left_alone_and_rows_end_with_crlf() {
        assert_eq!(to_csv([["a", "b"], ["c", "d"]]), "\u{feff}a,b\r\nc,d\r\n");
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        assert_eq!(
            to_csv([["x,y", "say \"hi\"", "two\nlines"]]),
            "\u{feff}\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            to_csv([["=1+1", "-2", "@SUM(A1)", "Aline"]]),
            "\u{feff}\"'=1+1\",\"'-2\",\"'@SUM(A1)\",Aline\r\n"
        );
    }

    #[test]
    fn accents_survive() {
        assert_eq!(to_csv([["Évaluation"]]), "\u{feff}Évaluation\r\n");
    }
}
