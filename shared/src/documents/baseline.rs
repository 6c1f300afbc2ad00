//! The facility baseline assessment document: kind `baseline`, schema 1, one per assessment of a
//! facility with the catalogue's baseline tool (health data review, service organisation,
//! infrastructure and equipment, medicines and supplies, guidelines and protocols).
//!
//! Root text fields: `facility` (place slug), `date` (`YYYY-MM-DD`), `tool_version` (decimal),
//! `assessor` (the mentor's shown name), `notes`. The map `answers` (item id → JSON
//! [`BaselineAnswer`]) is created with the document; a correction replaces one item's answer,
//! so two tablets correcting different items both keep theirs. Scores by section and the
//! comparison with the previous assessment are in [`score`].

use std::collections::BTreeMap;

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};

use super::DocError;
use super::fields::{Existing, create_maps, entries, invalid, put_entry, text};
use super::qi::optional_text;
use crate::catalogue::FacilityTool;
use crate::domain::{BaselineAnswer, Date};

mod score;
pub use score::{SectionChange, SectionScore, Trend, compare, overall, section_scores};

pub const KIND: &str = "baseline";
pub const SCHEMA_VERSION: u32 = 1;

/// One assessment as read from its document; `answers` is keyed by catalogue item id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Baseline {
    pub facility: String,
    pub date: Date,
    pub tool_version: u32,
    pub assessor: String,
    pub notes: String,
    pub answers: BTreeMap<String, BaselineAnswer>,
}

/// Why an assessment typed in the form cannot be saved; the first problem found wins.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BaselineError {
    #[error("the date is after today")]
    FutureDate,
    #[error("item `{item}` of section `{section}` has no answer")]
    Unanswered { section: String, item: String },
    #[error("item `{0}` cannot be marked not applicable")]
    NotApplicableRefused(String),
    #[error("item `{0}` is not in the tool")]
    UnknownItem(String),
    #[error("the notes are too long")]
    NotesTooLong,
}

/// The answer codes used by forms and drafts.
pub fn answer_code(answer: BaselineAnswer) -> &'static str {
    match answer {
        BaselineAnswer::Yes => "yes",
        BaselineAnswer::Partial => "partial",
        BaselineAnswer::No => "no",
        BaselineAnswer::NotApplicable => "not_applicable",
    }
}

pub fn answer_from_code(code: &str) -> Option<BaselineAnswer> {
    ANSWERS.into_iter().find(|a| answer_code(*a) == code)
}

/// Every answer, in the order the form offers them.
pub const ANSWERS: [BaselineAnswer; 4] = [
    BaselineAnswer::Yes,
    BaselineAnswer::Partial,
    BaselineAnswer::No,
    BaselineAnswer::NotApplicable,
];

/// Checks an assessment against its tool: a date not after `today`, every item answered,
/// "not applicable" only where the tool allows it, no item the tool does not have.
pub fn clean(
    mut baseline: Baseline,
    tool: &FacilityTool,
    today: Date,
) -> Result<Baseline, BaselineError> {
    if baseline.date > today {
        return Err(BaselineError::FutureDate);
    }
    for section in &tool.sections {
        for item in &section.items {
            match baseline.answers.get(item.id.as_str()) {
                None => {
                    return Err(BaselineError::Unanswered {
                        section: section.id.as_str().to_owned(),
                        item: item.id.as_str().to_owned(),
                    });
                }
                Some(BaselineAnswer::NotApplicable) if !item.na_allowed => {
                    return Err(BaselineError::NotApplicableRefused(
                        item.id.as_str().to_owned(),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    let known = |id: &str| {
        tool.sections
            .iter()
            .flat_map(|s| &s.items)
            .any(|item| item.id.as_str() == id)
    };
    if let Some(unknown) = baseline.answers.keys().find(|id| !known(id)) {
        return Err(BaselineError::UnknownItem(unknown.clone()));
    }
    baseline.tool_version = tool.version;
    baseline.notes = optional_text(&baseline.notes).map_err(|_| BaselineError::NotesTooLong)?;
    Ok(baseline)
}

/// Writes a whole new assessment, with its `answers` map, into an empty document.
pub fn write_new(doc: &mut Automerge, baseline: &Baseline) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    tx.put(ROOT, "facility", baseline.facility.as_str())?;
    tx.put(ROOT, "date", baseline.date.to_string())?;
    tx.put(ROOT, "tool_version", baseline.tool_version.to_string())?;
    tx.put(ROOT, "assessor", baseline.assessor.as_str())?;
    tx.put(ROOT, "notes", baseline.notes.as_str())?;
    create_maps(&mut tx, &["answers"])?;
    crate::documents::fields::commit(tx);
    for (item, answer) in &baseline.answers {
        put_entry(doc, "answers", item, answer, Existing::Replace)?;
    }
    Ok(())
}

/// Corrects one item's answer (nothing changes if it is the same).
pub fn set_answer(doc: &mut Automerge, item: &str, answer: BaselineAnswer) -> Result<(), DocError> {
    put_entry(doc, "answers", item, &answer, Existing::Replace)
}

fn required(doc: &Automerge, field: &'static str) -> Result<String, DocError> {
    text(doc, field)?.ok_or(DocError::Missing(field))
}

/// Reads the assessment; a shape it does not expect is a typed error.
pub fn read(doc: &Automerge) -> Result<Baseline, DocError> {
    let date = required(doc, "date")?;
    let version = required(doc, "tool_version")?;
    Ok(Baseline {
        facility: required(doc, "facility")?,
        date: Date::parse(&date).map_err(|e| invalid("date", &e.to_string()))?,
        tool_version: version
            .parse()
            .map_err(|_| invalid("tool_version", "expected a whole number"))?,
        assessor: text(doc, "assessor")?.unwrap_or_default(),
        notes: text(doc, "notes")?.unwrap_or_default(),
        answers: entries(doc, "answers")?.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests;
