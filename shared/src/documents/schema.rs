//! Schema versions of document bodies, and the path from an older body shape to the current one.
//!
//! Every document header carries the schema version of its body (`DocHeader::schema_version`).
//! The rules, enforced here, by the sync engine and by the app's single edit entry point:
//!
//! - **Additive changes keep the version.** A new optional field, read as absent from older
//!   documents, needs no migration (readers tolerate missing optional fields).
//! - **A breaking change raises the kind's version** by appending a [`Migration`] to its
//!   [`KindSchema`]: a function that rewrites a version-*n* body into version *n + 1* inside one
//!   Automerge transaction. [`upgrade`] runs the missing steps, all or nothing, and records the
//!   new version in the body (`schema`) too.
//! - **Upgrades are lazy.** A device upgrades a document the first time it writes to it
//!   (`ClientSync::edit_as` raises the header with that write). Reading never writes.
//! - **The version only rises.** The server keeps the highest version any writer pushed; a
//!   device whose app is older still syncs its offline edits (nothing is lost) but never lowers
//!   the version, and [`compat`] tells its app not to write to a document newer than it knows.
//! - **Migrations must converge.** Two tablets may upgrade the same document concurrently, so a
//!   migration writes only values derived from the old body (both tablets write the same
//!   values) and never creates a container at a key another tablet may also create: maps are
//!   created with the document (see `fields::create_maps`).

use automerge::transaction::{Transactable as _, Transaction};
use automerge::{Automerge, ROOT};

use super::DocError;
use super::{
    baseline, cascade, chw_session, comment, contact, facility_data, mentee, qi, supervision,
    tutorat, visit,
};

/// Rewrites a body of version *n* into version *n + 1*.
pub type Migration = fn(&mut Transaction<'_>) -> Result<(), DocError>;

/// A document kind's migrations: `migrations[i]` upgrades version `i + 1` to `i + 2`.
#[derive(Clone, Copy, Debug)]
pub struct KindSchema {
    pub kind: &'static str,
    pub migrations: &'static [Migration],
}

impl KindSchema {
    /// The version this build writes: one more than the number of migrations.
    pub fn current(&self) -> u32 {
        u32::try_from(self.migrations.len())
            .unwrap_or(u32::MAX - 1)
            .saturating_add(1)
    }
}

/// Every kind with its migrations. No kind has needed a breaking change yet, so all are at
/// version 1; a kind not listed here is also at version 1 with no migrations.
pub const SCHEMAS: &[KindSchema] = &[
    KindSchema {
        kind: mentee::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: visit::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: qi::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: contact::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: facility_data::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: chw_session::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: cascade::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: comment::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: supervision::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: baseline::KIND,
        migrations: &[],
    },
    KindSchema {
        kind: tutorat::KIND,
        migrations: &[],
    },
];

/// The schema of `kind` in this build.
pub fn schema(kind: &str) -> KindSchema {
    SCHEMAS
        .iter()
        .find(|s| s.kind == kind)
        .copied()
        .unwrap_or(KindSchema {
            kind: "",
            migrations: &[],
        })
}

/// What this build may do with a document whose header says `version`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compat {
    /// Written in the shape this build writes.
    Current,
    /// Older: this build upgrades it (from → to) on its first write.
    Older { from: u32, to: u32 },
    /// Written by a newer app: read it as far as the readers can, never write to it.
    Newer { version: u32, known: u32 },
}

pub fn compat(kind: &str, version: u32) -> Compat {
    let known = schema(kind).current();
    // Version 0 never existed: treat it as the first shape.
    let version = version.max(1);
    match version.cmp(&known) {
        std::cmp::Ordering::Equal => Compat::Current,
        std::cmp::Ordering::Less => Compat::Older {
            from: version,
            to: known,
        },
        std::cmp::Ordering::Greater => Compat::Newer { version, known },
    }
}

/// Why a document cannot be upgraded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UpgradeError {
    #[error(
        "this record was saved by a newer version of Mentora (schema {version}, this app knows {known}); update the app before changing it"
    )]
    Newer { version: u32, known: u32 },
    #[error("upgrading the record failed: {0}")]
    Migration(#[from] DocError),
}

/// Runs `kind_schema`'s migrations from `from` to its current version in one transaction and
/// records the new version in the body; nothing is written when a step fails or there is
/// nothing to do. Returns the version the body now has.
pub fn upgrade(
    doc: &mut Automerge,
    kind_schema: &KindSchema,
    from: u32,
) -> Result<u32, UpgradeError> {
    let to = kind_schema.current();
    let from = from.max(1);
    if from > to {
        return Err(UpgradeError::Newer {
            version: from,
            known: to,
        });
    }
    if from == to {
        return Ok(to);
    }
    let first = usize::try_from(from - 1).unwrap_or(usize::MAX);
    let steps = kind_schema.migrations.get(first..).unwrap_or_default();
    let mut tx = doc.transaction();
    for step in steps {
        if let Err(e) = step(&mut tx) {
            tx.rollback();
            return Err(e.into());
        }
    }
    if let Err(e) = tx.put(ROOT, "schema", i64::from(to)) {
        tx.rollback();
        return Err(DocError::from(e).into());
    }
    crate::documents::fields::commit(tx);
    Ok(to)
}

#[cfg(test)]
mod tests;
