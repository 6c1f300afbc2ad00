//! Reads the translation files under `app/i18n/<lang>/` and checks them against English, for
//! `build.rs` (which turns them into Rust) and for the unit tests in `i18n.rs` (`cargo test -p
//! mentora-app`). Standard library only: a small JSON reader that keeps the order of keys (the
//! order of a set's variants) and refuses a key written twice, which a general JSON library
//! would silently keep the last of.
//!
//! Every problem names the language, the file, the set and the key, so a translator can find it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The languages the app knows how to show (plural rule, month names, number formats, in
/// `app/src/i18n.rs` and `app/src/locale.rs`): code, `Lang` variant, plural categories. A
/// language is built in when its folder `app/i18n/<code>/` exists.
pub const KNOWN: &[(&str, &str, &[&str])] = &[
    ("en", "En", &["one", "other"]),
    // CLDR says `one`/`many`/`other` for French; `many` is only for exact millions ("1 000 000
    // de …"), which Mentora never counts, so its phrases have `one` and `other`.
    ("fr", "Fr", &["one", "other"]),
    // See `Lang::plural` for the rule and where it comes from.
    ("rw", "Rw", &["one", "other"]),
];

/// The source language: every other language must have exactly its files, sets and keys.
pub const SOURCE: &str = "en";

/// A phrase: one text, or one text per plural category (`{n}` stands for the number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Text(String),
    Counted(Vec<(String, String)>),
}

/// A named set of phrases: one Rust enum (`DKey`), its keys its variants, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set {
    pub name: String,
    pub entries: Vec<(String, Entry)>,
}

/// One file: `components/confirm_delete` for `app/i18n/<lang>/components/confirm_delete.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub sets: Vec<Set>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    pub files: Vec<File>,
}

/// Every language folder under `root` (`app/i18n`), English first, or every problem found.
pub fn load_dir(root: &Path) -> Result<Vec<Language>, Vec<String>> {
    let mut problems = Vec::new();
    let mut codes: Vec<String> = match std::fs::read_dir(root) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.'))
            .collect(),
        Err(e) => return Err(vec![format!("cannot read {}: {e}", root.display())]),
    };
    codes.sort_by_key(|code| (code != SOURCE, code.clone()));
    let mut languages = Vec::new();
    for code in codes {
        let mut paths = Vec::new();
        collect_json(&root.join(&code), "", &mut paths, &mut problems);
        paths.sort();
        let mut files = Vec::new();
        for path in paths {
            let full = root.join(&code).join(format!("{path}.json"));
            match std::fs::read_to_string(&full) {
                Ok(text) => match parse_file(&text) {
                    Ok(sets) => files.push(File { path, sets }),
                    Err(e) => problems.push(format!("{code}: {path}.json: {e}")),
                },
                Err(e) => problems.push(format!("{code}: {path}.json: cannot read: {e}")),
            }
        }
        languages.push(Language { code, files });
    }
    if problems.is_empty() {
        Ok(languages)
    } else {
        Err(problems)
    }
}

fn collect_json(dir: &Path, prefix: &str, out: &mut Vec<String>, problems: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        problems.push(format!("cannot read {}", dir.display()));
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        if entry.path().is_dir() {
            collect_json(&entry.path(), &rel, out, problems);
        } else if let Some(stem) = rel.strip_suffix(".json") {
            out.push(stem.to_owned());
        }
    }
}

/// The problems of `languages` (from [`load_dir`]), each naming language, file, set and key.
pub fn check(languages: &[Language]) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(source) = languages.iter().find(|l| l.code == SOURCE) else {
        return vec![format!(
            "no `{SOURCE}` folder: English is the source of every key"
        )];
    };
    for language in languages {
        let Some(categories) = categories(&language.code) else {
            problems.push(format!(
                "{}: the app knows no language `{}` (known: {}); add it to `Lang` in \
                 app/src/i18n.rs and to KNOWN in app/i18n_check.rs",
                language.code,
                language.code,
                KNOWN.iter().map(|k| k.0).collect::<Vec<_>>().join(", ")
            ));
            continue;
        };
        if language.code == SOURCE {
            check_source(language, categories, &mut problems);
        } else {
            check_translation(source, language, categories, &mut problems);
        }
    }
    problems
}

/// The plural categories `code`'s counted phrases must have, if the app knows the language.
pub fn categories(code: &str) -> Option<&'static [&'static str]> {
    KNOWN.iter().find(|k| k.0 == code).map(|k| k.2)
}

