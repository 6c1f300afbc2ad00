//! Identities, headers and scopes shared by the wire format, the client and the server.
//!
//! These are deliberately small types of the sync layer's own: the domain model maps its
//! richer ids (districts, facilities, aggregate kinds) onto them, so the sync engine never
//! needs to understand a document's body to decide who may read or write it.

use std::collections::BTreeSet;

use automerge::ChangeHash;

/// One Automerge document per aggregate, named by 16 bytes created on the device
/// (a UUID v7 in practice), so creation works offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub [u8; 16]);

impl DocId {
    /// The id as a UUID, for logs and for adapters that store it as one.
    pub fn as_uuid(&self) -> uuid::Uuid {
        uuid::Uuid::from_bytes(self.0)
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.as_uuid())
    }
}

/// A device (one browser profile on one tablet), named by the server at login.
/// Its bytes are also the device's Automerge actor id, so authorship is traceable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeviceId(pub [u8; 16]);

impl DeviceId {
    /// The Automerge actor id this device writes with.
    pub fn actor(&self) -> automerge::ActorId {
        automerge::ActorId::from(&self.0[..])
    }
}

/// Longest kind, district or facility name accepted on the wire.
pub const MAX_NAME_LEN: usize = 64;

/// What an aggregate is (`"mentee"`, `"visit"`, `"facility"`, ...). A short ASCII name so the
/// server can index it without knowing the domain.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocKind(String);

/// Why a name was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("name is empty")]
    Empty,
    #[error("name is longer than {MAX_NAME_LEN} bytes")]
    TooLong,
    #[error("name has a character outside [a-z0-9_.:-]")]
    BadChar,
}

/// Names are restricted so they are safe as index keys and in error messages.
fn check_name(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.len() > MAX_NAME_LEN {
        return Err(NameError::TooLong);
    }
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.:-".contains(c);
    if !name.chars().all(ok) {
        return Err(NameError::BadChar);
    }
    Ok(())
}

impl DocKind {
    pub fn new(name: &str) -> Result<Self, NameError> {
        check_name(name)?;
        Ok(Self(name.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A district or facility id as the sync layer sees it (the domain's id rendered as text).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceId(String);

impl PlaceId {
    pub fn new(name: &str) -> Result<Self, NameError> {
        check_name(name)?;
        Ok(Self(name.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where a document belongs: every document is in one district, and most in one facility.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Scope {
    pub district: PlaceId,
    pub facility: Option<PlaceId>,
}

/// Carried with every document so the server can decide access without reading the body.
/// Kind and scope are fixed at creation: the server refuses a push that would change them.
/// The schema version only ever rises: it is the newest body shape any writer has used (see
/// `documents::schema`), so a device can tell a document it cannot safely write to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DocHeader {
    pub kind: DocKind,
    pub schema_version: u32,
    pub scope: Scope,
}

impl DocHeader {
    /// Whether `other` names the same document home: same kind and scope, any schema version.
    pub fn same_home(&self, other: &DocHeader) -> bool {
        self.kind == other.kind && self.scope == other.scope
    }

    /// This header with the higher of the two schema versions (homes assumed equal).
    pub fn newest(&self, other: &DocHeader) -> DocHeader {
        DocHeader {
            schema_version: self.schema_version.max(other.schema_version),
            ..self.clone()
        }
    }
}

/// The set of places a device may read or write: everything, or whole districts plus single
/// facilities. Built by the server adapter from the user's role.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ScopeSet {
    pub everything: bool,
    pub districts: BTreeSet<PlaceId>,
    pub facilities: BTreeSet<PlaceId>,
}

impl ScopeSet {
    /// A district grants all its documents; a facility grants only documents of that facility.
    pub fn allows(&self, scope: &Scope) -> bool {
        self.everything
            || self.districts.contains(&scope.district)
            || scope
                .facility
                .as_ref()
                .is_some_and(|f| self.facilities.contains(f))
    }
}

/// The place hierarchy as the server knows it: which districts exist, and the district of each
/// facility. A header must name places from it, with the facility inside the district.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Places {
    pub districts: BTreeSet<PlaceId>,
    /// Facility → its district.
    pub facilities: std::collections::BTreeMap<PlaceId, PlaceId>,
}

impl Places {
    /// Whether `scope` names an existing district, and an existing facility of that district.
    pub fn contains(&self, scope: &Scope) -> bool {
        self.districts.contains(&scope.district)
            && scope
                .facility
                .as_ref()
                .is_none_or(|f| self.facilities.get(f) == Some(&scope.district))
    }
}

/// What one device may do; read and write differ (e.g. catalogue documents are read-only for
/// mentors).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Access {
    pub read: ScopeSet,
    pub write: ScopeSet,
}

/// Heads in a canonical order, so equal sets compare and encode equally.
pub(crate) fn sorted_heads(mut heads: Vec<ChangeHash>) -> Vec<ChangeHash> {
    heads.sort_unstable();
    heads.dedup();
    heads
}

/// Whether `doc` holds the change `hash` (Automerge keeps its own `has_change` private).
pub(crate) fn has_change(doc: &automerge::Automerge, hash: &ChangeHash) -> bool {
    doc.get_change_meta_by_hash(hash).is_some()
}
