//! Byte-level mutators, the same family AFL's "havoc" stage uses: bit flips, interesting
//! values, range insert/delete/duplicate, varint and length fields, dictionary tokens, splices
//! with another corpus input, truncation.

use crate::rng::Rng;

const INTERESTING_BYTES: [u8; 10] = [0, 1, 0x10, 0x20, 0x40, 0x7f, 0x80, 0xfe, 0xff, b'0'];
const INTERESTING_U64: [u64; 12] = [
    0,
    1,
    0x7f,
    0x80,
    0xff,
    0x3fff,
    0x4000,
    0xffff,
    0x7fff_ffff,
    0xffff_ffff,
    1 << 40,
    u64::MAX,
];

/// LEB128, as the sync wire format writes lengths and counts (`shared/src/sync/codec.rs`).
pub fn varint(mut value: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

/// Applies one to four random byte-level mutations to `data`, never growing it past `max_len`.
pub fn havoc(
    rng: &mut Rng,
    data: &mut Vec<u8>,
    corpus: &[Vec<u8>],
    dict: &[&[u8]],
    max_len: usize,
) {
    for _ in 0..=rng.below(4) {
        one(rng, data, corpus, dict);
    }
    data.truncate(max_len);
}

fn one(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>], dict: &[&[u8]]) {
    let len = data.len();
    let at = rng.below(len + 1);
    match rng.below(12) {
        0 if len > 0 => data[at.min(len - 1)] ^= 1 << rng.below(8),
        1 if len > 0 => data[at.min(len - 1)] = *rng.pick(&INTERESTING_BYTES),
        2 if len > 0 => data[at.min(len - 1)] = rng.next_u64() as u8,
        3 => {
            let n = 1 + rng.below(8);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
            data.splice(at..at, bytes);
        }
        4 if len > 0 => {
            let end = (at + 1 + rng.below(16)).min(len);
            data.drain(at.min(len - 1)..end);
        }
        5 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(64)).min(len);
            let copy = data[start..end].to_vec();
            let to = rng.below(len + 1);
            data.splice(to..to, copy);
        }
        6 => {
            // a varint or length field: replace up to three bytes with an interesting value
            let value = *rng.pick(&INTERESTING_U64);
            let end = (at + rng.below(4)).min(len);
            data.splice(at..end, varint(value));
        }
        7 if len >= 8 => {
            let value = rng.pick(&INTERESTING_U64).to_le_bytes();
            let width = *rng.pick(&[1usize, 2, 4, 8]);
            let at = rng.below(len - width + 1);
            data[at..at + width].copy_from_slice(&value[..width]);
        }
        8 | 9 if !dict.is_empty() => {
            let token = rng.pick(dict);
            if rng.one_in(2) || len == 0 {
                data.splice(at..at, token.iter().copied());
            } else {
                let end = (at + token.len()).min(len);
                data.splice(at..end, token.iter().copied());
            }
        }
        10 if !corpus.is_empty() => {
            let other = rng.pick(corpus);
            let from = rng.below(other.len() + 1);
            data.truncate(at);
            data.extend_from_slice(&other[from..]);
        }
        11 => data.truncate(at),
        _ => data.push(rng.next_u64() as u8),
    }
}
