//! Round trips, and hostile bytes: every truncation, garbage, oversized counts → errors, never
//! a panic.

use automerge::ChangeHash;
use proptest::prelude::*;

use super::*;
use crate::sync::sim::header;

fn sample_request() -> SyncRequest {
    SyncRequest {
        since: 300,
        ack: 7,
        resync: vec![DocId([3; 16])],
        pushes: vec![DocPush {
            doc_id: DocId([1; 16]),
            header: header("d1", Some("f1")),
            heads: vec![ChangeHash([9; 32]), ChangeHash([8; 32])],
            changes: vec![vec![1, 2, 3], vec![]],
        }],
    }
}

fn sample_response() -> SyncResponse {
    SyncResponse {
        token: 8,
        cursor: 301,
        remaining: 2,
        results: vec![
            PushResult {
                doc_id: DocId([1; 16]),
                outcome: PushOutcome::Accepted {
                    heads: vec![ChangeHash([9; 32])],
                },
            },
            PushResult {
                doc_id: DocId([2; 16]),
                outcome: PushOutcome::Refused {
                    reason: Refusal::OutOfScope,
                    detail: "no".to_owned(),
                },
            },
        ],
        docs: vec![
            DocUpdate {
                doc_id: DocId([4; 16]),
                header: header("d2", None),
                heads: vec![ChangeHash([5; 32])],
                body: DocBody::Snapshot(vec![0x85, 0x6f, 0x4a, 0x83]),
            },
            DocUpdate {
                doc_id: DocId([6; 16]),
                header: header("d1", Some("f2")),
                heads: vec![],
                body: DocBody::Changes(vec![vec![7; 10]]),
            },
        ],
        left: vec![DocId([7; 16]), DocId([8; 16])],
        restored: true,
    }
}

#[test]
fn request_round_trips() {
    let req = sample_request();
    assert_eq!(
        decode_request(&encode_request(&req), &Limits::REQUEST),
        Ok(req)
    );
    let empty = SyncRequest::default();
    let bytes = encode_request(&empty);
    assert_eq!(
        bytes.len(),
        10,
        "an idle request is tiny: magic, version, type, 4 zero varints"
    );
    assert_eq!(decode_request(&bytes, &Limits::REQUEST), Ok(empty));
}

#[test]
fn response_round_trips() {
    let resp = sample_response();
    assert_eq!(
        decode_response(&encode_response(&resp), &Limits::RESPONSE),
        Ok(resp)
    );
}

#[test]
fn the_left_list_is_bounded_and_absent_when_empty() {
    let resp = sample_response();
    let bytes = encode_response(&resp);
    let few = Limits {
        max_left: 1,
        ..Limits::RESPONSE
    };
    assert_eq!(
        decode_response(&bytes, &few),
        Err(WireError::TooLarge {
            what: "documents that left the scope",
            limit: 1
        })
    );
    let none = SyncResponse {
        left: Vec::new(),
        restored: false,
        ..resp
    };
    assert_eq!(
        encode_response(&none).len() + 2 + 2 * 16,
        bytes.len(),
        "an empty list costs nothing; two ids cost the flags, a count and 32 bytes"
    );
    let restored = SyncResponse {
        restored: true,
        ..none.clone()
    };
    let bytes = encode_response(&restored);
    assert_eq!(
        bytes.len(),
        encode_response(&none).len() + 1,
        "one flags byte"
    );
    assert_eq!(decode_response(&bytes, &Limits::RESPONSE), Ok(restored));
    let mut unknown = bytes;
    if let Some(flags) = unknown.last_mut() {
        *flags = 4;
    }
    assert_eq!(
        decode_response(&unknown, &Limits::RESPONSE),
        Err(WireError::BadTag {
            what: "response extension",
            tag: 4
        })
    );
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = encode_request(&sample_request());
    for cut in 0..bytes.len() {
        assert!(
            decode_request(&bytes[..cut], &Limits::REQUEST).is_err(),
            "request cut at {cut}"
        );
    }
    let bytes = encode_response(&sample_response());
    // The list of documents that left and the restored flag are an optional trailing section:
    // cut exactly before it, the message is the same response without them (as an older server
    // sends it).
    let without_left = SyncResponse {
        left: Vec::new(),
        restored: false,
        ..sample_response()
    };
    let boundary = encode_response(&without_left).len();
    for cut in 0..bytes.len() {
        let decoded = decode_response(&bytes[..cut], &Limits::RESPONSE);
        if cut == boundary {
            assert_eq!(decoded.as_ref(), Ok(&without_left));
            continue;
        }
        assert!(decoded.is_err(), "response cut at {cut}");
    }
}

