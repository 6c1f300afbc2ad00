//! The comment document: kind `comment`, schema 1, one per comment a supervisor writes on a
//! visit, an assessment of a mentee or a QI project ("please re-observe this case"). A comment
//! is its own document, never a field of its target, so it cannot conflict with the mentor's
//! edits of the target; its header carries the target's scope, so sync delivers it to the
//! mentors of that facility.
//!
//! Root text fields: `target_kind` ([`TargetKind`] code), `target_doc` (hex document id of the
//! target), `target_assessment` (assessment id within a mentee document, only for assessments),
//! `author` (username), `author_name` (shown name), `text`, `created_on` (`YYYY-MM-DD`). Map,
//! created with the comment: `acknowledgements` (username → JSON [`Acknowledgement`]), so two
//! tablets acknowledging offline converge on one entry per person.

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};
use serde::{Deserialize, Serialize};

use super::DocError;
use super::fields::{Existing, create_maps, entries, invalid, put_entry, text};
use super::qi::{InputError, optional_text, required_text};
use crate::domain::Date;

pub const KIND: &str = "comment";
pub const SCHEMA_VERSION: u32 = 1;

/// What a comment is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetKind {
    Visit,
    Assessment,
    QiProject,
}

impl TargetKind {
    pub const ALL: [TargetKind; 3] = [Self::Visit, Self::Assessment, Self::QiProject];

    pub fn code(self) -> &'static str {
        match self {
            Self::Visit => "visit",
            Self::Assessment => "assessment",
            Self::QiProject => "qi_project",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The record a comment is about: a document, and for an assessment its id in the mentee's
/// document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    pub kind: TargetKind,
    /// Hex document id (32 hex digits).
    pub doc: String,
    pub assessment: Option<String>,
}

impl Target {
    /// A stable text naming the target, e.g. for a form draft's subject.
    pub fn key(&self) -> String {
        match &self.assessment {
            Some(id) => format!("{}:{}:{id}", self.kind.code(), self.doc),
            None => format!("{}:{}", self.kind.code(), self.doc),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub target: Target,
    pub author: String,
    pub author_name: String,
    pub text: String,
    pub created_on: Date,
}

/// One person's acknowledgement, with an optional short reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    pub name: String,
    pub on: Date,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reply: String,
}

/// A comment as read back, with who acknowledged it (by username, in key order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentRecord {
    pub comment: Comment,
    pub acknowledgements: Vec<(String, Acknowledgement)>,
}

impl CommentRecord {
    pub fn acknowledged_by(&self, username: &str) -> bool {
        self.acknowledgements.iter().any(|(who, _)| who == username)
    }

    /// Waiting for `username`: written by someone else and not yet acknowledged by them.
    pub fn awaits(&self, username: &str) -> bool {
        self.comment.author != username && !self.acknowledged_by(username)
    }
}

/// Why a comment cannot be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommentError {
    #[error("the target is not a record")]
    NoTarget,
    #[error("the comment: {0}")]
    Text(InputError),
    #[error("the reply: {0}")]
    Reply(InputError),
}

fn hex_id(text: &str) -> bool {
    text.len() == 32 && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// Checks a comment typed in the form: a target document id (and an assessment id for an
/// assessment), and a text that says something within the note limit.
pub fn clean(mut comment: Comment) -> Result<Comment, CommentError> {
    let assessment_ok = match (comment.target.kind, &comment.target.assessment) {
        (TargetKind::Assessment, Some(id)) => !id.trim().is_empty(),
        (TargetKind::Assessment, None) => false,
        (_, other) => other.is_none(),
    };
    if !hex_id(&comment.target.doc) || !assessment_ok {
        return Err(CommentError::NoTarget);
    }
    comment.text = required_text(&comment.text).map_err(CommentError::Text)?;
    Ok(comment)
}

/// Writes a whole new comment into an empty document, with its acknowledgements map.
pub fn write_new(doc: &mut Automerge, comment: &Comment) -> Result<(), DocError> {
    let mut tx = doc.transaction();
    create_maps(&mut tx, &["acknowledgements"])?;
    tx.put(ROOT, "target_kind", comment.target.kind.code())?;
    tx.put(ROOT, "target_doc", comment.target.doc.as_str())?;
    if let Some(id) = &comment.target.assessment {
        tx.put(ROOT, "target_assessment", id.as_str())?;
    }
    tx.put(ROOT, "author", comment.author.as_str())?;
    tx.put(ROOT, "author_name", comment.author_name.as_str())?;
    tx.put(ROOT, "text", comment.text.as_str())?;
    tx.put(ROOT, "created_on", comment.created_on.to_string())?;
    crate::documents::fields::commit(tx);
    Ok(())
}

/// Checks an acknowledgement's optional reply: trimmed, within the note limit.
pub fn clean_ack(mut ack: Acknowledgement) -> Result<Acknowledgement, CommentError> {
    ack.reply = optional_text(&ack.reply).map_err(CommentError::Reply)?;
    Ok(ack)
}

/// Records that `username` read the comment. The first acknowledgement stays: a replay, or a
/// second tap on another tablet after a sync, changes nothing.
pub fn acknowledge(
    doc: &mut Automerge,
    username: &str,
    ack: &Acknowledgement,
) -> Result<(), DocError> {
    put_entry(doc, "acknowledgements", username, ack, Existing::Keep)
}

fn required(doc: &Automerge, field: &'static str) -> Result<String, DocError> {
    text(doc, field)?.ok_or(DocError::Missing(field))
}

/// Reads the comment; a shape it does not expect is a typed error.
pub fn read(doc: &Automerge) -> Result<CommentRecord, DocError> {
    let kind = required(doc, "target_kind")?;
    let created_on = required(doc, "created_on")?;
    let comment = Comment {
        target: Target {
            kind: TargetKind::from_code(&kind)
                .ok_or_else(|| invalid("target_kind", &format!("unknown kind {kind:?}")))?,
            doc: required(doc, "target_doc")?,
            assessment: text(doc, "target_assessment")?,
        },
        author: required(doc, "author")?,
        author_name: text(doc, "author_name")?.unwrap_or_default(),
        text: required(doc, "text")?,
        created_on: Date::parse(&created_on).map_err(|e| invalid("created_on", &e.to_string()))?,
    };
    Ok(CommentRecord {
        comment,
        acknowledgements: entries(doc, "acknowledgements")?,
    })
}

#[cfg(test)]
mod tests;
