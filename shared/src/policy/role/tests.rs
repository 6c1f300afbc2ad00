use super::*;

/// Role name → (role, districts listed, facilities listed, reviews, administers).
#[track_caller]
fn check(name: &str, expect: Option<(Role, bool, bool, bool, bool)>) {
    let got = Role::parse(name).map(|role| {
        let scope = role.scope();
        (
            role,
            scope.takes_districts(),
            scope.takes_facilities(),
            role.reviews(),
            role.administers(),
        )
    });
    assert_eq!(got, expect, "{name}");
    if let Some((role, ..)) = got {
        assert_eq!(role.as_str(), name);
    }
}

#[test]
fn what_each_role_is_given() {
    check("admin", Some((Role::Admin, false, false, true, true)));
    check(
        "supervisor",
        Some((Role::Supervisor, true, true, true, false)),
    );
    check("mentor", Some((Role::Mentor, false, true, false, false)));
    check("Admin", None);
    check("", None);
    check("chw", None);
}
