//! Byte-level primitives of the wire format: LEB128 varints, length-prefixed bytes, fixed ids.
//!
//! Hand-written rather than serde-based so the layout is exactly what docs/sync-protocol.md
//! documents, and so every read is bounds-checked: a [`Reader`] never panics and never
//! allocates more than the input it was given could justify.

use automerge::ChangeHash;

use super::types::{DocId, NameError, PlaceId};
use super::wire::WireError;

/// Appends wire primitives to a buffer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub(crate) fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(byte);
                return;
            }
            self.buf.push(byte | 0x80);
        }
    }
    pub(crate) fn len(&mut self, n: usize) {
        self.varint(n as u64);
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.buf.extend_from_slice(b);
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    pub(crate) fn doc_id(&mut self, id: &DocId) {
        self.buf.extend_from_slice(&id.0);
    }
    pub(crate) fn heads(&mut self, heads: &[ChangeHash]) {
        self.len(heads.len());
        for h in heads {
            self.buf.extend_from_slice(&h.0);
        }
    }
}

/// Reads wire primitives from untrusted bytes.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    input: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Self { input }
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.input.is_empty()
    }
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        if n > self.input.len() {
            return Err(WireError::Truncated);
        }
        let (head, rest) = self.input.split_at(n);
        self.input = rest;
        Ok(head)
    }
    pub(crate) fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn varint(&mut self) -> Result<u64, WireError> {
        let mut value: u64 = 0;
        for i in 0..10 {
            let byte = self.u8()?;
            let bits = u64::from(byte & 0x7f);
            if i == 9 && bits > 1 {
                return Err(WireError::VarintOverflow);
            }
            value |= bits << (7 * i);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(WireError::VarintOverflow)
    }
    /// A count or length, refused above `limit` (and above what the input could still hold,
    /// given each item takes at least `min_item_bytes`), so a hostile length cannot make us
    /// allocate.
    pub(crate) fn count(
        &mut self,
        what: &'static str,
        limit: usize,
        min_item_bytes: usize,
    ) -> Result<usize, WireError> {
        let n = self.varint()?;
        let n = usize::try_from(n).map_err(|_| WireError::TooLarge { what, limit })?;
        if n > limit {
            return Err(WireError::TooLarge { what, limit });
        }
        if n.saturating_mul(min_item_bytes) > self.input.len() {
            return Err(WireError::Truncated);
        }
        Ok(n)
    }
    pub(crate) fn bytes(
        &mut self,
        what: &'static str,
        limit: usize,
    ) -> Result<&'a [u8], WireError> {
        let n = self.count(what, limit, 1)?;
        self.take(n)
    }
    pub(crate) fn name(&mut self) -> Result<&'a str, WireError> {
        let raw = self.bytes("name", super::types::MAX_NAME_LEN)?;
        std::str::from_utf8(raw).map_err(|_| WireError::BadName(NameError::BadChar))
    }
    pub(crate) fn place(&mut self) -> Result<PlaceId, WireError> {
        PlaceId::new(self.name()?).map_err(WireError::BadName)
    }
    pub(crate) fn doc_id(&mut self) -> Result<DocId, WireError> {
        let raw = self.take(16)?;
        let mut id = [0u8; 16];
        id.copy_from_slice(raw);
        Ok(DocId(id))
    }
    pub(crate) fn heads(&mut self, limit: usize) -> Result<Vec<ChangeHash>, WireError> {
        let n = self.count("heads", limit, 32)?;
        let mut heads = Vec::with_capacity(n);
        for _ in 0..n {
            let raw = self.take(32)?;
            heads.push(ChangeHash::try_from(raw).map_err(|_| WireError::Truncated)?);
        }
        Ok(heads)
    }
}
