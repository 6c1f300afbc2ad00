//! Programme set-up over HTTP: an admin previews and applies a place hierarchy import (CSV and
//! DHIS2), a re-import changes nothing, a file with errors writes nothing, other roles get 403,
//! and each applied import is in the admin log.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

use super::support::{Answer, Fixture, Running, json, oneshot};

async fn post(server: &Running, token: &str, body: &Value) -> Answer {
    let request = Request::post("/api/admin/places/import")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    oneshot(server.state.clone(), request).await
}

async fn admin_log(server: &Running, token: &str) -> Value {
    let request = Request::get("/api/admin/log")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request");
    let answer = oneshot(server.state.clone(), request).await;
    assert_eq!(answer.status, StatusCode::OK);
    json(&answer.body)
}

const CSV: &str = "code,name,level,parent_code,dhis2_id
rw-gisagara,Gisagara,district,rw-south,
gikonko-hc,Gikonko Health Centre,health_centre,rw-gisagara,
rango-hc,Rango Health Centre,health_centre,rw-huye,
";

async fn an_admin_previews_then_applies_and_a_reimport_changes_nothing(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xd1; 16]).await.expect("admin");
    let supervisor = conn.login("supervisor", [0xd2; 16]).await.expect("sup");
    let places = "SELECT COUNT(*) FROM place";
    let before = server.count(places).await;

    let refused = post(&server, &supervisor, &json!({"format": "csv", "text": CSV})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let preview = post(&server, &admin, &json!({"format": "csv", "text": CSV})).await;
    assert_eq!(preview.status, StatusCode::OK);
    let body = json(&preview.body);
    assert_eq!(body["applied"], false);
    assert_eq!(body["plan"]["adds"].as_array().map(Vec::len), Some(2));
    assert_eq!(body["plan"]["unchanged"], 1);
    assert_eq!(
        server.count(places).await,
        before,
        "a preview writes nothing"
    );

    let applied = post(
        &server,
        &admin,
        &json!({"format": "csv", "text": CSV, "apply": true}),
    )
    .await;
    assert_eq!(applied.status, StatusCode::OK);
    assert_eq!(json(&applied.body)["applied"], true);
    assert_eq!(server.count(places).await, before + 2);
    let log = admin_log(&server, &admin).await;
    assert_eq!(log[0]["actor"], "admin");
    assert_eq!(log[0]["action"], "places.import");
    assert_eq!(
        log[0]["detail"],
        "CSV file: 2 added, 0 changed, 1 unchanged"
    );

    let again = post(
        &server,
        &admin,
        &json!({"format": "csv", "text": CSV, "apply": true}),
    )
    .await;
    let plan = &json(&again.body)["plan"];
    assert_eq!(
        (plan["adds"].as_array().map(Vec::len), &plan["unchanged"]),
        (Some(0), &json!(3))
    );
    assert_eq!(
        admin_log(&server, &admin).await.as_array().map(Vec::len),
        Some(1),
        "an import that changes nothing is not logged"
    );
    // The new facility is in the places every signed-in user lists.
    let request = Request::get("/api/places")
        .header(header::AUTHORIZATION, format!("Bearer {admin}"))
        .body(Body::empty())
        .expect("request");
    let listed = oneshot(server.state.clone(), request).await;
    assert!(String::from_utf8_lossy(&listed.body).contains("Gikonko Health Centre"));

    // Deactivated: still listed (for history), named as inactive; activated again.
    let active = |id: &str, active: bool| {
        Request::post(format!("/api/admin/places/{id}/active"))
            .header(header::AUTHORIZATION, format!("Bearer {admin}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({ "active": active }).to_string()))
            .expect("request")
    };
    let off = oneshot(server.state.clone(), active("gikonko-hc", false)).await;
    assert_eq!(off.status, StatusCode::OK);
    let listed_places = |token: String| {
        Request::get("/api/places")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .expect("request")
    };
    let listed = json(
        &oneshot(server.state.clone(), listed_places(admin.clone()))
            .await
            .body,
    );
    assert_eq!(listed["inactive"], json!(["gikonko-hc"]));
    assert!(listed["places"].to_string().contains("gikonko-hc"));
    // A supervisor of Huye does not hear of Gisagara's inactive place.
    let listed = json(
        &oneshot(server.state.clone(), listed_places(supervisor.clone()))
            .await
            .body,
    );
    assert_eq!(listed["inactive"], json!([]));
    let unknown = oneshot(server.state.clone(), active("nowhere", false)).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let on = oneshot(server.state.clone(), active("gikonko-hc", true)).await;
    assert_eq!(on.status, StatusCode::OK);
    let listed = json(
        &oneshot(server.state.clone(), listed_places(admin.clone()))
            .await
            .body,
    );
    assert_eq!(listed["inactive"], json!([]));
    let log = admin_log(&server, &admin).await;
    assert_eq!(log[0]["action"], "places.activate");
    assert_eq!(log[1]["action"], "places.deactivate");
}

async fn rows_in_error_or_an_unreadable_file_write_nothing(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xd3; 16]).await.expect("admin");
    let places = "SELECT COUNT(*) FROM place";
    let before = server.count(places).await;
    let bad = format!("{CSV}ruhashya-hc,Ruhashya,health_centre,rw-nowhere,\n");

    let preview = post(&server, &admin, &json!({"format": "csv", "text": bad})).await;
    let errors = json(&preview.body)["plan"]["errors"].clone();
    assert_eq!(errors[0]["row"], 5);
    assert_eq!(errors[0]["problem"], "unknown_parent");
    assert_eq!(errors[0]["parent"], "rw-nowhere");

    let refused = post(
        &server,
        &admin,
        &json!({"format": "csv", "text": bad, "apply": true}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json(&refused.body)["error"]["code"], "rows_to_fix");
    assert_eq!(json(&refused.body)["error"]["params"]["count"], "1");
    let unreadable = post(
        &server,
        &admin,
        &json!({"format": "dhis2", "text": "code,name", "apply": true}),
    )
    .await;
    assert_eq!(unreadable.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(server.count(places).await, before);
    assert_eq!(server.count("SELECT COUNT(*) FROM admin_action").await, 0);
}

async fn dhis2_ids_are_kept_and_places_with_records_do_not_move(fixture: Fixture) {
    let server = Running::start(&fixture).await;
    let mut conn = server.conn().await;
    let admin = conn.login("admin", [0xd4; 16]).await.expect("admin");
    // Rango under `rango_parent`, with Huye's district unit too.
    let units = |rango_parent: &str| {
        json!({"organisationUnits": [
            {"id": "Hjw70Lodtf2", "code": "rw", "name": "Rwanda", "level": 1},
            {"id": "SouthProv01", "code": "rw-south", "name": "Southern Province", "level": 2,
             "parent": {"id": "Hjw70Lodtf2"}},
            {"id": "NyanzaDist1", "code": "rw-nyanza", "name": "Nyanza", "level": 3,
             "parent": {"id": "SouthProv01"}},
            {"id": "HuyeDistr01", "code": "rw-huye", "name": "Huye", "level": 3,
             "parent": {"id": "SouthProv01"}},
            {"id": "RangoHC0001", "code": "rango-hc", "name": "Rango Health Centre", "level": 4,
             "parent": {"id": rango_parent}}
        ]})
        .to_string()
    };
    // Records were made at Rango: moving it to Nyanza is refused, by name.
    server
        .state
        .with_db(|c| {
            c.execute(
                "INSERT INTO sync_doc (doc_id, kind, schema_version, district, facility, seq)
                 VALUES (?1, 'mentee', 1, 'rw-huye', 'rango-hc', 1)",
                [vec![1u8]],
            )
        })
        .await
        .expect("record");
    let preview = post(
        &server,
        &admin,
        &json!({"format": "dhis2", "text": units("NyanzaDist1")}),
    )
    .await;
    let plan = &json(&preview.body)["plan"];
    assert_eq!(plan["errors"][0]["problem"], "holds_records", "{plan}");
    assert_eq!(plan["errors"][0]["place"], "Rango Health Centre");

    let applied = post(
        &server,
        &admin,
        &json!({"format": "dhis2", "text": units("HuyeDistr01"), "apply": true}),
    )
    .await;
    assert_eq!(
        applied.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&applied.body)
    );
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM place WHERE dhis2_id IS NOT NULL")
            .await,
        5
    );
}

