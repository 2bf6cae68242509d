//! The people who use the system: their login names, names, e-mail addresses and passwords.

use uuid::Uuid;

use crate::access::Role;
use crate::violation::{TextRule, Violation, ViolationCode, bounded_text};

/// A login name: lower-case, 3-64 characters of `a-z 0-9 . _ -`, starting with a letter or digit.
/// Unique across the whole system so that login needs no organisation picker.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl TextRule for Username {
    const MIN: u64 = 3;
    const MAX: u64 = 64;
    const PATTERN: Option<&'static str> = Some("^[A-Za-z0-9][A-Za-z0-9._-]*$");
}

impl Username {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let name = bounded_text(raw, Self::MIN, Self::MAX, "username")?.to_lowercase();
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
        let starts_well = name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if !name.chars().all(allowed) || !starts_well {
            return Err(Violation::new(
                "",
                ViolationCode::InvalidFormat,
                "username may contain only a-z, 0-9, '.', '_' and '-', and must start with a letter or digit",
            ));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A person's full name as it appears on official documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullName(String);

impl TextRule for FullName {
    const MIN: u64 = 1;
    const MAX: u64 = 200;
}

impl FullName {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        bounded_text(raw, Self::MIN, Self::MAX, "full name").map(Self)
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// An e-mail address, checked for shape only: the mail server is the real judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl TextRule for Email {
    const MIN: u64 = 3;
    const MAX: u64 = 254;
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let text = bounded_text(raw, Self::MIN, Self::MAX, "e-mail address")?;
        let shaped = text.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
        if !shaped || text.chars().any(char::is_whitespace) {
            return Err(Violation::new("", ViolationCode::InvalidFormat, "not an e-mail address"));
        }
        Ok(Self(text.to_lowercase()))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A password that meets the policy. Never logged, never stored: only its hash is.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl TextRule for Password {
    const MIN: u64 = 12;
    const MAX: u64 = 128;
}

impl Password {
    /// Length is what makes a password strong; a few cheap checks refuse the obvious ones.
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let len = raw.chars().count() as u64;
        if len == 0 {
            return Err(Violation::new("", ViolationCode::Required, "password is required"));
        }
        if len < Self::MIN {
            return Err(Violation::new(
                "",
                ViolationCode::TooShort,
                format!("password must be at least {} characters", Self::MIN),
            ));
        }
        if len > Self::MAX {
            return Err(Violation::new(
                "",
                ViolationCode::TooLong,
                format!("password must be at most {} characters", Self::MAX),
            ));
        }
        let mut distinct: Vec<char> = raw.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 5 {
            return Err(Violation::new(
                "",
                ViolationCode::InvalidValue,
                "password must use at least 5 different characters",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A user as an admin enrols them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: Username,
    pub full_name: FullName,
    pub email: Option<Email>,
    pub role: Role,
    pub unit_id: Option<Uuid>,
}

/// A new user and the first password they will log in with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub user: NewUser,
    pub password: Password,
}

/// What an edit of a user changes; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChanges {
    pub full_name: Option<FullName>,
    pub email: Option<Option<Email>>,
    pub role: Option<Role>,
    pub unit_id: Option<Option<Uuid>>,
}

/// Changes a user may not make to their own account, so that an organisation cannot lose its
/// last admin by a slip of one admin's hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfChange {
    Disable,
    ChangeRole,
}

impl std::fmt::Display for SelfChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SelfChange::Disable => "nobody may disable their own account",
            SelfChange::ChangeRole => "nobody may change their own role",
        })
    }
}

impl std::error::Error for SelfChange {}

/// Refuses `change` when `actor` is making it to their own account `target`.
pub fn check_not_self(actor: Option<Uuid>, target: Uuid, change: SelfChange) -> Result<(), SelfChange> {
    if actor == Some(target) { Err(change) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_normalised_to_lower_case() {
        assert_eq!(Username::parse("  Oki.Admin ").map(Username::into_inner), Ok("oki.admin".into()));
    }

    #[test]
    fn usernames_refuse_odd_characters_and_lengths() {
        for bad in ["ab", "", "   ", "with space", "semi;colon", ".dot-first", "é-accent", &"a".repeat(65)] {
            assert!(Username::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Username::parse("ab").map_err(|v| v.code), Err(ViolationCode::TooShort));
        assert_eq!(Username::parse("").map_err(|v| v.code), Err(ViolationCode::Required));
    }

    #[test]
    fn emails_need_a_domain_with_a_dot() {
        assert!(Email::parse("humas@okikab.go.id").is_ok());
        for bad in ["humas", "humas@", "@okikab.go.id", "humas@localhost", "a b@c.id", "a@b@c.id"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn passwords_need_length_and_variety() {
        assert!(Password::parse("kopi-pagi-di-kayuagung").is_ok());
        assert_eq!(Password::parse("short").map_err(|v| v.code), Err(ViolationCode::TooShort));
        assert_eq!(Password::parse("aaaaaaaaaaaaaaaa").map_err(|v| v.code), Err(ViolationCode::InvalidValue));
        assert_eq!(Password::parse(&"ab1!x".repeat(30)).map_err(|v| v.code), Err(ViolationCode::TooLong));
    }

    #[test]
    fn passwords_never_print() {
        let password = Password::parse("kopi-pagi-di-kayuagung").map_err(|v| v.message);
        assert_eq!(format!("{password:?}"), "Ok(Password(***))");
    }

    #[test]
    fn nobody_disables_themselves_or_changes_their_own_role() {
        let (me, colleague) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(check_not_self(Some(me), me, SelfChange::Disable), Err(SelfChange::Disable));
        assert_eq!(check_not_self(Some(me), colleague, SelfChange::ChangeRole), Ok(()));
        assert_eq!(check_not_self(None, me, SelfChange::Disable), Ok(()), "the console acts as nobody");
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(FullName::parse("  Siti Aminah ").map(FullName::into_inner), Ok("Siti Aminah".into()));
        assert!(FullName::parse(&"x".repeat(201)).is_err());
        assert!(FullName::parse("tab\tinside").is_err());
    }
}
