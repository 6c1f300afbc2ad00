//! docs/capabilities.md's rule table, generated from `allows` and checked against the doc.

use super::*;

fn part_name(part: Part) -> &'static str {
    match part {
        Body => "the record's fields",
        Entry => "entries",
        Valid => "validations",
        OwnAcknowledgement => "their own acknowledgement",
        OthersAcknowledgement => "others' acknowledgements",
        Schema => "the schema marker",
    }
}

/// The rule table as docs/capabilities.md shows it, generated from [`allows`].
fn rule_table() -> String {
    let mut out =
        String::from("| role | documents | create | change | delete |\n|---|---|---|---|---|\n");
    for role in Role::ALL {
        for (writers, kind, label) in [
            (Writers::Mentors, Kind::Mentee, "mentorship records"),
            (Writers::Supervisors, Kind::Comment, "supervisor notes"),
        ] {
            assert_eq!(kind.writers(), writers);
            let parts = |op| {
                let allowed: Vec<&str> = Part::ALL
                    .into_iter()
                    .filter(|p| allows(role, kind, op, *p))
                    .map(part_name)
                    .collect();
                match allowed.len() {
                    0 => "nothing".to_owned(),
                    n if n == Part::ALL.len() => "anything".to_owned(),
                    _ => allowed.join(", "),
                }
            };
            let create = if allows(role, kind, Create, Body) {
                "yes"
            } else {
                "no"
            };
            out.push_str(&format!(
                "| {role} | {label} | {create} | {} | {} |\n",
                parts(Change),
                parts(Delete)
            ));
        }
    }
    out
}

#[test]
fn docs_capabilities_shows_this_rule_table() {
    let doc = include_str!("../../../../docs/capabilities.md");
    let table = rule_table();
    assert!(
        doc.contains(&table),
        "docs/capabilities.md is out of date; its rule table should read:\n{table}"
    );
}
