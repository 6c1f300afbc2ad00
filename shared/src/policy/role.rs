//! The roles and what each is given beyond the document rules of [`allows`](super::allows):
//! the places an account covers, reviewing others' work and administration. The server and the app both
//! ask here rather than matching on role names.

use serde::{Deserialize, Serialize};

/// What a user may do; the server decides it, the app shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, everywhere.
    Admin,
    /// Whole districts (and single facilities) of their scope.
    Supervisor,
    /// The facilities of their scope only; their district is where they work, not a grant.
    Mentor,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Supervisor, Role::Mentor];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::Mentor => "mentor",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The places an account of this role is given.
    pub fn scope(self) -> Scope {
        match self {
            Role::Admin => Scope::Everywhere,
            Role::Supervisor => Scope::DistrictsAndFacilities,
            Role::Mentor => Scope::Facilities,
        }
    }

    /// Whether the role reviews others' work: supervisors and admins, who see the dashboard
    /// and may download a document's change history (who changed what, from which device).
    pub fn reviews(self) -> bool {
        matches!(self, Role::Admin | Role::Supervisor)
    }

    /// Whether the role administers the programme: places, accounts, devices and imports.
    pub fn administers(self) -> bool {
        self == Role::Admin
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The places an account is given, by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every place; the account lists none.
    Everywhere,
    /// Whole districts, and single facilities.
    DistrictsAndFacilities,
    /// Single facilities only.
    Facilities,
}

impl Scope {
    /// Whether an account of this scope lists districts.
    pub fn takes_districts(self) -> bool {
        self == Scope::DistrictsAndFacilities
    }

    /// Whether an account of this scope lists facilities.
    pub fn takes_facilities(self) -> bool {
        self != Scope::Everywhere
    }
}

#[cfg(test)]
mod tests;
