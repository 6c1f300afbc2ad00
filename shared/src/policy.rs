//! One capability policy for the server (which refuses) and the app (which hides what would be
//! refused): who may create, change, delete or read which part of which kind of document.
//!
//! The rules read like the product (`docs/capabilities.md`): mentors write the mentorship
//! records they make; supervisors write comments and joint supervision visits and may correct
//! mentors' records; admins may do anything. On a comment, a mentor may only add their own
//! acknowledgement (with its reply); nobody but an admin writes someone else's. Mentors never
//! delete a validation.
//!
//! [`allows`] is the rule table. [`inspect`] turns the changes a device brings into the parts
//! they touch (Automerge `diff` between the old and new heads → patches → paths → [`Part`]s),
//! and [`check_change`] judges them. Pure: no I/O, no clock.

use automerge::{Automerge, Change, ChangeHash};

use crate::documents::{
    baseline, cascade, chw_session, comment, contact, facility_data, mentee, qi, supervision,
    tutorat, visit,
};

mod parts;
mod role;

pub use parts::{Touch, touched};
pub use role::{Role, Scope};

/// Every document kind this build knows (the header's `kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Mentee,
    Visit,
    QiProject,
    Contact,
    FacilityData,
    ChwSession,
    Cascade,
    Baseline,
    Tutorat,
    Comment,
    Supervision,
}

/// Who writes a kind of document, in the product's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writers {
    /// Mentorship records: made by mentors, corrected by supervisors.
    Mentors,
    /// Supervisor notes: comments and joint supervision visits.
    Supervisors,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Mentee,
        Kind::Visit,
        Kind::QiProject,
        Kind::Contact,
        Kind::FacilityData,
        Kind::ChwSession,
        Kind::Cascade,
        Kind::Baseline,
        Kind::Tutorat,
        Kind::Comment,
        Kind::Supervision,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Mentee => mentee::KIND,
            Kind::Visit => visit::KIND,
            Kind::QiProject => qi::KIND,
            Kind::Contact => contact::KIND,
            Kind::FacilityData => facility_data::KIND,
            Kind::ChwSession => chw_session::KIND,
            Kind::Cascade => cascade::KIND,
            Kind::Baseline => baseline::KIND,
            Kind::Tutorat => tutorat::KIND,
            Kind::Comment => comment::KIND,
            Kind::Supervision => supervision::KIND,
        }
    }

    /// The kind named by a header; `None` for a kind this build does not know.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn writers(self) -> Writers {
        match self {
            Kind::Comment | Kind::Supervision => Writers::Supervisors,
            _ => Writers::Mentors,
        }
    }

    /// The root maps whose values are entries (keyed by id), so an edit of one is an
    /// [`Part::Entry`] rather than of the record's own fields.
    pub(crate) fn entry_maps(self) -> &'static [&'static str] {
        match self {
            Kind::Mentee => &["assessments", "coaching", "competencies"],
            Kind::Visit => &["activities"],
            Kind::QiProject => &["causes", "solutions", "actions"],
            Kind::Contact => &[],
            Kind::FacilityData => &["values", "verifications"],
            Kind::ChwSession => &["participants"],
            Kind::Cascade => &["competencies"],
            Kind::Baseline => &["answers"],
            Kind::Tutorat => &["steps"],
            Kind::Comment => &[],
            Kind::Supervision => &["issues"],
        }
    }
}

/// What is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operation {
    /// A new document (its part is [`Part::Body`]).
    Create,
    /// Add or modify a part of an existing document.
    Change,
    /// Remove a part, or hide it with a tombstone (`documents::deletion`).
    Delete,
    /// Receive the document (the scope decides which ones).
    Read,
}