fn check_source(source: &Language, categories: &[&str], problems: &mut Vec<String>) {
    for file in &source.files {
        let file_ok = !file.path.is_empty()
            && file.path.split('/').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        if !file_ok {
            problems.push(format!(
                "{SOURCE}: {}.json: a file name must be lowercase letters, digits and _",
                file.path
            ));
        }
        for set in &file.sets {
            let at = format!("{SOURCE}: {}.json: {}", file.path, set.name);
            if !is_type_name(&set.name) {
                problems.push(format!("{at}: a set name must be a Rust type name (DKey)"));
            }
            if set.entries.is_empty() {
                problems.push(format!("{at}: the set is empty"));
            }
            let counted = set
                .entries
                .iter()
                .filter(|(_, e)| matches!(e, Entry::Counted(_)))
                .count();
            if counted != 0 && counted != set.entries.len() {
                problems.push(format!(
                    "{at}: a set is all texts or all counted phrases, not both"
                ));
            }
            for (key, entry) in &set.entries {
                let at = format!("{at}.{key}");
                if !is_type_name(key) {
                    problems.push(format!("{at}: a key must be a Rust variant name (Confirm)"));
                }
                check_entry(&at, entry, None, categories, problems);
            }
        }
    }
}

fn check_translation(
    source: &Language,
    language: &Language,
    categories: &[&str],
    problems: &mut Vec<String>,
) {
    let code = &language.code;
    for file in &source.files {
        let Some(theirs) = language.files.iter().find(|f| f.path == file.path) else {
            problems.push(format!("{code}: {}.json: the file is missing", file.path));
            continue;
        };
        for set in &file.sets {
            let Some(their_set) = theirs.sets.iter().find(|s| s.name == set.name) else {
                problems.push(format!(
                    "{code}: {}.json: {}: the set is missing",
                    file.path, set.name
                ));
                continue;
            };
            for (key, entry) in &set.entries {
                let at = format!("{code}: {}.json: {}.{key}", file.path, set.name);
                match their_set.entries.iter().find(|(k, _)| k == key) {
                    Some((_, theirs)) => {
                        check_entry(&at, theirs, Some(entry), categories, problems);
                    }
                    None => problems.push(format!("{at}: missing (English: {})", show(entry))),
                }
            }
            for (key, _) in &their_set.entries {
                if !set.entries.iter().any(|(k, _)| k == key) {
                    problems.push(format!(
                        "{code}: {}.json: {}.{key}: English has no such key",
                        file.path, set.name
                    ));
                }
            }
        }
        for set in &theirs.sets {
            if !file.sets.iter().any(|s| s.name == set.name) {
                problems.push(format!(
                    "{code}: {}.json: {}: English has no such set",
                    file.path, set.name
                ));
            }
        }
    }
    for file in &language.files {
        if !source.files.iter().any(|f| f.path == file.path) {
            problems.push(format!(
                "{code}: {}.json: English has no such file",
                file.path
            ));
        }
    }
}

/// One entry's problems; `english` is the source entry it translates (`None` for English).
fn check_entry(
    at: &str,
    entry: &Entry,
    english: Option<&Entry>,
    categories: &[&str],
    problems: &mut Vec<String>,
) {
    match (entry, english) {
        (Entry::Text(text), None | Some(Entry::Text(_))) => {
            if text.trim().is_empty() {
                problems.push(format!("{at}: the text is blank"));
            }
            if let Some(Entry::Text(english)) = english {
                let (ours, theirs) = (placeholders(text), placeholders(english));
                if ours != theirs {
                    problems.push(format!(
                        "{at}: placeholders {} but English has {}",
                        list(&ours),
                        list(&theirs)
                    ));
                }
            }
        }
        (Entry::Counted(forms), None | Some(Entry::Counted(_))) => {
            let have: Vec<&str> = forms.iter().map(|(c, _)| c.as_str()).collect();
            if have != categories {
                problems.push(format!(
                    "{at}: plural forms {{{}}} but this language needs exactly {{{}}}, in that order",
                    have.join(", "),
                    categories.join(", ")
                ));
            }
            let english_names = match english {
                Some(Entry::Counted(english)) => Some(
                    english
                        .iter()
                        .flat_map(|(_, f)| placeholders(f))
                        .filter(|p| p != "n")
                        .collect::<BTreeSet<_>>(),
                ),
                _ => None,
            };
            for (category, form) in forms {
                if form.trim().is_empty() {
                    problems.push(format!("{at}: the `{category}` form is blank"));
                    continue;
                }
                let mut names = placeholders(form);
                if !names.remove("n") {
                    problems.push(format!(
                        "{at}: the `{category}` form does not contain {{n}}: {form:?}"
                    ));
                }
                if let Some(english) = &english_names
                    && &names != english
                {
                    problems.push(format!(
                        "{at}: the `{category}` form has placeholders {} but English has {}",
                        list(&names),
                        list(english)
                    ));
                }
            }
        }
        (Entry::Text(_), Some(Entry::Counted(_))) => problems.push(format!(
            "{at}: English has plural forms ({{\"one\": …, \"other\": …}}), this is one text"
        )),
        (Entry::Counted(_), Some(Entry::Text(_))) => {
            problems.push(format!("{at}: English has one text, this has plural forms"));
        }
    }
}

