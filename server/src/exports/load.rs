//! Reading the documents a user may see (mentees, visits, QI projects), for one export request.
//!
//! The documents in scope are listed exactly as `/api/sync` lists them
//! ([`ServerStore::changed_since`] with the user's read scope), a page at a time: each page is
//! one short database job (other requests, syncs included, run between pages) and is decoded
//! outside the database lock. Pages follow the sequence number, so a document updated during
//! the export is met again at its new place; keeping the last version by id reads every
//! document exactly once. Nothing outlives the request.

use std::collections::BTreeMap;

use crate::sql::{Db, OptionalExtension as _};
use automerge::Automerge;
use mentora_shared::documents::qi::{self, QiProject};
use mentora_shared::documents::visit::{self, Visit};
use mentora_shared::documents::{DocError, mentee};
use mentora_shared::reports::{ExportMentee, Placed};
use mentora_shared::sync::storage::StoredDoc;
use mentora_shared::sync::{DocId, ScopeSet, ServerStore as _};

use crate::accounts::{self, Token};
use crate::error::ApiError;
use crate::store::{DbStore, StoreError};
use crate::{AppState, hex};

/// Documents per database job: small enough to keep each job short.
const PAGE: usize = 100;

/// The user's read scope, from a valid session; 401 otherwise.
pub(super) async fn read_scope(state: &AppState, token: Token) -> Result<ScopeSet, ApiError> {
    let session = state
        .with_db(move |conn| accounts::session(conn, &token))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    Ok(session.user.access().read)
}

/// The kinds of documents the exports read.
pub(super) const ALL_KINDS: &[&str] = &[mentee::KIND, visit::KIND, qi::KIND];
pub(super) const MENTEES: &[&str] = &[mentee::KIND];

/// The documents of the requested kinds in `read`, decoded; documents that cannot be read are
/// counted and logged by id, never by content.
#[derive(Debug, Default)]
pub(super) struct Loaded {
    pub mentees: Vec<ExportMentee>,
    pub visits: Vec<Placed<Visit>>,
    pub qi_projects: Vec<Placed<QiProject>>,
    pub unreadable: usize,
}

/// One decoded document.
enum Decoded {
    Mentee(ExportMentee),
    Visit(Placed<Visit>),
    Qi(Placed<QiProject>),
}

struct Page {
    docs: Vec<(DocId, StoredDoc)>,
    last_seq: Option<u64>,
    more: bool,
}

pub(super) async fn in_scope(
    state: &AppState,
    read: ScopeSet,
    kinds: &'static [&'static str],
) -> Result<Loaded, ApiError> {
    let mut found: BTreeMap<DocId, Option<Decoded>> = BTreeMap::new();
    let mut since = 0;
    loop {
        let scope = read.clone();
        let page = state
            .with_db(move |conn| read_page(conn, &scope, since, kinds))
            .await?;
        let scope = read.clone();
        let decoded = tokio::task::spawn_blocking(move || {
            page.docs
                .into_iter()
                .map(|(id, stored)| (id, decode(id, stored, &scope)))
                .collect::<Vec<_>>()
        })
        .await?;
        found.extend(decoded);
        match page.last_seq {
            Some(last) if page.more => since = last,
            _ => break,
        }
    }
    let mut loaded = Loaded::default();
    for decoded in found.into_values() {
        match decoded {
            Some(Decoded::Mentee(mentee)) => loaded.mentees.push(mentee),
            Some(Decoded::Visit(visit)) => loaded.visits.push(visit),
            Some(Decoded::Qi(project)) => loaded.qi_projects.push(project),
            None => loaded.unreadable += 1,
        }
    }
    Ok(loaded)
}

/// One page of in-scope documents after `since`, with the bytes of those of `kinds`.
fn read_page(
    conn: &mut Db,
    read: &ScopeSet,
    since: u64,
    kinds: &[&str],
) -> Result<Page, StoreError> {
    let tx = conn.transaction()?;
    let store = DbStore::new(&tx);
    let listed = store.changed_since(read, since, PAGE)?;
    let mut docs = Vec::new();
    for (doc_id, _) in &listed.docs {
        let kind: Option<String> = tx
            .prepare_cached("SELECT kind FROM sync_doc WHERE doc_id = ?1")?
            .query_row([&doc_id.0[..]], |r| r.get(0))
            .optional()?;
        if !kind.is_some_and(|k| kinds.contains(&k.as_str())) {
            continue;
        }
        if let Some(stored) = store.load_doc(*doc_id)? {
            docs.push((*doc_id, stored));
        }
    }
    tx.commit()?;
    Ok(Page {
        last_seq: listed.docs.last().map(|(_, seq)| *seq),
        more: listed.remaining > 0,
        docs,
    })
}

/// Loads and reads one document; `None` (logged) if it is not a readable document of a kind
/// the exports know.
fn decode(doc_id: DocId, stored: StoredDoc, read: &ScopeSet) -> Option<Decoded> {
    let id = hex(&doc_id.0);
    let header = stored.header?;
    if !read.allows(&header.scope) {
        return None;
    }
    let district = header.scope.district.as_str().to_owned();
    let facility = header
        .scope
        .facility
        .as_ref()
        .map(|f| f.as_str().to_owned());
    let result = load(&stored.snapshot, &stored.changes).and_then(|doc| {
        Ok(match header.kind.as_str() {
            mentee::KIND => {
                let record = mentee::read(&doc)?;
                let history = mentee::read_history(&doc)?;
                Decoded::Mentee(ExportMentee {
                    facility: facility.clone().unwrap_or_else(|| record.facility.clone()),
                    district: district.clone(),
                    id: id.clone(),
                    record,
                    history,
                })
            }
            visit::KIND => Decoded::Visit(placed(&facility, &district, &id, visit::read(&doc)?)),
            qi::KIND => Decoded::Qi(placed(&facility, &district, &id, qi::read(&doc)?)),
            _ => return Err(DocError::Missing("kind")),
        })
    });
    match result {
        Ok(decoded) => Some(decoded),
        Err(err) => {
            // The field name only: a reason may quote the document's text.
            let field = match &err {
                DocError::Missing(field) | DocError::Invalid { field, .. } => field,
                DocError::Automerge(_) => "automerge",
            };
            tracing::warn!(target: "mentora::exports", "document {id} left out: unreadable {field}");
            None
        }
    }
}

fn placed<T>(facility: &Option<String>, district: &str, id: &str, doc: T) -> Placed<T> {
    Placed {
        facility: facility.clone().unwrap_or_default(),
        district: district.to_owned(),
        id: id.to_owned(),
        doc,
    }
}

fn load(snapshot: &Option<Vec<u8>>, changes: &[Vec<u8>]) -> Result<Automerge, DocError> {
    let mut doc = match snapshot {
        Some(bytes) => Automerge::load(bytes)?,
        None => Automerge::new(),
    };
    for chunk in changes {
        doc.load_incremental(chunk)?;
    }
    Ok(doc)
}
