//! The capability policy's rule table over HTTP, for every role and kind, and the header
//! checks in front of it (known kinds and versions, existing places, foreign ids).

use automerge::transaction::Transactable as _;
use automerge::{Automerge, ROOT};
use mentora_shared::policy::{Kind, Operation, Part, Role, allows};
use mentora_shared::sync::wire::Refusal;

use super::client::doc_id;
use super::policy::{Device, at_rango, check, header, put, stored_changes};
use super::support::{Fixture, Running};

#[tokio::test]
async fn the_rule_table_over_http() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut admin = Device::login(&server, "admin", 1).await;
    let mut users = [
        (Role::Mentor, Device::login(&server, "mentor", 2).await),
        (
            Role::Supervisor,
            Device::login(&server, "supervisor", 3).await,
        ),
        (Role::Admin, Device::login(&server, "admin", 4).await),
    ];
    let expect = |ok: bool| {
        if ok {
            Ok(())
        } else {
            Err(Refusal::NotPermitted)
        }
    };
    let mut n = 0x100;
    let mut next = || {
        n += 1;
        doc_id(n)
    };
    for kind in Kind::ALL {
        let home = at_rango(kind.code());
        for (role, device) in &mut users {
            let role = *role;
            let mut created = device.new_doc();
            put(&mut created, "note", "new");
            let outcome = device
                .push(next(), home.clone(), &created, &Automerge::new())
                .await;
            check(
                &outcome,
                expect(allows(role, kind, Operation::Create, Part::Body)),
            );

            // Documents of this kind made by the admin, that the role changes and deletes from.
            let mut base = admin.new_doc();
            put(&mut base, "note", "made by the admin");
            for op in [Operation::Change, Operation::Delete] {
                let id = next();
                check(
                    &admin.push(id, home.clone(), &base, &Automerge::new()).await,
                    Ok(()),
                );
                let mut edited = device.receive(&base);
                let mut tx = edited.transaction();
                match op {
                    Operation::Delete => tx.delete(ROOT, "note").expect("delete"),
                    _ => tx
                        .put(ROOT, "note", format!("changed by {role}"))
                        .expect("put"),
                }
                tx.commit();
                let outcome = device.push(id, home.clone(), &edited, &base).await;
                check(&outcome, expect(allows(role, kind, op, Part::Body)));
            }
        }
    }
}

#[tokio::test]
async fn headers_name_known_kinds_versions_and_places() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture).await;
    let mut admin = Device::login(&server, "admin", 1).await;
    let mut mentor = Device::login(&server, "mentor", 2).await;
    let empty = Automerge::new();
    let mut doc = admin.new_doc();
    put(&mut doc, "note", "x");
    for (n, header, expect) in [
        (1, at_rango("catalogue"), Err(Refusal::Unsupported)),
        (
            2,
            header("visit", 99, "rw-huye", Some("rango-hc")),
            Err(Refusal::Unsupported),
        ),
        (
            3,
            header("visit", 1, "rw-huye", Some("nowhere-hc")),
            Err(Refusal::OutOfScope),
        ),
        (
            4,
            header("visit", 1, "rw-nowhere", None),
            Err(Refusal::OutOfScope),
        ),
        // A facility of another district.
        (
            5,
            header("visit", 1, "rw-nyanza", Some("rango-hc")),
            Err(Refusal::OutOfScope),
        ),
        (6, header("visit", 1, "rw-huye", Some("rango-hc")), Ok(())),
        (7, header("visit", 1, "rw-nyanza", None), Ok(())),
    ] {
        let outcome = admin.push(doc_id(n), header, &doc, &empty).await;
        check(&outcome, expect);
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM sync_doc").await, 2);

    // Someone else's document answers as an unused id does, and is left alone.
    let mut theirs = admin.new_doc();
    put(&mut theirs, "note", "simbi's");
    let simbi = header("visit", 1, "rw-huye", Some("simbi-hc"));
    check(&admin.push(doc_id(8), simbi, &theirs, &empty).await, Ok(()));
    let mut probe = mentor.new_doc();
    put(&mut probe, "note", "probe");
    let foreign = mentor
        .push(doc_id(8), at_rango("visit"), &probe, &empty)
        .await;
    let unused = mentor
        .push(doc_id(9), at_rango("visit"), &probe, &empty)
        .await;
    assert_eq!(foreign, unused);
    assert_eq!(
        stored_changes(&server, 8).await,
        1,
        "the probe is not stored"
    );
}
