//! The sync wire format: one batched request and one batched response, versioned binary.
//!
//! The envelope is ours (a few varints and ids, laid out in docs/sync-protocol.md); every
//! document payload inside it is standard Automerge binary: single change chunks
//! (`Change::raw_bytes`) or a saved document (`Automerge::save`). Decoders only check framing
//! and limits; Automerge bytes are parsed per document by the receiver, so one corrupt
//! document is refused on its own and never blocks the rest of a batch.

use automerge::ChangeHash;

use super::codec::{Reader, Writer};
use super::types::{DocHeader, DocId, DocKind, NameError, Scope};

/// First bytes of every message.
pub const MAGIC: [u8; 4] = *b"MSYN";
/// Wire format version; a receiver refuses any other.
pub const VERSION: u8 = 1;
const TYPE_REQUEST: u8 = 1;
const TYPE_RESPONSE: u8 = 2;

/// Size and count limits enforced by decoders (and by the server when building responses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Whole message.
    pub max_message_bytes: usize,
    /// Pushes in a request, or documents in a response.
    pub max_docs: usize,
    /// One change chunk, or one saved document.
    pub max_chunk_bytes: usize,
    /// Change chunks for one document in one message.
    pub max_changes_per_doc: usize,
    /// Heads of one document (concurrent branches).
    pub max_heads: usize,
    /// Documents a request may ask to be re-sent whole.
    pub max_resync: usize,
    /// Documents a response may tell the device to drop (they left the user's scope).
    pub max_left: usize,
}

impl Limits {
    /// What the server accepts from a device.
    pub const REQUEST: Limits = Limits {
        max_message_bytes: 8 << 20,
        max_docs: 1_000,
        max_chunk_bytes: 1 << 20,
        max_changes_per_doc: 10_000,
        max_heads: 64,
        max_resync: 1_000,
        max_left: 0,
    };
    /// What a device accepts from the server (saved documents can be larger than changes).
    pub const RESPONSE: Limits = Limits {
        max_message_bytes: 32 << 20,
        max_docs: 5_000,
        max_chunk_bytes: 8 << 20,
        max_changes_per_doc: 10_000,
        max_heads: 64,
        max_resync: 0,
        max_left: MAX_LEFT,
    };
}

/// Most documents one response tells a device to drop: twenty times the 10,000 records a
/// supervisor's tablet is sized for. The server never names more (`sync::server`).
pub const MAX_LEFT: usize = 200_000;

/// Why bytes from outside were refused. Nothing is stored when a message fails to decode.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("message is truncated")]
    Truncated,
    #[error("{what} exceeds the limit of {limit}")]
    TooLarge { what: &'static str, limit: usize },
    #[error("not a mentora sync message")]
    BadMagic,
    #[error("unsupported sync protocol version {0}")]
    UnsupportedVersion(u8),
    #[error("unexpected message type {0}")]
    WrongMessageType(u8),
    #[error("malformed varint")]
    VarintOverflow,
    #[error("invalid name: {0}")]
    BadName(NameError),
    #[error("unknown {what} tag {tag}")]
    BadTag { what: &'static str, tag: u8 },
    #[error("trailing bytes after the message")]
    TrailingBytes,
}

/// Device → server: everything the device has that the server may lack, plus its cursor.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncRequest {
    /// Server sequence number up to which the device holds every document in its scope
    /// (the `cursor` of the last response it applied; 0 on first sync).
    pub since: u64,
    /// `token` of the last response the device applied in full (0 for none).
    pub ack: u64,
    /// Documents the device could not apply incrementally: send them whole.
    pub resync: Vec<DocId>,
    pub pushes: Vec<DocPush>,
}

/// The device's changes to one document that the server is not known to have.
#[derive(Clone, Debug, PartialEq)]
pub struct DocPush {
    pub doc_id: DocId,
    pub header: DocHeader,
    /// The device's heads for this document once these changes are included.
    pub heads: Vec<ChangeHash>,
    /// Automerge change chunks, each exactly one change (`Change::raw_bytes`).
    pub changes: Vec<Vec<u8>>,
}

