//! The documents of one kind kept at a facility, read for a screen: each readable one as its
//! record, each unreadable one as the reason, so lists still say which records they cannot show.

use automerge::Automerge;
use mentora_shared::documents::order;
use mentora_shared::sync::{DocId, PlaceId};

use crate::engine;
use crate::error::AppError;

/// A record of a list, or why its document cannot be read.
pub type Row<T> = (DocId, Result<T, AppError>);

/// Every document of `kind` whose scope is `facility`, through `read`; documents `read` finds
/// deleted (`Ok(None)`) are left out.
pub fn of_kind<T>(
    kind: &str,
    facility: &str,
    read: impl Fn(DocId, &Automerge) -> Result<Option<T>, AppError>,
) -> Vec<Row<T>> {
    engine::read_all(kind, |doc, header, automerge| {
        if header.scope.facility.as_ref().map(PlaceId::as_str) != Some(facility) {
            return None;
        }
        read(doc, automerge).transpose().map(|record| (doc, record))
    })
    .into_iter()
    .flatten()
    .collect()
}

/// [`of_kind`] for kinds that are never deleted.
pub fn all_of_kind<T>(
    kind: &str,
    facility: &str,
    read: impl Fn(DocId, &Automerge) -> Result<T, AppError>,
) -> Vec<Row<T>> {
    of_kind(kind, facility, |doc, automerge| {
        read(doc, automerge).map(Some)
    })
}

/// Sorts newest first by `key`, unreadable rows last: the order every record list keeps
/// ([`order::newest_first`]).
pub fn newest_first<T, K: Ord>(rows: &mut [Row<T>], key: impl Fn(&T) -> K) {
    order::sort_newest_first(rows, |(doc, row)| (*doc, row.as_ref().ok().map(&key)));
}

/// The rows as `Result`s carrying their document on error, the shape the lists render.
pub fn with_doc_on_error<T>(rows: Vec<Row<T>>) -> Vec<Result<T, (DocId, AppError)>> {
    rows.into_iter()
        .map(|(doc, row)| row.map_err(|reason| (doc, reason)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Row, newest_first};
    use crate::error::AppError;
    use mentora_shared::sync::DocId;

    fn doc(n: u8) -> DocId {
        DocId([n; 16])
    }

    #[track_caller]
    fn check(rows: Vec<Row<u32>>, expect: &[u8]) {
        let mut rows = rows;
        newest_first(&mut rows, |day| *day);
        let order: Vec<u8> = rows.iter().map(|(d, _)| d.0[0]).collect();
        assert_eq!(order, expect);
    }

    #[test]
    fn newest_first_then_unreadable_last() {
        check(vec![(doc(1), Ok(5)), (doc(2), Ok(9))], &[2, 1]);
        check(vec![(doc(1), Ok(5)), (doc(2), Ok(5))], &[2, 1]);
        check(
            vec![(doc(3), Err(AppError::NotOnDevice)), (doc(1), Ok(1))],
            &[1, 3],
        );
        check(
            vec![
                (doc(4), Err(AppError::NotOnDevice)),
                (doc(2), Err(AppError::Interrupted)),
                (doc(1), Ok(0)),
            ],
            &[1, 2, 4],
        );
    }
}
