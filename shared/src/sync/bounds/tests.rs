use std::io::Write as _;

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};
use proptest::prelude::*;

use super::*;

fn real_changes() -> Vec<automerge::Change> {
    let mut doc = Automerge::new();
    let mut tx = doc.transaction();
    tx.put(ROOT, "name", "Aline").unwrap();
    tx.put(ROOT, "note", "x".repeat(2_000)).unwrap();
    tx.commit();
    let mut tx = doc.transaction();
    let list = tx
        .put_object(ROOT, "list", automerge::ObjType::List)
        .unwrap();
    for i in 0..300 {
        tx.insert(&list, i, i64::try_from(i).unwrap()).unwrap();
    }
    tx.commit();
    doc.get_changes(&[])
}

fn uleb(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn chunk(chunk_type: u8, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, chunk_type];
    uleb(&mut out, data.len() as u64);
    out.extend_from_slice(data);
    out
}

#[test]
fn real_changes_pass_with_their_op_count() {
    for mut change in real_changes() {
        let plain = check_change(change.raw_bytes(), &Caps::CHANGE).unwrap();
        assert_eq!(plain.ops, change.len() as u64);
        let compressed = change.bytes().to_vec();
        assert_eq!(compressed[8], 2, "large changes travel compressed");
        assert_eq!(check_change(&compressed, &Caps::CHANGE).unwrap(), plain);
    }
}

#[test]
fn a_deflate_bomb_is_refused_without_inflating_it() {
    // 64 MiB of zeros deflated: ~64 KB, far beyond the 4 MiB cap once inflated.
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        enc.write_all(&zeros).unwrap();
    }
    let bomb = chunk(2, &enc.finish().unwrap());
    assert_eq!(
        check_change(&bomb, &Caps::CHANGE),
        Err(BoundError::TooLargeInflated {
            limit: Caps::CHANGE.max_inflated_bytes
        })
    );
}

/// A change body whose one column claims `run` entries of an action in 5 bytes.
fn rle_bomb(spec: u64, column: &[u8]) -> Vec<u8> {
    let mut body = vec![0, 1, 0xaa, 1, 1, 0, 0, 0, 1];
    uleb(&mut body, spec);
    uleb(&mut body, column.len() as u64);
    body.extend_from_slice(column);
    chunk(1, &body)
}

#[test]
fn run_lengths_claiming_a_billion_ops_are_refused() {
    let too_many = Err(BoundError::TooManyOps {
        limit: Caps::CHANGE.max_ops,
    });
    // action column (id 4, integer): a run of 10^9 times action 1.
    let mut run = Vec::new();
    uleb(&mut run, 1_000_000_000 << 1); // sLEB of a positive number: zigzag-free, sign bit clear
    run.clear();
    run.extend_from_slice(&[0x80, 0x94, 0xeb, 0xdc, 0x03, 0x01]);
    assert_eq!(check_change(&rle_bomb(0x42, &run), &Caps::CHANGE), too_many);
    // boolean column: a run of 10^9 falses.
    let mut falses = Vec::new();
    uleb(&mut falses, 1_000_000_000);
    assert_eq!(
        check_change(&rle_bomb(0x34, &falses), &Caps::CHANGE),
        too_many
    );
    // group column: 1,000 ops with 1,000,000 sub-entries each.
    let group = [0xe8, 0x07, 0xc0, 0x84, 0x3d];
    assert_eq!(
        check_change(&rle_bomb(0x70, &group), &Caps::CHANGE),
        too_many
    );
    // a small run is fine
    assert_eq!(
        check_change(&rle_bomb(0x42, &[0x03, 0x01]), &Caps::CHANGE).map(|c| c.ops),
        Ok(3)
    );
}

#[test]
fn other_chunks_and_compressed_columns_are_refused() {
    assert_eq!(
        check_change(b"MSYN", &Caps::CHANGE),
        Err(BoundError::NotAChange)
    );
    assert_eq!(
        check_change(&chunk(0, &[]), &Caps::CHANGE),
        Err(BoundError::NotAChange)
    );
    assert_eq!(
        check_change(&rle_bomb(0x4a, &[0x03, 0x01]), &Caps::CHANGE),
        Err(BoundError::CompressedColumn)
    );
}

proptest! {
    #[test]
    fn hostile_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = check_change(&bytes, &Caps::CHANGE);
        let _ = check_change(&chunk(1, &bytes), &Caps::CHANGE);
        let _ = check_change(&chunk(2, &bytes), &Caps::CHANGE);
    }

    #[test]
    fn truncated_changes_never_panic(cut in 0usize..400) {
        for change in real_changes() {
            let raw = change.raw_bytes();
            let _ = check_change(&raw[..cut.min(raw.len())], &Caps::CHANGE);
        }
    }
}