/// Server → device.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncResponse {
    /// Acknowledge this in the next request's `ack` (names exactly this response).
    pub token: u64,
    /// The device's next `since`.
    pub cursor: u64,
    /// Documents changed after `cursor` not included for lack of room: sync again at once.
    pub remaining: u64,
    pub results: Vec<PushResult>,
    pub docs: Vec<DocUpdate>,
    /// Documents the device held that its user may no longer read (the scope shrank): the
    /// device drops them once its own changes to them have been pushed.
    pub left: Vec<DocId>,
    /// The server no longer knows this device's last answers (it was restored from a backup
    /// taken before them): whatever the device thinks the server holds is void, so it treats
    /// every document as unsent and pushes it again (the server ignores what it already has).
    pub restored: bool,
}

/// The optional trailing section of a response (absent when all its parts are): a flags byte,
/// then the parts it names, in this order.
const EXT_LEFT: u8 = 1;
const EXT_RESTORED: u8 = 2;

#[derive(Clone, Debug, PartialEq)]
pub struct PushResult {
    pub doc_id: DocId,
    pub outcome: PushOutcome,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PushOutcome {
    /// Stored durably; the server's heads for the document afterwards.
    Accepted { heads: Vec<ChangeHash> },
    /// Nothing of this push was stored.
    Refused { reason: Refusal, detail: String },
}

/// Why a push was refused, stable codes the badge can explain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    OutOfScope = 1,
    HeaderMismatch = 2,
    InvalidChanges = 3,
    TooLarge = 4,
    ForeignActor = 5,
    /// The capability policy (`policy::allows`) refuses what the changes do for this role.
    NotPermitted = 6,
    /// A document kind, or a schema version of it, that this server does not know.
    Unsupported = 7,
    /// A code this build does not know (sent by a newer server); the detail says why.
    Other = 255,
}

