use mentora_server::db;

use super::support::{Fixture, exists};

#[test]
fn open_creates_the_folder_runs_migrations_once_and_uses_wal() {
    let fixture = Fixture::new();
    let path = fixture.db_path();
    let conn = mentora_server::Db::from(db::open(&path, true).expect("first open"));
    let version = db::schema_version(&conn).expect("version");
    assert!(version >= 1);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .expect("sync");
    assert_eq!(sync, 2, "synchronous=FULL");
    drop(conn);
    assert!(exists(&path));

    let again = mentora_server::Db::from(db::open(&path, true).expect("second open"));
    assert_eq!(db::schema_version(&again).expect("version"), version);
    assert_eq!(
        db::places(&again).expect("places").len(),
        9,
        "demo seeded once"
    );
}

#[test]
fn without_demo_the_database_starts_empty() {
    let fixture = Fixture::new();
    let conn = mentora_server::Db::from(db::open(&fixture.db_path(), false).expect("open"));
    assert!(db::places(&conn).expect("places").is_empty());
}

#[test]
fn an_unusable_path_is_a_typed_error() {
    let fixture = Fixture::new();
    let file = fixture.dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let err = db::open(&file.join("mentora.db"), false).expect_err("cannot open under a file");
    let message = err.to_string();
    assert!(message.contains("not-a-folder"), "{message}");
}

/// Migration 10: users have an affiliation, NULL unless given; the demo mentor is district-based
/// (a health centre's mentor). A code this build does not know reads as none.
#[test]
fn users_have_an_affiliation_null_unless_given() {
    let fixture = Fixture::new();
    let conn = mentora_server::Db::from(db::open(&fixture.db_path(), true).expect("open"));
    assert!(db::schema_version(&conn).expect("version") >= 10);
    let mut stmt = conn
        .prepare("SELECT username, affiliation FROM user_account ORDER BY username")
        .expect("prepare");
    let rows: Vec<(String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let expected = [
        ("admin", None),
        ("mentor", Some("district_based")),
        ("supervisor", None),
    ]
    .map(|(u, a)| (u.to_owned(), a.map(str::to_owned)));
    assert_eq!(rows, expected);
    conn.execute(
        "UPDATE user_account SET affiliation = 'a_later_one' WHERE username = 'mentor'",
        [],
    )
    .expect("update");
    let (user, _) = mentora_server::accounts::user_for_login(&conn, "mentor")
        .expect("read")
        .expect("mentor");
    assert_eq!(user.affiliation, None);
}
