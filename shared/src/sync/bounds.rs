//! Bounds on the work one Automerge change chunk can cause, checked before Automerge reads it.
//!
//! A change chunk is small on the wire but can stand for much more: a compressed chunk (type 2)
//! is DEFLATE, up to ~1000× larger once inflated, and every op column is run-length encoded, so
//! a few bytes can claim a billion ops that Automerge would iterate and then hold in memory.
//! [`check_change`] reads the chunk header, inflates a compressed body through a reader capped
//! at [`Caps::max_inflated_bytes`] (so it never holds more than the cap), then walks the column
//! metadata and adds up run lengths without expanding them, refusing as soon as a column
//! claims more than [`Caps::max_ops`] entries. Layout: the Automerge binary format (chunk
//! header: 4 magic bytes, 4 checksum bytes, type, uLEB length; change body: deps, actor, seq,
//! start op, time, message, other actors, column metadata, column data).

use std::io::Read as _;

/// Limits per change chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// Bytes of a compressed change once inflated.
    pub max_inflated_bytes: usize,
    /// Entries of any one op column (so, ops of the change), and sub-entries of a group.
    pub max_ops: u64,
}

impl Caps {
    /// A saved form is a few dozen ops; a merge of two records a few thousand.
    pub const CHANGE: Caps = Caps {
        max_inflated_bytes: 4 << 20,
        max_ops: 100_000,
    };
}

/// What a change chunk costs once read, as far as [`check_change`] bounded it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    /// The change body's bytes (inflated if it was compressed).
    pub bytes: usize,
    /// The most entries any op column claims.
    pub ops: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BoundError {
    #[error("not an automerge change chunk")]
    NotAChange,
    #[error("change chunk is truncated")]
    Truncated,
    #[error("compressed change is not valid deflate")]
    BadDeflate,
    #[error("change inflates beyond {limit} bytes")]
    TooLargeInflated { limit: usize },
    #[error("change holds more than {limit} operations")]
    TooManyOps { limit: u64 },
    #[error("change has a compressed column")]
    CompressedColumn,
}

const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
const CHUNK_CHANGE: u8 = 1;
const CHUNK_COMPRESSED: u8 = 2;

/// Checks one change chunk against `caps` without letting it expand beyond them.
pub fn check_change(raw: &[u8], caps: &Caps) -> Result<Cost, BoundError> {
    if raw.len() < 9 || raw[..4] != MAGIC {
        return Err(BoundError::NotAChange);
    }
    let chunk_type = raw[8];
    let mut r = Reader::new(&raw[9..]);
    let len = usize::try_from(r.uleb()?).map_err(|_| BoundError::Truncated)?;
    let data = r.take(len)?;
    match chunk_type {
        CHUNK_CHANGE => Ok(Cost {
            bytes: data.len(),
            ops: count_ops(data, caps)?,
        }),
        CHUNK_COMPRESSED => {
            let cap = caps.max_inflated_bytes;
            let mut body = Vec::new();
            flate2::read::DeflateDecoder::new(data)
                .take(u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1))
                .read_to_end(&mut body)
                .map_err(|_| BoundError::BadDeflate)?;
            if body.len() > cap {
                return Err(BoundError::TooLargeInflated { limit: cap });
            }
            Ok(Cost {
                bytes: body.len(),
                ops: count_ops(&body, caps)?,
            })
        }
        _ => Err(BoundError::NotAChange),
    }
}

/// Walks a change body up to its columns; returns the most entries any column claims.
fn count_ops(body: &[u8], caps: &Caps) -> Result<u64, BoundError> {
    let mut r = Reader::new(body);
    let n_deps = r.count(32)?;
    r.take(n_deps * 32)?;
    r.bytes()?; // actor
    r.uleb()?; // seq
    r.uleb()?; // start op
    r.sleb()?; // time
    r.bytes()?; // message
    let n_actors = r.count(1)?;
    for _ in 0..n_actors {
        r.bytes()?;
    }
    let n_columns = r.count(2)?;
    let mut specs = Vec::with_capacity(n_columns);
    for _ in 0..n_columns {
        let spec = r.uleb()?;
        let len = usize::try_from(r.uleb()?).map_err(|_| BoundError::Truncated)?;
        specs.push((spec, len));
    }
    let mut most = 0;
    for (spec, len) in specs {
        let data = r.take(len)?;
        if spec & 0b1000 != 0 {
            return Err(BoundError::CompressedColumn);
        }
        let entries = match spec & 0b111 {
            4 => count_booleans(data, caps)?,
            7 => 0, // raw values: as long as the bytes are
            ty => count_runs(data, ty, caps)?,
        };
        most = most.max(entries);
    }
    Ok(most)
}

