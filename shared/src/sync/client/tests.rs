//! Backoff, timeouts, status and refusal handling of the device state machine.

use super::*;
use crate::sync::sim::{device_id, header};

fn client() -> ClientSync {
    ClientSync::new(device_id(0), ClientConfig::default(), 42)
}

fn fail(c: &mut ClientSync, now: Millis) -> ClientEffects {
    let id = c.in_flight.as_ref().expect("request in flight").request_id;
    c.handle(
        now,
        ClientEvent::Failed {
            request_id: id,
            reason: "503".into(),
            offline: false,
            retry_after_ms: None,
        },
    )
}

#[test]
fn failures_back_off_exponentially_with_jitter_and_a_cap() {
    let mut c = client();
    let fx = c.handle(0, ClientEvent::Hidden);
    assert!(fx.send.is_some(), "a new device syncs at once");
    let mut now = 0;
    let mut delays = Vec::new();
    for _ in 0..12 {
        let fx = fail(&mut c, now);
        let at = fx.wake_at.expect("a retry is scheduled");
        delays.push(at - now);
        now = at;
        assert!(
            c.handle(now, ClientEvent::Tick).send.is_some(),
            "retries when due"
        );
    }
    for (i, d) in delays.iter().enumerate() {
        let full = (1_000u64 << i).min(300_000);
        assert!(
            (full / 2..=full).contains(d),
            "retry {i}: {d} ms not within [{}, {full}]",
            full / 2
        );
    }
    assert!(matches!(c.status().state, SyncState::Syncing { .. }));
    fail(&mut c, now);
    assert!(matches!(
        c.status().state,
        SyncState::Error { failure: SyncFailure::Request, ref reason, .. } if reason == "503"
    ));
}

#[test]
fn a_request_that_never_returns_times_out() {
    let mut c = client();
    let id = c
        .handle(0, ClientEvent::Tick)
        .send
        .expect("sent")
        .request_id;
    assert!(c.handle(59_999, ClientEvent::Tick).send.is_none());
    c.handle(60_000, ClientEvent::Tick);
    assert!(matches!(c.status().state, SyncState::Error { .. }));
    // A late answer to the abandoned request is ignored.
    let late = wire::encode_response(&wire::SyncResponse::default());
    c.handle(
        60_001,
        ClientEvent::Response {
            request_id: id,
            body: late,
        },
    );
    assert_eq!(c.status().last_success, None);
}

#[test]
fn status_follows_edits_offline_and_success() {
    let mut c = client();
    let id = DocId([1; 16]);
    c.handle(0, ClientEvent::Offline);
    c.create_doc(0, id, header("d1", Some("f1"))).expect("new");
    let (_, fx) = c
        .edit(0, id, |doc| {
            use automerge::transaction::Transactable;
            let mut tx = doc.transaction();
            tx.put(automerge::ROOT, "x", 1).expect("put");
            tx.commit();
        })
        .expect("exists");
    assert!(
        matches!(fx.persist[..], [ClientPersist::Compact { .. }]),
        "edit is persisted (the first bytes of a document as a snapshot)"
    );
    assert!(fx.send.is_none(), "offline: nothing sent");
    assert_eq!(c.status().state, SyncState::Offline { waiting: 1 });
    let fx = c.handle(10, ClientEvent::Online);
    let out = fx.send.expect("online: sync at once");
    let req = wire::decode_request(&out.body, &Limits::REQUEST).expect("valid");
    assert_eq!(req.pushes.len(), 1);
    let heads = req.pushes[0].heads.clone();
    let resp = wire::SyncResponse {
        token: 1,
        cursor: 1,
        results: vec![wire::PushResult {
            doc_id: id,
            outcome: wire::PushOutcome::Accepted { heads },
        }],
        ..wire::SyncResponse::default()
    };
    let body = wire::encode_response(&resp);
    c.handle(
        20,
        ClientEvent::Response {
            request_id: out.request_id,
            body,
        },
    );
    let status = c.status();
    assert_eq!(status.state, SyncState::Synced);
    assert_eq!(status.last_success, Some(20));
}

#[test]
fn a_refused_document_is_reported_and_not_pushed_again() {
    let mut c = client();
    let id = DocId([1; 16]);
    c.handle(0, ClientEvent::Offline);
    c.create_doc(0, id, header("d2", Some("f3"))).expect("new");
    c.edit(0, id, |doc| {
        use automerge::transaction::Transactable;
        let mut tx = doc.transaction();
        tx.put(automerge::ROOT, "x", 1).expect("put");
        tx.commit();
    })
    .expect("exists");
    let out = c.handle(0, ClientEvent::Online).send.expect("sent");
    let refused = wire::PushOutcome::Refused {
        reason: Refusal::OutOfScope,
        detail: "no".into(),
    };
    let resp = wire::SyncResponse {
        token: 1,
        results: vec![wire::PushResult {
            doc_id: id,
            outcome: refused,
        }],
        ..wire::SyncResponse::default()
    };
    let fx = c.handle(
        5,
        ClientEvent::Response {
            request_id: out.request_id,
            body: wire::encode_response(&resp),
        },
    );
    assert!(
        fx.send.is_none(),
        "no immediate retry of a refused document"
    );
    let status = c.status();
    assert_eq!(
        status.refused,
        vec![(id, Refusal::OutOfScope, "no".to_owned())]
    );
    assert!(matches!(status.state, SyncState::Error { .. }));
}

