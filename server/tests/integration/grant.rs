//! `user grant`: a promoted mentor's new facility joins their scope, and their device receives
//! that facility's records at its next sync, without starting over.

use std::process::Command;

use mentora_shared::sync::wire::{PushOutcome, SyncRequest};

use super::client::{Conn, LocalDoc, doc_id, header};
use super::support::{Fixture, Running};

fn grant(fixture: &Fixture, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mentora-server"))
        .args(["user", "grant", "--data-dir"])
        .arg(fixture.db_path().parent().expect("data dir"))
        .args(args)
        .output()
        .expect("run")
}

async fn doc_ids(conn: &mut Conn, token: &str, since: u64) -> (Vec<u64>, u64) {
    let request = SyncRequest {
        since,
        ..SyncRequest::default()
    };
    let (response, _, _) = conn.sync(token, &request, false).await.expect("sync");
    let ids = response
        .docs
        .iter()
        .map(|d| u64::from_be_bytes(d.doc_id.0[..8].try_into().expect("8 bytes")))
        .collect();
    (ids, response.cursor)
}

#[tokio::test]
async fn a_granted_facility_reaches_the_mentors_device() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xa1; 16]).await.expect("admin");
    let mentor = conn.login("mentor", [0xa2; 16]).await.expect("mentor");
    let mut at_health_post =
        LocalDoc::new([0xa1; 16], doc_id(301), header("rw-huye", Some("simbi-hc")));
    at_health_post.edit("note", "a visit at the health post");
    let request = SyncRequest {
        pushes: vec![at_health_post.push()],
        ..SyncRequest::default()
    };
    let (response, _, _) = conn.sync(&admin, &request, false).await.expect("sync");
    assert!(matches!(
        response.results[0].outcome,
        PushOutcome::Accepted { .. }
    ));

    let (before, cursor) = doc_ids(&mut conn, &mentor, 0).await;
    assert!(
        !before.contains(&301),
        "outside the mentor's scope: {before:?}"
    );

    let out = grant(
        &fixture,
        &["--username", "mentor", "--facility", "simbi-hc"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("rango-hc, simbi-hc"), "{printed}");

    let (after, _) = doc_ids(&mut conn, &mentor, cursor).await;
    assert!(after.contains(&301), "granted: {after:?}");

    for (args, expected) in [
        (
            &["--username", "nobody", "--facility", "simbi-hc"][..],
            "error: no user named nobody",
        ),
        (
            &["--username", "mentor", "--facility", "Not A Place"][..],
            "error: invalid place id",
        ),
        (
            &["--username", "mentor"][..],
            "error: a grant needs at least one --district or --facility",
        ),
    ] {
        let out = grant(&fixture, args);
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with(expected), "{stderr}");
    }
}