#[track_caller]
fn check(bytes: &[u8], expect: WireError) {
    assert_eq!(decode_request(bytes, &Limits::REQUEST), Err(expect));
}

#[test]
fn hostile_requests_are_refused_with_a_reason() {
    let small = Limits {
        max_message_bytes: 16,
        ..Limits::REQUEST
    };
    assert_eq!(
        decode_request(&[0; 17], &small),
        Err(WireError::TooLarge {
            what: "message",
            limit: 16
        })
    );
    check(b"", WireError::Truncated);
    check(b"HTTP/1.1 200", WireError::BadMagic);
    check(b"MSYN\x02\x01", WireError::UnsupportedVersion(2));
    check(b"MSYN\x01\x02", WireError::WrongMessageType(2));
    check(
        b"MSYN\x01\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
        WireError::VarintOverflow,
    );
    // 2^40 pushes claimed in a 16-byte message: refused before allocating anything.
    check(
        b"MSYN\x01\x01\x00\x00\x00\x80\x80\x80\x80\x80\x20",
        WireError::TooLarge {
            what: "documents",
            limit: Limits::REQUEST.max_docs,
        },
    );
    check(b"MSYN\x01\x01\x00\x00\x00\x05", WireError::Truncated);
    let mut trailing = encode_request(&SyncRequest::default());
    trailing.push(0);
    check(&trailing, WireError::TrailingBytes);
    let mut bad_name = encode_request(&sample_request());
    let at = bad_name
        .windows(2)
        .position(|w| w == b"vi")
        .expect("kind in message");
    bad_name[at] = b'V';
    check(&bad_name, WireError::BadName(NameError::BadChar));
}

proptest! {
    #[test]
    fn garbage_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode_request(&bytes, &Limits::REQUEST);
        let _ = decode_response(&bytes, &Limits::RESPONSE);
    }

    #[test]
    fn corrupted_messages_never_panic(flips in prop::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let mut req = encode_request(&sample_request());
        let mut resp = encode_response(&sample_response());
        for (at, byte) in flips {
            let i = at % req.len();
            req[i] = byte;
            let j = at % resp.len();
            resp[j] = byte;
        }
        let _ = decode_request(&req, &Limits::REQUEST);
        let _ = decode_response(&resp, &Limits::RESPONSE);
    }
}

#[test]
fn new_refusal_codes_round_trip_and_unknown_ones_read_as_other() {
    let response = |reason| SyncResponse {
        results: vec![PushResult {
            doc_id: DocId([2; 16]),
            outcome: PushOutcome::Refused {
                reason,
                detail: "why".to_owned(),
            },
        }],
        ..SyncResponse::default()
    };
    for reason in [Refusal::NotPermitted, Refusal::Unsupported, Refusal::Other] {
        let bytes = encode_response(&response(reason));
        assert_eq!(
            decode_response(&bytes, &Limits::RESPONSE),
            Ok(response(reason))
        );
    }
    // A code from a newer server: still a refusal, with its detail.
    let mut bytes = encode_response(&response(Refusal::NotPermitted));
    let at = bytes
        .windows(3)
        .position(|w| w == [1, 6, 3])
        .expect("outcome, code, detail length");
    bytes[at + 1] = 42;
    assert_eq!(
        decode_response(&bytes, &Limits::RESPONSE),
        Ok(response(Refusal::Other))
    );
}
