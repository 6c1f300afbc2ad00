//! What the signed-in user may do, from the same policy the server enforces
//! (`mentora_shared::policy`), so the app offers only what a sync would accept.

use mentora_shared::policy::{self, Kind, Operation, Part, Role};

use crate::session::User;

/// Whether `user` may do `op` on `part` of a `kind` document; an unknown role may do nothing.
pub fn may(user: &User, kind: Kind, op: Operation, part: Part) -> bool {
    Role::parse(&user.role).is_some_and(|role| policy::allows(role, kind, op, part))
}

/// Whether `user` reviews others' work (the dashboard, change-history downloads).
pub fn reviews(user: &User) -> bool {
    Role::parse(&user.role).is_some_and(Role::reviews)
}

/// Whether `user` administers the programme (the admin screens).
pub fn administers(user: &User) -> bool {
    Role::parse(&user.role).is_some_and(Role::administers)
}

/// Whether `user` may write a new document of `kind`.
pub fn may_create(user: &User, kind: Kind) -> bool {
    may(user, kind, Operation::Create, Part::Body)
}