/// Entries of a run-length encoded column of type `ty` (0 group, 1 actor, 2 integer, 3 delta,
/// 5 string, 6 value metadata). A group's values count sub-entries, bounded too.
fn count_runs(data: &[u8], ty: u64, caps: &Caps) -> Result<u64, BoundError> {
    let too_many = BoundError::TooManyOps {
        limit: caps.max_ops,
    };
    let mut r = Reader::new(data);
    let (mut entries, mut sub_entries) = (0u64, 0u64);
    while !r.done() {
        let run = r.sleb()?;
        if run > 0 {
            let n = run.unsigned_abs();
            let value = value(&mut r, ty)?;
            entries = entries.saturating_add(n);
            sub_entries = sub_entries.saturating_add(n.saturating_mul(value));
        } else if run < 0 {
            let n = run.unsigned_abs();
            if n > caps.max_ops {
                return Err(too_many);
            }
            for _ in 0..n {
                sub_entries = sub_entries.saturating_add(value(&mut r, ty)?);
            }
            entries = entries.saturating_add(n);
        } else {
            entries = entries.saturating_add(r.uleb()?);
        }
        if entries > caps.max_ops || (ty == 0 && sub_entries > caps.max_ops) {
            return Err(too_many);
        }
    }
    Ok(entries)
}

/// One value of a column: its magnitude for a group (how many sub-entries), else 0.
fn value(r: &mut Reader<'_>, ty: u64) -> Result<u64, BoundError> {
    match ty {
        3 => r.sleb().map(|_| 0),
        5 => r.bytes().map(|_| 0),
        0 => r.uleb(),
        _ => r.uleb().map(|_| 0),
    }
}

/// A boolean column: alternating run lengths (false first).
fn count_booleans(data: &[u8], caps: &Caps) -> Result<u64, BoundError> {
    let mut r = Reader::new(data);
    let mut entries = 0u64;
    while !r.done() {
        entries = entries.saturating_add(r.uleb()?);
        if entries > caps.max_ops {
            return Err(BoundError::TooManyOps {
                limit: caps.max_ops,
            });
        }
    }
    Ok(entries)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    fn done(&self) -> bool {
        self.bytes.is_empty()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], BoundError> {
        if n > self.bytes.len() {
            return Err(BoundError::Truncated);
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn uleb(&mut self) -> Result<u64, BoundError> {
        let mut value = 0u64;
        for i in 0..10 {
            let [byte, rest @ ..] = self.bytes else {
                return Err(BoundError::Truncated);
            };
            self.bytes = rest;
            value |= u64::from(byte & 0x7f).checked_shl(7 * i).unwrap_or(0);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(BoundError::Truncated)
    }

    fn sleb(&mut self) -> Result<i64, BoundError> {
        let mut value = 0i64;
        let mut shift = 0u32;
        for _ in 0..10 {
            let [byte, rest @ ..] = self.bytes else {
                return Err(BoundError::Truncated);
            };
            self.bytes = rest;
            value |= i64::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
            shift += 7;
            if byte & 0x80 == 0 {
                if shift < 64 && byte & 0x40 != 0 {
                    value |= -1i64 << shift;
                }
                return Ok(value);
            }
        }
        Err(BoundError::Truncated)
    }

    /// A uLEB length followed by that many bytes.
    fn bytes(&mut self) -> Result<&'a [u8], BoundError> {
        let n = usize::try_from(self.uleb()?).map_err(|_| BoundError::Truncated)?;
        self.take(n)
    }

    /// A uLEB count of items at least `min_size` bytes each, checked against what is left.
    fn count(&mut self, min_size: usize) -> Result<usize, BoundError> {
        let n = usize::try_from(self.uleb()?).map_err(|_| BoundError::Truncated)?;
        if n.saturating_mul(min_size) > self.bytes.len() {
            return Err(BoundError::Truncated);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests;
