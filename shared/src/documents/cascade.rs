//! The cascade document: kind `cascade`, schema 1, one per promotion of a validated mentee to
//! mentor, kept at the mentee's facility (so it syncs to every device that holds the mentee's
//! record and its validations, which are the evidence for it).
//!
//! Root fields: `mentee` (the promoted mentee's document id, hex), `mentee_name`, `facility`
//! (place slug where they will mentor, e.g. a health post), `account` (their sign-in username,
//! optional: it links the validations they later make back to them), `promoted_by` (JSON
//! [`MentorId`]), `promoted_by_name`, `date` (`"YYYY-MM-DD"`), `competencies` (map: competency
//! id → `true`, a set so concurrent additions never duplicate).

use std::collections::{BTreeMap, BTreeSet};

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};

use super::DocError;
use super::fields::{create_maps, entries, json, put_json, text};
use crate::domain::{CompetencyId, Date, MentorId};

mod lineage;
#[cfg(test)]
mod tests;

pub use lineage::{Lineage, LineageMentee, LineageNode, LineageRoot, lineage};

pub const KIND: &str = "cascade";
pub const SCHEMA_VERSION: u32 = 1;

/// A mentee promoted to mentor for the competencies they were validated in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Promotion {
    pub mentee: String,
    pub mentee_name: String,
    pub facility: String,
    pub account: Option<String>,
    pub competencies: BTreeSet<CompetencyId>,
    pub promoted_by: MentorId,
    pub promoted_by_name: String,
    pub date: Date,
}

/// Why a promotion is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PromotionError {
    #[error("choose at least one competency")]
    NoCompetency,
    #[error("the mentee is not validated in {0}")]
    NotValidated(CompetencyId),
    #[error("choose the facility where they will mentor")]
    NoFacility,
}

/// Checks a promotion against the mentee's validations: a mentee may mentor only what they
/// were validated in, because the cascade's quality rests on that evidence.
pub fn check(
    promotion: &Promotion,
    validated: &BTreeSet<CompetencyId>,
) -> Result<(), PromotionError> {
    if promotion.competencies.is_empty() {
        return Err(PromotionError::NoCompetency);
    }
    if let Some(missing) = promotion
        .competencies
        .iter()
        .find(|c| !validated.contains(*c))
    {
        return Err(PromotionError::NotValidated(missing.clone()));
    }
    if promotion.facility.trim().is_empty() {
        return Err(PromotionError::NoFacility);
    }
    Ok(())
}

/// Writes a whole new promotion into an empty document.
pub fn write_new(doc: &mut Automerge, promotion: &Promotion) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    create_maps(&mut tx, &["competencies"])?;
    tx.put(ROOT, "mentee", promotion.mentee.as_str())?;
    tx.put(ROOT, "mentee_name", promotion.mentee_name.as_str())?;
    tx.put(ROOT, "facility", promotion.facility.as_str())?;
    if let Some(account) = &promotion.account {
        tx.put(ROOT, "account", account.as_str())?;
    }
    tx.put(
        ROOT,
        "promoted_by_name",
        promotion.promoted_by_name.as_str(),
    )?;
    crate::documents::fields::commit(tx);
    put_json(doc, "promoted_by", &promotion.promoted_by)?;
    put_json(doc, "date", &promotion.date)?;
    for competency in &promotion.competencies {
        super::fields::put_entry(
            doc,
            "competencies",
            competency.as_str(),
            &true,
            super::fields::Existing::Keep,
        )?;
    }
    Ok(())
}

/// Reads a promotion; fails with a typed error if the document is not one.
pub fn read(doc: &Automerge) -> Result<Promotion, DocError> {
    let competencies: BTreeMap<String, bool> = entries(doc, "competencies")?.into_iter().collect();
    Ok(Promotion {
        mentee: text(doc, "mentee")?.ok_or(DocError::Missing("mentee"))?,
        mentee_name: text(doc, "mentee_name")?.unwrap_or_default(),
        facility: text(doc, "facility")?.ok_or(DocError::Missing("facility"))?,
        account: text(doc, "account")?,
        competencies: competencies.into_keys().map(CompetencyId::new).collect(),
        promoted_by: json(doc, "promoted_by")?.ok_or(DocError::Missing("promoted_by"))?,
        promoted_by_name: text(doc, "promoted_by_name")?.unwrap_or_default(),
        date: json(doc, "date")?.ok_or(DocError::Missing("date"))?,
    })
}