/// The CLI's `place import`: a preview writes nothing, `--apply` writes, and again changes
/// nothing; a file with a row in error is refused whole with the row named.
#[test]
fn the_cli_previews_applies_and_refuses_like_the_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("places.csv");
    std::fs::write(&csv, mentora_shared::setup::places::CSV_TEMPLATE).expect("write");
    let run = |extra: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_mentora-server"))
            .args(["place", "import", "--data-dir"])
            .arg(dir.path())
            .arg(&csv)
            .args(extra)
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        (output.status.success(), text)
    };
    let (ok, text) = run(&[]);
    assert!(ok && text.starts_with("preview (nothing written"), "{text}");
    assert!(
        text.contains("5 to add, 0 to change, 0 already here"),
        "{text}"
    );
    let (ok, text) = run(&["--apply"]);
    assert!(ok && text.contains("imported: 5 to add"), "{text}");
    let (ok, text) = run(&["--apply"]);
    assert!(
        ok && text.contains("0 to add, 0 to change, 5 already here"),
        "{text}"
    );

    std::fs::write(
        &csv,
        "code,name,level,parent_code\nx-hc,X,health_centre,rw-nowhere\n",
    )
    .expect("write");
    let (ok, text) = run(&["--apply"]);
    assert!(!ok, "{text}");
    assert!(text.contains("the file has rows to fix (1)"), "{text}");

    let place = |verb: &str, id: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_mentora-server"))
            .args(["place", verb, "--data-dir"])
            .arg(dir.path())
            .arg(id)
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        (output.status.success(), text)
    };
    assert_eq!(
        place("deactivate", "rango-hc"),
        (true, "rango-hc is deactivated\n".to_owned())
    );
    assert_eq!(
        place("activate", "rango-hc"),
        (true, "rango-hc is active\n".to_owned())
    );
    let (ok, text) = place("deactivate", "nowhere");
    assert!(!ok && text.contains("there is no place nowhere"), "{text}");

    // The log has the command line's actions too; `user list` lists accounts (none here).
    let cli = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_mentora-server"))
            .args(args)
            .arg("--data-dir")
            .arg(dir.path())
            .output()
            .expect("run");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let (ok, log) = cli(&["user", "log"]);
    assert!(ok, "{log}");
    let actions: Vec<&str> = log
        .lines()
        .filter_map(|line| line.split(' ').nth(2))
        .collect();
    assert_eq!(
        actions,
        ["places.activate", "places.deactivate", "places.import"]
    );
    assert!(log.contains(" cli places.deactivate rango-hc"), "{log}");
    assert_eq!(cli(&["user", "list"]), (true, "\n".to_owned()));
    drop(mentora_server::db::open(&dir.path().join("mentora.db"), true).expect("demo accounts"));
    let (ok, users) = cli(&["user", "list"]);
    assert!(ok, "{users}");
    assert!(
        users.contains("mentor (Demo Mentor) mentor, district_based at rw-huye, rango-hc"),
        "{users}"
    );
    assert!(
        users.contains("admin (Demo Admin) admin at everything"),
        "{users}"
    );
}

super::support::on_both!(
    an_admin_previews_then_applies_and_a_reimport_changes_nothing,
    rows_in_error_or_an_unreadable_file_write_nothing,
    dhis2_ids_are_kept_and_places_with_records_do_not_move,
);
