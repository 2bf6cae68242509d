//! Who may do what: the one permission table of the system.
//!
//! Every handler asks `role.may(action)` before it touches data; the API test suite walks this
//! whole table over HTTP, so a change here is a change in behaviour that a test will notice.

use std::fmt;
use std::str::FromStr;

/// The roles of an organisation's staff. Auditors read everything and write nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Verifier,
    Officer,
    Treasurer,
    Auditor,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Verifier, Role::Officer, Role::Treasurer, Role::Auditor];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Verifier => "verifier",
            Role::Officer => "officer",
            Role::Treasurer => "treasurer",
            Role::Auditor => "auditor",
        }
    }

    /// Whether this role is allowed `action`, by the table below.
    pub fn may(self, action: Action) -> bool {
        permitted_roles(action).contains(&self)
    }

    /// Every action this role may take, in table order (shown to the web app to shape its menus).
    pub fn permissions(self) -> Vec<Action> {
        Action::ALL.into_iter().filter(|action| self.may(*action)).collect()
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|role| role.as_str() == s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// Something a user can ask the system to do. Named `area.verb` in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    OrganisationRead,
    UnitsRead,
    UnitsManage,
    UsersRead,
    UsersManage,
    AuditRead,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::OrganisationRead,
        Action::UnitsRead,
        Action::UnitsManage,
        Action::UsersRead,
        Action::UsersManage,
        Action::AuditRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::OrganisationRead => "organisation.read",
            Action::UnitsRead => "units.read",
            Action::UnitsManage => "units.manage",
            Action::UsersRead => "users.read",
            Action::UsersManage => "users.manage",
            Action::AuditRead => "audit.read",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The permission table: for each action, the roles allowed to take it.
///
/// Written per action rather than per role so that a reviewer sees at a glance who can touch
/// a given kind of record; auditors appear on every read and on no write.
fn permitted_roles(action: Action) -> &'static [Role] {
    use Role::*;
    match action {
        Action::OrganisationRead | Action::UnitsRead => &[Admin, Verifier, Officer, Treasurer, Auditor],
        Action::UnitsManage | Action::UsersManage => &[Admin],
        Action::UsersRead | Action::AuditRead => &[Admin, Auditor],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
        assert!("Admin".parse::<Role>().is_err(), "role names are case-sensitive");
    }

    #[test]
    fn auditors_read_everything_and_write_nothing() {
        for action in Action::ALL {
            let is_read = action.as_str().ends_with(".read");
            assert_eq!(Role::Auditor.may(action), is_read, "auditor and {action}");
        }
    }

    #[test]
    fn only_admins_manage_users_and_units() {
        for role in Role::ALL {
            assert_eq!(role.may(Action::UsersManage), role == Role::Admin);
            assert_eq!(role.may(Action::UnitsManage), role == Role::Admin);
        }
    }

    #[test]
    fn every_role_can_see_its_own_organisation() {
        for role in Role::ALL {
            assert!(role.may(Action::OrganisationRead));
            assert!(role.permissions().contains(&Action::OrganisationRead));
        }
    }

    #[test]
    fn action_names_are_unique() {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
