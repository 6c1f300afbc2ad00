//! `backup` while devices sync, `restore` on another machine: the server tells the device that
//! synced after the backup that it was restored, the device pushes again, and nothing is lost.

use std::path::Path;
use std::process::Command;

use automerge::{Automerge, ReadDoc as _};
use mentora_server::backup;
use mentora_shared::sync::wire::{DocBody, PushOutcome, SyncRequest, SyncResponse};

use super::client::{LocalDoc, doc_id, header};
use super::support::{Fixture, Running};

fn next(resp: &SyncResponse) -> SyncRequest {
    SyncRequest {
        since: resp.cursor,
        ack: resp.token,
        ..SyncRequest::default()
    }
}

fn accepted(resp: &SyncResponse) -> usize {
    resp.results
        .iter()
        .filter(|r| matches!(r.outcome, PushOutcome::Accepted { .. }))
        .count()
}

#[tokio::test]
async fn a_restored_backup_gets_back_what_devices_pushed_after_it() {
    let first = Fixture::new();
    let server = Running::start(&first).await;
    let mut conn = server.conn().await;
    let device = [0xb1; 16];
    let token = conn.login("mentor", device).await.expect("login");
    let rango = header("rw-huye", Some("rango-hc"));
    let mut one = LocalDoc::new(device, doc_id(1), rango.clone());
    one.edit("a", "before the backup");
    let push = SyncRequest {
        pushes: vec![one.push()],
        ..SyncRequest::default()
    };
    let (before, _, _) = conn.sync(&token, &push, false).await.expect("sync");
    assert_eq!(accepted(&before), 1);

    let file = first.db_path().with_file_name("mentora-backup.db");
    let summary = backup::backup(&first.db_path(), &file).expect("backup while serving");
    assert_eq!(summary.documents, 1);
    assert!(
        backup::backup(&first.db_path(), &file).is_err(),
        "never overwrites"
    );

    // After the backup: document 1 edited again, document 2 created, and both acknowledged.
    one.edit("b", "after the backup");
    let mut two = LocalDoc::new(device, doc_id(2), rango);
    two.edit("a", "new after the backup");
    let request = SyncRequest {
        pushes: vec![one.push(), two.push()],
        ..next(&before)
    };
    let (after, _, _) = conn.sync(&token, &request, false).await.expect("sync");
    assert_eq!(accepted(&after), 2);
    let (settled, _, _) = conn.sync(&token, &next(&after), false).await.expect("sync");
    assert!(!settled.restored);
    drop(server);

    // Another machine, freshly installed: the backup restored, the server started on it.
    let second = Fixture::new();
    mentora_server::db::open(&second.db_path(), true).expect("a fresh database");
    let (restored, kept) =
        backup::restore(&file, &second.db_path(), 1_700_000_000).expect("restore");
    assert_eq!(restored.documents, 1);
    assert!(kept.is_some(), "the database it replaced is kept beside it");
    let server = Running::start(&second).await;
    let mut conn = server.conn().await;
    let (told, _, _) = conn
        .sync(&token, &next(&settled), false)
        .await
        .expect("the session in the backup still signs the device in");
    assert!(
        told.restored,
        "the device is told the server lost its last answers"
    );

    // The device pushes everything again (what `ClientSync` does on `restored`).
    one.server_heads.clear();
    two.server_heads.clear();
    let again = SyncRequest {
        pushes: vec![one.push(), two.push()],
        ..next(&told)
    };
    let (pushed, _, _) = conn.sync(&token, &again, false).await.expect("sync");
    assert_eq!(accepted(&pushed), 2);
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_doc").await, 2);

    // A new device of the same user receives both documents as last edited.
    let other = conn.login("mentor", [0xb2; 16]).await.expect("login");
    let (fresh, _, _) = conn
        .sync(&other, &SyncRequest::default(), false)
        .await
        .expect("sync");
    let note = |n: u64| {
        let update = fresh.docs.iter().find(|d| d.doc_id == doc_id(n))?;
        let DocBody::Snapshot(bytes) = &update.body else {
            return None;
        };
        let doc = Automerge::load(bytes).ok()?;
        let (value, _) = doc.get(automerge::ROOT, "note").ok().flatten()?;
        value.as_str().map(str::to_owned)
    };
    assert_eq!(note(1).as_deref(), Some("after the backup"));
    assert_eq!(note(2).as_deref(), Some("new after the backup"));
}

#[test]
fn restore_refuses_what_is_not_a_whole_mentora_database() {
    let fixture = Fixture::new();
    let dir = fixture
        .db_path()
        .parent()
        .map(Path::to_path_buf)
        .expect("dir");
    std::fs::create_dir_all(&dir).expect("data dir");
    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a database").expect("write");
    let err = backup::restore(&text, &fixture.db_path(), 1).expect_err("refused");
    assert!(
        err.to_string().contains("is not a Mentora database"),
        "{err}"
    );
    let empty = dir.join("empty.db");
    rusqlite::Connection::open(&empty)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x)"))
        .expect("sqlite");
    let err = backup::restore(&empty, &fixture.db_path(), 1).expect_err("refused");
    assert!(
        err.to_string().contains("is not a Mentora database"),
        "{err}"
    );
    assert!(
        !fixture.db_path().exists(),
        "nothing was put in place of the database"
    );
}

#[test]
fn the_commands_back_up_and_restore_and_say_what_they_did() {
    let fixture = Fixture::new();
    mentora_server::db::open(&fixture.db_path(), true).expect("demo database");
    let dir = fixture
        .db_path()
        .parent()
        .map(Path::to_path_buf)
        .expect("dir");
    let file = dir.join("nightly.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_mentora-server"))
            .args(args)
            .arg("--data-dir")
            .arg(&dir)
            .output()
            .expect("run")
    };
    let out = run(&["backup", "--to", file.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("3 users, 0 documents"), "{said}");
    let out = run(&["backup", "--to", file.to_str().expect("utf-8 path")]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already exists"),
        "a second backup to the same file is refused"
    );
    let out = run(&["restore", file.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("restored"), "{said}");
    assert!(said.contains("before-restore-"), "{said}");
}
