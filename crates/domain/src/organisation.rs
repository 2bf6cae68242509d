//! Organisations (regional governments) and their units (OPD).

use crate::violation::{TextRule, Violation, ViolationCode, bounded_text};

/// The official name of a regional government, e.g. "Pemerintah Kabupaten Ogan Komering Ilir".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationName(String);

impl TextRule for OrganisationName {
    const MIN: u64 = 3;
    const MAX: u64 = 200;
}

impl OrganisationName {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        bounded_text(raw, Self::MIN, Self::MAX, "organisation name").map(Self)
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A short lower-case handle of an organisation, used as the prefix of its demo logins and in URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl TextRule for Slug {
    const MIN: u64 = 2;
    const MAX: u64 = 40;
    const PATTERN: Option<&'static str> = Some("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
}

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let slug = bounded_text(raw, Self::MIN, Self::MAX, "slug")?;
        let shaped = slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !slug.starts_with('-')
            && !slug.ends_with('-');
        if !shaped {
            return Err(Violation::new(
                "",
                ViolationCode::InvalidFormat,
                "slug may contain only a-z, 0-9 and inner '-'",
            ));
        }
        Ok(Self(slug))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A unit's short code, e.g. "DISKOMINFO"; unique within its organisation, stored upper-case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitCode(String);

impl TextRule for UnitCode {
    const MIN: u64 = 2;
    const MAX: u64 = 32;
    const PATTERN: Option<&'static str> = Some("^[A-Za-z0-9._-]+$");
}

impl UnitCode {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let code = bounded_text(raw, Self::MIN, Self::MAX, "unit code")?.to_uppercase();
        if !code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')) {
            return Err(Violation::new(
                "",
                ViolationCode::InvalidFormat,
                "unit code may contain only A-Z, 0-9, '-', '_' and '.'",
            ));
        }
        Ok(Self(code))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A unit's full name, e.g. "Dinas Komunikasi dan Informatika".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitName(String);

impl TextRule for UnitName {
    const MIN: u64 = 2;
    const MAX: u64 = 200;
}

impl UnitName {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        bounded_text(raw, Self::MIN, Self::MAX, "unit name").map(Self)
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A unit as an admin creates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnit {
    pub code: UnitCode,
    pub name: UnitName,
}

/// What an edit of a unit changes; fields left `None` stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitChanges {
    pub code: Option<UnitCode>,
    pub name: Option<UnitName>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_codes_are_upper_cased() {
        assert_eq!(UnitCode::parse(" diskominfo ").map(UnitCode::into_inner), Ok("DISKOMINFO".into()));
        assert!(UnitCode::parse("DINAS KOMINFO").is_err());
        assert!(UnitCode::parse("X").is_err());
    }

    #[test]
    fn slugs_are_lower_case_handles() {
        assert!(Slug::parse("oki").is_ok());
        assert!(Slug::parse("oku-timur").is_ok());
        for bad in ["OKI", "-oki", "oki-", "o k i", "o"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn organisation_names_are_required() {
        assert_eq!(OrganisationName::parse("  ").map_err(|v| v.code), Err(ViolationCode::Required));
    }
}