/// What part of a document is touched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The record's own fields (a comment's target, author and text; a visit's plan and state;
    /// any root field not listed below).
    Body,
    /// An entry of one of the record's keyed maps (an assessment, an activity, an action, an
    /// issue, a participant, a value, a step...).
    Entry,
    /// A validation of a mentee (the `validations` map of a mentee record).
    Validation,
    /// The signed-in user's own acknowledgement of a comment, with its reply.
    OwnAcknowledgement,
    /// Anyone else's acknowledgement (or the acknowledgements map as a whole).
    OthersAcknowledgement,
    /// The body's schema version marker, written by `documents::schema::upgrade`.
    Schema,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Body,
        Part::Entry,
        Part::Validation,
        Part::OwnAcknowledgement,
        Part::OthersAcknowledgement,
        Part::Schema,
    ];
}

/// Who is writing: the signed-in user behind a device.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Actor {
    pub role: Role,
    pub username: String,
}

/// The rule table. Read: every role reads every kind (the scope decides which documents).
pub fn allows(role: Role, kind: Kind, op: Operation, part: Part) -> bool {
    if op == Operation::Read {
        return true;
    }
    match (role, kind.writers()) {
        (Role::Admin, _) => true,
        // Mentors make and edit their mentorship records, but never delete a validation.
        (Role::Mentor, Writers::Mentors) => !(op == Operation::Delete && part == Part::Validation),
        // On a supervisor's note, a mentor only adds their own acknowledgement and reply.
        (Role::Mentor, Writers::Supervisors) => {
            op == Operation::Change && matches!(part, Part::OwnAcknowledgement | Part::Schema)
        }
        // Supervisors correct mentors' records in their scope (and may record one themselves,
        // e.g. a mentee they assess on a joint visit); their device signs every change.
        (Role::Supervisor, Writers::Mentors) => true,
        // Supervisors write comments and joint supervision visits, in nobody else's name.
        (Role::Supervisor, Writers::Supervisors) => part != Part::OthersAcknowledgement,
    }
}

/// Why a push was refused, in words for the sync badge.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Refusal {
    pub reason: String,
}

fn refusal(actor: &Actor, kind: Kind, touch: Touch) -> Refusal {
    let what = match (touch.op, touch.part) {
        (Operation::Create, _) => "create",
        (Operation::Read, _) => "read",
        (Operation::Delete, Part::Validation) => "delete a validation of",
        (Operation::Delete, _) => "delete from",
        (Operation::Change, Part::OthersAcknowledgement) => "acknowledge in someone else's name",
        (Operation::Change, Part::Body) => "change the text of",
        (Operation::Change, _) => "change",
    };
    Refusal {
        reason: format!("a {} may not {what} a {} document", actor.role, kind.code()),
    }
}

/// Judges what `after` changed relative to `before` (whose heads `after` contains): a new
/// document (`before` empty) needs [`Operation::Create`], and every part touched must be
/// allowed. The first refused part is reported.
pub fn check_change(
    actor: &Actor,
    kind: Kind,
    before: &Automerge,
    after: &Automerge,
) -> Result<(), Refusal> {
    check_heads(actor, kind, after, &before.get_heads())
}

/// [`check_change`] on one document: what `doc` changed since `before_heads` (empty for a new
/// document). The server applies a push to its copy and asks this, without a second copy.
pub fn check_heads(
    actor: &Actor,
    kind: Kind,
    doc: &Automerge,
    before_heads: &[ChangeHash],
) -> Result<(), Refusal> {
    if before_heads.is_empty() {
        let create = Touch {
            op: Operation::Create,
            part: Part::Body,
        };
        if !allows(actor.role, kind, create.op, create.part) {
            return Err(refusal(actor, kind, create));
        }
    }
    for touch in touched(kind, &actor.username, doc, before_heads) {
        if !allows(actor.role, kind, touch.op, touch.part) {
            return Err(refusal(actor, kind, touch));
        }
    }
    Ok(())
}

/// Applies `changes` to a fork of `stored` and returns the fork with the parts they touch.
pub fn inspect(
    kind: Kind,
    username: &str,
    stored: &Automerge,
    changes: Vec<Change>,
) -> Result<(Automerge, Vec<Touch>), automerge::AutomergeError> {
    let mut fork = stored.fork();
    fork.apply_changes(changes)?;
    let touches = touched(kind, username, &fork, &stored.get_heads());
    Ok((fork, touches))
}

#[cfg(test)]
mod tests;