#[test]
fn garbage_responses_are_failures_not_panics() {
    let mut c = client();
    let out = c.handle(0, ClientEvent::Tick).send.expect("sent");
    c.handle(
        1,
        ClientEvent::Response {
            request_id: out.request_id,
            body: b"<html>".to_vec(),
        },
    );
    assert!(matches!(c.status().state, SyncState::Error { .. }));
}

#[test]
fn an_unreachable_server_is_shown_offline_and_still_retried() {
    let mut client = ClientSync::new(DeviceId([1; 16]), ClientConfig::default(), 7);
    let first = client
        .handle(0, ClientEvent::SyncNow)
        .send
        .expect("online: sync at once");
    let fx = client.handle(
        10,
        ClientEvent::Failed {
            request_id: first.request_id,
            reason: "unreachable".into(),
            offline: true,
            retry_after_ms: None,
        },
    );
    assert!(matches!(client.status().state, SyncState::Offline { .. }));
    let retry_at = fx.wake_at.expect("a retry is scheduled while unreachable");
    let retry = client.handle(retry_at, ClientEvent::Tick);
    assert!(
        retry.send.is_some(),
        "the device probes the server again without an online event"
    );
}

#[test]
fn the_resync_list_is_persisted_and_survives_a_restart() {
    let broken = DocId([7; 16]);
    let saved = ClientSaved {
        docs: vec![SavedDoc {
            doc_id: broken,
            header: header("d1", Some("f1")),
            blobs: vec![b"not automerge".to_vec()],
            server_heads: Vec::new(),
        }],
        ..ClientSaved::default()
    };
    let (mut c, errors) = ClientSync::restore(device_id(0), ClientConfig::default(), 1, saved);
    assert_eq!(errors.len(), 1);
    let fx = c.handle(0, ClientEvent::Offline);
    let stored: Vec<_> = fx
        .persist
        .iter()
        .filter_map(|p| match p {
            ClientPersist::Resync { docs } => Some(docs.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        stored,
        [vec![broken]],
        "the list is written once it changes"
    );
    assert!(
        c.handle(1, ClientEvent::Offline)
            .persist
            .iter()
            .all(|p| !matches!(p, ClientPersist::Resync { .. })),
        "and not again while it stays the same"
    );

    // A restart from that list (the cursor long past the update) still asks for the document.
    let restored = ClientSaved {
        cursor: 99,
        resync: vec![broken],
        ..ClientSaved::default()
    };
    let (mut c, _) = ClientSync::restore(device_id(0), ClientConfig::default(), 1, restored);
    let request = c.handle(0, ClientEvent::Tick).send.expect("a request");
    let decoded = wire::decode_request(&request.body, &Limits::REQUEST).expect("decodes");
    assert_eq!(decoded.resync, [broken]);
}

/// The header's schema version rises with the first write of a newer shape, is stored with
/// that write, and is not lowered by an older copy arriving from the server.
#[test]
fn an_upgrade_raises_the_schema_version_and_keeps_it() {
    use automerge::transaction::Transactable;
    let mut c = client();
    let id = DocId([1; 16]);
    c.handle(0, ClientEvent::Offline);
    c.create_doc(0, id, header("d2", Some("f3"))).expect("new");
    let put = |doc: &mut Automerge, value: i64| {
        let mut tx = doc.transaction();
        tx.put(automerge::ROOT, "x", value).expect("put");
        tx.commit();
    };
    c.edit(0, id, |doc| put(doc, 1)).expect("exists");
    c.edit_as(0, id, 2, |_| ()).expect("exists");
    assert_eq!(
        c.header(id).map(|h| h.schema_version),
        Some(1),
        "an upgrade that writes nothing leaves the version alone"
    );
    let (_, fx) = c.edit_as(0, id, 2, |doc| put(doc, 2)).expect("exists");
    let stored: Vec<u32> = fx
        .persist
        .iter()
        .filter_map(|p| match p {
            ClientPersist::DocBytes { header, .. } | ClientPersist::Compact { header, .. } => {
                Some(header.schema_version)
            }
            _ => None,
        })
        .collect();
    assert_eq!(stored, vec![2], "the write is stored under the new version");
    let out = c.handle(0, ClientEvent::Online).send.expect("sent");
    let old_copy = wire::DocUpdate {
        doc_id: id,
        header: header("d2", Some("f3")),
        heads: Vec::new(),
        body: wire::DocBody::Changes(Vec::new()),
    };
    let resp = wire::SyncResponse {
        token: 1,
        docs: vec![old_copy],
        ..wire::SyncResponse::default()
    };
    c.handle(
        5,
        ClientEvent::Response {
            request_id: out.request_id,
            body: wire::encode_response(&resp),
        },
    );
    assert_eq!(c.header(id).map(|h| h.schema_version), Some(2));
}

/// Fails every request from `now` on for `failures` attempts; returns the time of the last
/// failure and the delay it scheduled.
fn fail_repeatedly(c: &mut ClientSync, mut now: Millis, failures: usize) -> (Millis, Millis) {
    let mut delay = 0;
    for _ in 0..failures {
        let fx = c.handle(now, ClientEvent::Tick);
        assert!(
            fx.send.is_some() || c.in_flight.is_some(),
            "retries when due (at {now} ms)"
        );
        let at = fail(c, now).wake_at.expect("a retry is scheduled");
        delay = at - now;
        now = at;
    }
    (now - delay, delay)
}

#[test]
fn while_visible_retries_come_at_most_every_30_seconds() {
    let mut c = client();
    let (_, delay) = fail_repeatedly(&mut c, 0, 12);
    assert!(
        (15_000..=30_000).contains(&delay),
        "after 12 failures a visible page retries within 30 s, not {delay} ms"
    );
}

#[test]
fn a_hidden_page_backs_off_long_and_retries_at_once_when_seen_again() {
    let mut c = client();
    c.handle(0, ClientEvent::Hidden);
    let (failed_at, delay) = fail_repeatedly(&mut c, 0, 12);
    assert!(delay > 60_000, "hidden: the long backoff ({delay} ms)");
    let now = failed_at + 1_000;
    assert!(
        c.handle(now, ClientEvent::Tick).send.is_none(),
        "not due yet while hidden"
    );
    let fx = c.handle(now, ClientEvent::Visible);
    assert!(fx.send.is_some(), "seen again: retried at once");
    let fx = fail(&mut c, now);
    let next = fx.wake_at.expect("a retry is scheduled") - now;
    assert!(next <= 30_000, "visible again: at most 30 s ({next} ms)");
}

#[test]
fn focus_without_a_failure_does_not_sync_early() {
    let mut c = client();
    let id = c
        .handle(0, ClientEvent::Tick)
        .send
        .expect("sent")
        .request_id;
    let body = wire::encode_response(&wire::SyncResponse::default());
    c.handle(
        10,
        ClientEvent::Response {
            request_id: id,
            body,
        },
    );
    assert!(
        c.handle(20, ClientEvent::Visible).send.is_none(),
        "a healthy device waits for its timer"
    );
}

fn fail_with_retry_after(c: &mut ClientSync, now: Millis, retry_after_ms: u64) -> ClientEffects {
    let id = c.in_flight.as_ref().expect("request in flight").request_id;
    c.handle(
        now,
        ClientEvent::Failed {
            request_id: id,
            reason: "storage_full".into(),
            offline: false,
            retry_after_ms: Some(retry_after_ms),
        },
    )
}

#[test]
fn a_retry_after_is_waited_out_even_when_seen_again_or_back_online() {
    let mut c = client();
    assert!(c.handle(0, ClientEvent::Tick).send.is_some());
    // A first failure would retry within a second; the server asked for five minutes.
    let fx = fail_with_retry_after(&mut c, 0, 300_000);
    assert_eq!(fx.wake_at, Some(300_000));
    assert!(c.handle(299_999, ClientEvent::Tick).send.is_none());
    assert!(
        c.handle(1_000, ClientEvent::Visible).send.is_none(),
        "focus"
    );
    assert!(
        c.handle(2_000, ClientEvent::Online).send.is_none(),
        "online"
    );
    assert!(
        c.handle(300_000, ClientEvent::Tick).send.is_some(),
        "then it retries"
    );
    // A plain failure afterwards backs off as usual: the server's wait was for one answer.
    let fx = fail(&mut c, 300_000);
    assert!(fx.wake_at.expect("retry") - 300_000 <= 1_000);
}

#[test]
fn a_retry_after_shorter_than_the_backoff_does_not_shorten_it_and_a_huge_one_is_capped() {
    let mut c = client();
    c.handle(0, ClientEvent::Hidden);
    let (failed_at, delay) = fail_repeatedly(&mut c, 0, 10);
    assert!(delay > 60_000);
    let now = failed_at + delay;
    assert!(c.handle(now, ClientEvent::Tick).send.is_some());
    let at = fail_with_retry_after(&mut c, now, 1_000)
        .wake_at
        .expect("a retry is scheduled");
    assert!(
        at - now >= 60_000,
        "the backoff still holds ({} ms)",
        at - now
    );
    assert!(c.handle(at, ClientEvent::Tick).send.is_some());
    let at2 = fail_with_retry_after(&mut c, at, u64::MAX)
        .wake_at
        .expect("a retry is scheduled");
    assert_eq!(at2 - at, ClientConfig::default().retry_after_max_ms);
}

#[test]
fn sync_now_overrides_a_retry_after() {
    let mut c = client();
    assert!(c.handle(0, ClientEvent::Tick).send.is_some());
    fail_with_retry_after(&mut c, 0, 300_000);
    assert!(
        c.handle(5_000, ClientEvent::SyncNow).send.is_some(),
        "the user's own request goes out"
    );
}