/// The `{name}` placeholders of a text (`{"json": 1}` and lone braces are not placeholders).
pub fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        if let Some(end) = rest.find('}') {
            let name = &rest[..end];
            let mut chars = name.chars();
            if chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                names.insert(name.to_owned());
            }
        }
    }
    names
}

fn list(names: &BTreeSet<String>) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.iter().fold(String::new(), |mut out, n| {
            if !out.is_empty() {
                out.push_str(", ");
            }
            let _ = write!(out, "{{{n}}}");
            out
        })
    }
}

fn show(entry: &Entry) -> String {
    match entry {
        Entry::Text(text) => format!("{text:?}"),
        Entry::Counted(forms) => forms
            .iter()
            .map(|(c, f)| format!("{c}: {f:?}"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// The sets of one file: `{ "Set": { "Key": "text", "Counted": { "one": "…", "other": "…" } } }`.
pub fn parse_file(text: &str) -> Result<Vec<Set>, String> {
    let mut reader = Reader {
        text: text.strip_prefix('\u{feff}').unwrap_or(text),
        at: 0,
    };
    let mut sets = Vec::new();
    reader.object(|reader, name| {
        let mut entries = Vec::new();
        reader.object(|reader, key| {
            let entry = if reader.peek() == Some('{') {
                let mut forms = Vec::new();
                reader.object(|reader, category| {
                    forms.push((category, reader.string()?));
                    Ok(())
                })?;
                Entry::Counted(forms)
            } else {
                Entry::Text(reader.string().map_err(|e| format!("{name}.{key}: {e}"))?)
            };
            entries.push((key, entry));
            Ok(())
        })?;
        sets.push(Set { name, entries });
        Ok(())
    })?;
    reader.skip_space();
    if reader.at < reader.text.len() {
        return Err(reader.error("text after the closing }"));
    }
    Ok(sets)
}

/// Just enough JSON for the files: objects whose values are strings or objects.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.text[self.at..].chars().next()
    }

    fn skip_space(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }

    fn error(&self, what: &str) -> String {
        let line = self.text[..self.at].matches('\n').count() + 1;
        format!("line {line}: {what}")
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.peek() == Some(c) {
            self.at += c.len_utf8();
            Ok(())
        } else {
            Err(self.error(&format!("expected `{c}`")))
        }
    }

    /// An object, calling `each` with every key (its value is next); a key given twice is an error.
    fn object(
        &mut self,
        mut each: impl FnMut(&mut Self, String) -> Result<(), String>,
    ) -> Result<(), String> {
        self.expect('{')?;
        let mut seen = BTreeSet::new();
        if self.peek() == Some('}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            let key = self.string()?;
            if !seen.insert(key.clone()) {
                return Err(self.error(&format!("\"{key}\" is written twice")));
            }
            self.expect(':')?;
            each(self, key)?;
            match self.peek() {
                Some(',') => self.at += 1,
                Some('}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if self.peek() != Some('"') {
            return Err(self.error("expected a \"string\""));
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.at..].chars().next() else {
                return Err(self.error("unterminated string"));
            };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(escape) = self.text[self.at..].chars().next() else {
                        return Err(self.error("unterminated string"));
                    };
                    self.at += 1;
                    match escape {
                        '"' | '\\' | '/' => out.push(escape),
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' => {
                            let high = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&high) {
                                if !self.text[self.at..].starts_with("\\u") {
                                    return Err(self.error("unpaired surrogate"));
                                }
                                self.at += 2;
                                let low = self.hex4()?;
                                0x10000
                                    + ((high - 0xD800) << 10)
                                    + (low.wrapping_sub(0xDC00) & 0x3FF)
                            } else {
                                high
                            };
                            out.push(
                                char::from_u32(code)
                                    .ok_or_else(|| self.error("invalid \\u escape"))?,
                            );
                        }
                        _ => return Err(self.error(&format!("unknown escape \\{escape}"))),
                    }
                }
                c if u32::from(c) < 0x20 => {
                    return Err(self.error("a line break inside a string must be written \\n"));
                }
                c => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or_default();
        let value = u32::from_str_radix(digits, 16).map_err(|_| self.error("bad \\u escape"))?;
        self.at += 4;
        Ok(value)
    }
}

/// Rust source of one set, for `build.rs`: the enum, `ALL`, and `Text` or `Counted` whose
/// match arms are string literals, one per key and built-in language.
pub fn set_source(languages: &[Language], file: &str, set: &str) -> String {
    let find = |language: &Language| -> BTreeMap<String, Entry> {
        language
            .files
            .iter()
            .find(|f| f.path == file)
            .and_then(|f| f.sets.iter().find(|s| s.name == set))
            .map(|s| s.entries.iter().cloned().collect())
            .unwrap_or_default()
    };
    let source = languages
        .iter()
        .find(|l| l.code == SOURCE)
        .and_then(|l| l.files.iter().find(|f| f.path == file))
        .and_then(|f| f.sets.iter().find(|s| s.name == set));
    let Some(source) = source else {
        return String::new();
    };
    // Every language the app knows gets an arm per key, so the match stays exhaustive and all
    // literals (compiled to a lookup table): a language without a folder is never offered
    // (`Lang::ALL`), and English stands in for it (the same literal, stored once).
    let english = find(
        languages
            .iter()
            .find(|l| l.code == SOURCE)
            .unwrap_or(&languages[0]),
    );
    let absent: Vec<&str> = KNOWN
        .iter()
        .filter(|k| !languages.iter().any(|l| l.code == k.0))
        .map(|k| k.0)
        .collect();
    let texts: Vec<(&str, BTreeMap<String, Entry>)> = KNOWN
        .iter()
        .map(|k| {
            let entries = languages
                .iter()
                .find(|l| l.code == k.0)
                .map_or_else(|| english.clone(), &find);
            (k.1, entries)
        })
        .collect();
    let counted = matches!(source.entries.first(), Some((_, Entry::Counted(_))));
    let name = &source.name;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// Generated by app/build.rs from app/i18n/*/{file}.json: edit those files, not this.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum {name} {{"
    );
    for (key, _) in &source.entries {
        let _ = writeln!(out, "    {key},");
    }
    let _ = writeln!(
        out,
        "}}\n\nimpl {name} {{\n    #[allow(dead_code, reason = \"every key, for callers that list a set\")]\n    pub const ALL: &[{name}] = &[{}];\n}}\n",
        source
            .entries
            .iter()
            .map(|(k, _)| format!("{name}::{k}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (trait_name, signature) = if counted {
        (
            "Counted",
            "fn forms(self, lang: crate::i18n::Lang) -> [&'static str; 2]",
        )
    } else {
        (
            "Text",
            "fn text(self, lang: crate::i18n::Lang) -> &'static str",
        )
    };
    let _ = writeln!(
        out,
        "#[allow(unused_qualifications, reason = \"generated: whether the including module imports these varies\")]\nimpl crate::i18n::{trait_name} for {name} {{\n    {signature} {{\n        match (self, lang) {{"
    );
    if !absent.is_empty() {
        let _ = writeln!(
            out,
            "            // Not built in (no folder app/i18n/<code>/), English stands in: {}",
            absent.join(", ")
        );
    }
    for (key, _) in &source.entries {
        for (lang, entries) in &texts {
            let value = match entries.get(key) {
                Some(Entry::Text(text)) => format!("{text:?}"),
                Some(Entry::Counted(forms)) => format!(
                    "[{}]",
                    forms
                        .iter()
                        .map(|(_, f)| format!("{f:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => continue,
            };
            let _ = writeln!(
                out,
                "            ({name}::{key}, crate::i18n::Lang::{lang}) => {value},"
            );
        }
    }
    let _ = writeln!(out, "        }}\n    }}\n}}");
    out
}

/// Rust source of `Lang::ALL` (included in `impl Lang`): the built-in languages, in `KNOWN` order.
pub fn languages_source(languages: &[Language]) -> String {
    let built: Vec<String> = KNOWN
        .iter()
        .filter(|k| languages.iter().any(|l| l.code == k.0))
        .map(|k| format!("Lang::{}", k.1))
        .collect();
    format!("&[{}]\n", built.join(", "))
}
