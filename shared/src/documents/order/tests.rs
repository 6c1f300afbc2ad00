use super::*;

/// Rows as (document id byte, date if readable) → the ids in list order.
#[track_caller]
fn check(rows: &[(u8, Option<u32>)], expect: &[u8]) {
    let mut rows: Vec<(DocId, Option<u32>)> = rows
        .iter()
        .map(|&(id, date)| (DocId([id; 16]), date))
        .collect();
    sort_newest_first(&mut rows, |&(doc, date)| (doc, date));
    let got: Vec<u8> = rows.iter().map(|(doc, _)| doc.0[0]).collect();
    assert_eq!(got, expect);
}

#[test]
fn newest_first_then_unreadable_by_id() {
    check(&[], &[]);
    check(&[(1, Some(10))], &[1]);
    check(&[(1, Some(10)), (2, Some(20)), (3, Some(15))], &[2, 3, 1]);
    // Same date: the larger id first, the same on every device.
    check(&[(1, Some(10)), (3, Some(10)), (2, Some(10))], &[3, 2, 1]);
    // Unreadable documents last, smallest id first.
    check(&[(5, None), (1, Some(10)), (2, None)], &[1, 2, 5]);
    check(&[(9, None), (4, None)], &[4, 9]);
    check(
        &[(7, None), (1, Some(1)), (8, Some(30)), (3, None)],
        &[8, 1, 3, 7],
    );
}