/// A document the device lacks or lacks changes of.
#[derive(Clone, Debug, PartialEq)]
pub struct DocUpdate {
    pub doc_id: DocId,
    pub header: DocHeader,
    /// The server's heads: the device holds them once `body` is applied.
    pub heads: Vec<ChangeHash>,
    pub body: DocBody,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DocBody {
    /// `Automerge::save()` output: for documents the device does not have.
    Snapshot(Vec<u8>),
    /// Change chunks the device lacks, computed from heads the device is known to hold.
    Changes(Vec<Vec<u8>>),
}

impl DocBody {
    /// Bytes of Automerge data carried.
    pub fn len(&self) -> usize {
        match self {
            DocBody::Snapshot(b) => b.len(),
            DocBody::Changes(cs) => cs.iter().map(Vec::len).sum(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn start(w: &mut Writer, ty: u8) {
    w.buf.extend_from_slice(&MAGIC);
    w.u8(VERSION);
    w.u8(ty);
}

fn check_start(r: &mut Reader<'_>, bytes: &[u8], limits: &Limits, ty: u8) -> Result<(), WireError> {
    if bytes.len() > limits.max_message_bytes {
        return Err(WireError::TooLarge {
            what: "message",
            limit: limits.max_message_bytes,
        });
    }
    if r.take(4)? != MAGIC {
        return Err(WireError::BadMagic);
    }
    let version = r.u8()?;
    if version != VERSION {
        return Err(WireError::UnsupportedVersion(version));
    }
    let found = r.u8()?;
    if found != ty {
        return Err(WireError::WrongMessageType(found));
    }
    Ok(())
}

fn write_header(w: &mut Writer, h: &DocHeader) {
    w.str(h.kind.as_str());
    w.varint(u64::from(h.schema_version));
    w.str(h.scope.district.as_str());
    match &h.scope.facility {
        None => w.u8(0),
        Some(f) => {
            w.u8(1);
            w.str(f.as_str());
        }
    }
}

fn read_header(r: &mut Reader<'_>) -> Result<DocHeader, WireError> {
    let kind = DocKind::new(r.name()?).map_err(WireError::BadName)?;
    let schema_version = u32::try_from(r.varint()?).map_err(|_| WireError::TooLarge {
        what: "schema version",
        limit: u32::MAX as usize,
    })?;
    let district = r.place()?;
    let facility = match r.u8()? {
        0 => None,
        1 => Some(r.place()?),
        tag => {
            return Err(WireError::BadTag {
                what: "facility",
                tag,
            });
        }
    };
    Ok(DocHeader {
        kind,
        schema_version,
        scope: Scope { district, facility },
    })
}

fn write_chunks(w: &mut Writer, chunks: &[Vec<u8>]) {
    w.len(chunks.len());
    for c in chunks {
        w.bytes(c);
    }
}

fn read_chunks(r: &mut Reader<'_>, limits: &Limits) -> Result<Vec<Vec<u8>>, WireError> {
    let n = r.count("changes per document", limits.max_changes_per_doc, 1)?;
    (0..n)
        .map(|_| Ok(r.bytes("change", limits.max_chunk_bytes)?.to_vec()))
        .collect()
}

pub fn encode_request(req: &SyncRequest) -> Vec<u8> {
    let mut w = Writer::default();
    start(&mut w, TYPE_REQUEST);
    w.varint(req.since);
    w.varint(req.ack);
    w.len(req.resync.len());
    for id in &req.resync {
        w.doc_id(id);
    }
    w.len(req.pushes.len());
    for p in &req.pushes {
        w.doc_id(&p.doc_id);
        write_header(&mut w, &p.header);
        w.heads(&p.heads);
        write_chunks(&mut w, &p.changes);
    }
    w.buf
}

pub fn decode_request(bytes: &[u8], limits: &Limits) -> Result<SyncRequest, WireError> {
    let mut r = Reader::new(bytes);
    check_start(&mut r, bytes, limits, TYPE_REQUEST)?;
    let since = r.varint()?;
    let ack = r.varint()?;
    let n = r.count("resync documents", limits.max_resync, 16)?;
    let resync = (0..n).map(|_| r.doc_id()).collect::<Result<_, _>>()?;
    let n = r.count("documents", limits.max_docs, 16)?;
    let mut pushes = Vec::with_capacity(n);
    for _ in 0..n {
        let doc_id = r.doc_id()?;
        let header = read_header(&mut r)?;
        let heads = r.heads(limits.max_heads)?;
        let changes = read_chunks(&mut r, limits)?;
        pushes.push(DocPush {
            doc_id,
            header,
            heads,
            changes,
        });
    }
    if !r.is_empty() {
        return Err(WireError::TrailingBytes);
    }
    Ok(SyncRequest {
        since,
        ack,
        resync,
        pushes,
    })
}

const OUTCOME_ACCEPTED: u8 = 0;
const OUTCOME_REFUSED: u8 = 1;
const BODY_SNAPSHOT: u8 = 0;
const BODY_CHANGES: u8 = 1;

pub fn encode_response(resp: &SyncResponse) -> Vec<u8> {
    let mut w = Writer::default();
    start(&mut w, TYPE_RESPONSE);
    w.varint(resp.token);
    w.varint(resp.cursor);
    w.varint(resp.remaining);
    w.len(resp.results.len());
    for res in &resp.results {
        w.doc_id(&res.doc_id);
        match &res.outcome {
            PushOutcome::Accepted { heads } => {
                w.u8(OUTCOME_ACCEPTED);
                w.heads(heads);
            }
            PushOutcome::Refused { reason, detail } => {
                w.u8(OUTCOME_REFUSED);
                w.u8(*reason as u8);
                w.str(detail);
            }
        }
    }
    w.len(resp.docs.len());
    for d in &resp.docs {
        w.doc_id(&d.doc_id);
        write_header(&mut w, &d.header);
        w.heads(&d.heads);
        match &d.body {
            DocBody::Snapshot(bytes) => {
                w.u8(BODY_SNAPSHOT);
                w.bytes(bytes);
            }
            DocBody::Changes(chunks) => {
                w.u8(BODY_CHANGES);
                write_chunks(&mut w, chunks);
            }
        }
    }
    let flags = if resp.left.is_empty() { 0 } else { EXT_LEFT }
        | if resp.restored { EXT_RESTORED } else { 0 };
    if flags != 0 {
        w.u8(flags);
    }
    if !resp.left.is_empty() {
        w.len(resp.left.len());
        for id in &resp.left {
            w.doc_id(id);
        }
    }
    w.buf
}

/// Longest refusal detail the server sends (it is shown to the user, so keep it short).
pub const MAX_DETAIL_LEN: usize = 200;

fn refusal(tag: u8) -> Refusal {
    match tag {
        1 => Refusal::OutOfScope,
        2 => Refusal::HeaderMismatch,
        3 => Refusal::InvalidChanges,
        4 => Refusal::TooLarge,
        5 => Refusal::ForeignActor,
        6 => Refusal::NotPermitted,
        7 => Refusal::Unsupported,
        // Later codes are still refusals: the detail explains them, so the badge can show it.
        _ => Refusal::Other,
    }
}

pub fn decode_response(bytes: &[u8], limits: &Limits) -> Result<SyncResponse, WireError> {
    let mut r = Reader::new(bytes);
    check_start(&mut r, bytes, limits, TYPE_RESPONSE)?;
    let token = r.varint()?;
    let cursor = r.varint()?;
    let remaining = r.varint()?;
    let n = r.count("results", limits.max_docs, 17)?;
    let mut results = Vec::with_capacity(n);
    for _ in 0..n {
        let doc_id = r.doc_id()?;
        let outcome = match r.u8()? {
            OUTCOME_ACCEPTED => PushOutcome::Accepted {
                heads: r.heads(limits.max_heads)?,
            },
            OUTCOME_REFUSED => {
                let reason = refusal(r.u8()?);
                let raw = r.bytes("refusal detail", MAX_DETAIL_LEN)?;
                PushOutcome::Refused {
                    reason,
                    detail: String::from_utf8_lossy(raw).into_owned(),
                }
            }
            tag => {
                return Err(WireError::BadTag {
                    what: "outcome",
                    tag,
                });
            }
        };
        results.push(PushResult { doc_id, outcome });
    }
    let n = r.count("documents", limits.max_docs, 16)?;
    let mut docs = Vec::with_capacity(n);
    for _ in 0..n {
        let doc_id = r.doc_id()?;
        let header = read_header(&mut r)?;
        let heads = r.heads(limits.max_heads)?;
        let body = match r.u8()? {
            BODY_SNAPSHOT => {
                DocBody::Snapshot(r.bytes("snapshot", limits.max_chunk_bytes)?.to_vec())
            }
            BODY_CHANGES => DocBody::Changes(read_chunks(&mut r, limits)?),
            tag => return Err(WireError::BadTag { what: "body", tag }),
        };
        docs.push(DocUpdate {
            doc_id,
            header,
            heads,
            body,
        });
    }
    let flags = if r.is_empty() { 0 } else { r.u8()? };
    if flags == 0 && !r.is_empty() || flags & !(EXT_LEFT | EXT_RESTORED) != 0 {
        return Err(WireError::BadTag {
            what: "response extension",
            tag: flags,
        });
    }
    let left = if flags & EXT_LEFT == 0 {
        Vec::new()
    } else {
        let n = r.count("documents that left the scope", limits.max_left, 16)?;
        (0..n).map(|_| r.doc_id()).collect::<Result<_, _>>()?
    };
    if !r.is_empty() {
        return Err(WireError::TrailingBytes);
    }
    Ok(SyncResponse {
        token,
        cursor,
        remaining,
        results,
        docs,
        left,
        restored: flags & EXT_RESTORED != 0,
    })
}

#[cfg(test)]
mod tests;
