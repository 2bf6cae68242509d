//! The press registry: press companies, their outlets, the people in their newsrooms, their
//! Press Council standing and their bank accounts, as values that parse.

use crate::violation::{TextRule, Violation, ViolationCode, bounded_text};
use crate::vocabulary;

/// A tax identification number, kept as its 16 digits. Since 2024 the NPWP has 16 digits; an
/// entity's is `0` followed by its old 15, which older documents still print as
/// `XX.XXX.XXX.X-XXX.XXX` - both forms are accepted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Npwp(String);

impl Npwp {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let digits: String = raw.chars().filter(|c| !matches!(c, '.' | '-' | ' ')).collect();
        if digits.is_empty() {
            return Err(Violation::new("", ViolationCode::Required, "the NPWP is required"));
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(Violation::new("", ViolationCode::InvalidFormat, "an NPWP is digits, dots and dashes"));
        }
        match digits.len() {
            15 => Ok(Npwp(format!("0{digits}"))),
            16 => Ok(Npwp(digits)),
            _ => Err(Violation::new("", ViolationCode::InvalidFormat, "an NPWP has 15 (old form) or 16 digits")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The old printed form, for an entity's NPWP that has one (`0` + 15 digits).
    pub fn printed(&self) -> String {
        match self.0.strip_prefix('0') {
            Some(old) if old.len() == 15 => {
                format!("{}.{}.{}.{}-{}.{}", &old[0..2], &old[2..5], &old[5..8], &old[8..9], &old[9..12], &old[12..15])
            }
            _ => self.0.clone(),
        }
    }
}

impl TextRule for Npwp {
    const MIN: u64 = 15;
    const MAX: u64 = 20;
    const PATTERN: Option<&'static str> = Some("^[0-9][0-9. -]*[0-9]$");
}

/// A population identity number (NIK): 16 digits whose middle six carry the birth date (women's
/// day plus 40). Personal data: stored sealed, never shown but for its last four digits.
#[derive(Clone, PartialEq, Eq)]
pub struct Nik(String);

impl Nik {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let digits = raw.trim();
        if digits.is_empty() {
            return Err(Violation::new("", ViolationCode::Required, "the NIK is required"));
        }
        let shaped = digits.len() == 16 && digits.chars().all(|c| c.is_ascii_digit());
        let day: u32 = digits.get(6..8).and_then(|d| d.parse().ok()).unwrap_or(0);
        let month: u32 = digits.get(8..10).and_then(|m| m.parse().ok()).unwrap_or(0);
        let dated = (1..=31).contains(&(day % 40)) && day <= 71 && (1..=12).contains(&month);
        if !shaped || !dated {
            return Err(Violation::new(
                "",
                ViolationCode::InvalidFormat,
                "a NIK is 16 digits with a birth date inside",
            ));
        }
        Ok(Nik(digits.to_owned()))
    }

    /// The 16 digits, for sealing and for the keyed lookup hash only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What may be shown: the last four digits.
    pub fn last_four(&self) -> String {
        self.0[12..].to_owned()
    }
}

impl std::fmt::Debug for Nik {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Nik(************{})", self.last_four())
    }
}

impl TextRule for Nik {
    const MIN: u64 = 16;
    const MAX: u64 = 16;
    const PATTERN: Option<&'static str> = Some("^[0-9]{16}$");
}

/// A press company's legal name, as on its deed.
pub struct LegalName;

impl TextRule for LegalName {
    const MIN: u64 = 3;
    const MAX: u64 = 200;
}

/// An outlet's name, as readers know it.
pub struct OutletName;

impl TextRule for OutletName {
    const MIN: u64 = 2;
    const MAX: u64 = 200;
}

/// A registration number or a short free text of the registry (deed, decree, NIB, licence).
pub struct ShortText;

impl TextRule for ShortText {
    const MIN: u64 = 1;
    const MAX: u64 = 100;
}

/// An address, a reason, a note.
pub struct LongText;

impl TextRule for LongText {
    const MIN: u64 = 1;
    const MAX: u64 = 1000;
}

/// Parses text ruled by `T`, trimmed, without control characters.
pub fn text<T: TextRule>(raw: &str, what: &str) -> Result<String, Violation> {
    bounded_text(raw, T::MIN, T::MAX, what)
}

vocabulary! {
    /// Whether a company may be contracted at all.
    pub enum CompanyStatus ("company status") {
        Active = "active",
        /// Paused for a reason (an investigation, an unpaid fine); can be lifted.
        Suspended = "suspended",
        /// Barred (fictitious media, a borrowed name); lifted only by a new decision.
        Blacklisted = "blacklisted",
    }
}

vocabulary! {
    /// How far an outlet reaches.
    pub enum OutletScale ("outlet scale") {
        Local = "local",
        Provincial = "provincial",
        National = "national",
    }
}

vocabulary! {
    /// How often an outlet publishes.
    pub enum Periodicity ("periodicity") {
        /// Online and broadcast outlets publish as news comes.
        Continuous = "continuous",
        Daily = "daily",
        Weekly = "weekly",
        Fortnightly = "fortnightly",
        Monthly = "monthly",
    }
}

vocabulary! {
    /// A person's place in a newsroom.
    pub enum NewsroomRole ("newsroom role") {
        EditorInChief = "editor_in_chief",
        Journalist = "journalist",
    }
}

/// Whether a bank account's holder is the company itself: the names match once case,
/// punctuation and spacing are set aside, so "PT. Media Sriwijaya" holds an account of
/// "PT MEDIA SRIWIJAYA" but not of "Budi Santoso".
pub fn holder_is(legal_name: &str, holder: &str) -> bool {
    fn folded(name: &str) -> String {
        name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    }
    let (legal, holder) = (folded(legal_name), folded(holder));
    !legal.is_empty() && legal == holder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npwp_accepts_the_old_printed_form_and_the_sixteen_digits() {
        let old = Npwp::parse("01.234.567.8-912.000").map(|n| n.as_str().to_owned());
        assert_eq!(old, Ok("0012345678912000".to_owned()));
        assert_eq!(Npwp::parse("0012345678912000").map(|n| n.printed()), Ok("01.234.567.8-912.000".to_owned()));
        assert_eq!(Npwp::parse("3201234567890001").map(|n| n.printed()), Ok("3201234567890001".to_owned()));
        for bad in ["", "12345", "01.234.567.8-912.00A", "12345678901234567"] {
            assert!(Npwp::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn nik_needs_sixteen_digits_with_a_birth_date_and_never_prints_whole() {
        let nik = Nik::parse("1602041506900003");
        assert_eq!(nik.as_ref().map(Nik::last_four), Ok("0003".to_owned()));
        assert_eq!(nik.map(|n| format!("{n:?}")), Ok("Nik(************0003)".to_owned()));
        assert!(Nik::parse("1602045506900003").is_ok(), "a woman's day is plus 40");
        for bad in ["", "160204150690000", "1602043206900003", "1602041513900003", "16020415069000AB"] {
            assert!(Nik::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_bank_account_is_the_companys_only_in_its_legal_name() {
        assert!(holder_is("PT. Media Sriwijaya", "PT MEDIA SRIWIJAYA"));
        assert!(!holder_is("PT Media Sriwijaya", "Budi Santoso"));
        assert!(!holder_is("PT Media Sriwijaya", "PT Media Sriwijaya Baru"));
        assert!(!holder_is("", ""));
    }
}

/// A company as the registry records it: who it is in law and in tax, how to reach it, and the
/// facts eligibility rules read (staff, capital, local office, association).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyProfile {
    pub legal_name: String,
    pub legal_form: crate::press::LegalForm,
    pub deed_number: Option<String>,
    pub deed_date: Option<chrono::NaiveDate>,
    pub ahu_number: Option<String>,
    pub ahu_date: Option<chrono::NaiveDate>,
    pub nib: Option<String>,
    pub npwp: Npwp,
    /// VAT-registered (*PKP*), since when: invoices snapshot it, so it must be dated.
    pub vat_registered_since: Option<chrono::NaiveDate>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<crate::identity::Email>,
    pub website: Option<String>,
    pub staff_count: Option<u32>,
    pub paid_up_capital: Option<crate::money::Rupiah>,
    pub local_office: Option<bool>,
    /// The Press Council constituent the company belongs to (PWI, AJI, IJTI, AMSI, SMSI, ...);
    /// an empty text records "none".
    pub association: Option<String>,
}

/// A company's status set by a decision; suspending or blacklisting needs its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusDecision {
    pub status: CompanyStatus,
    pub reason: Option<String>,
}

impl StatusDecision {
    pub fn new(status: CompanyStatus, reason: Option<String>) -> Result<Self, Violation> {
        let reason = reason.map(|r| text::<LongText>(&r, "reason")).transpose()?;
        if status != CompanyStatus::Active && reason.is_none() {
            return Err(Violation::new(
                "reason",
                ViolationCode::Required,
                "say why the company is suspended or barred",
            ));
        }
        Ok(StatusDecision { status, reason })
    }
}

/// An outlet as the registry records it, with the claims the rubric scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletProfile {
    pub company_id: uuid::Uuid,
    pub media_type: crate::press::MediaType,
    pub name: String,
    pub url: Option<String>,
    pub frequency: Option<String>,
    pub scale: OutletScale,
    pub first_published: Option<chrono::NaiveDate>,
    pub periodicity: Periodicity,
    pub circulation: Option<u64>,
    pub monthly_visitors: Option<u64>,
    pub claims_evidence: Option<String>,
    pub broadcast_licence: Option<String>,
    pub broadcast_licence_until: Option<chrono::NaiveDate>,
}

/// A certified competence: level, certificate number and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Competence {
    pub level: crate::press::CompetenceLevel,
    pub certificate: Option<String>,
    pub certified_on: Option<chrono::NaiveDate>,
}

/// A person joining a company's newsroom for a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    pub company_id: uuid::Uuid,
    pub fiscal_year: crate::policy::FiscalYear,
    pub nik: Nik,
    pub details: PersonDetails,
}

/// What can change of a person's record: the NIK, company and year cannot (record anew).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDetails {
    pub full_name: crate::identity::FullName,
    pub role: NewsroomRole,
    pub competence: Option<Competence>,
}

/// What someone found when checking a company with the Press Council.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PressCouncilCheck {
    pub status: crate::press::PressCouncilStatus,
    pub certificate_number: Option<String>,
    pub certificate_date: Option<chrono::NaiveDate>,
    pub valid_until: Option<chrono::NaiveDate>,
    pub checked_on: chrono::NaiveDate,
    pub evidence: String,
}

/// A bank account a company gives to be paid into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBankAccount {
    pub company_id: uuid::Uuid,
    pub bank_name: String,
    pub account_number: String,
    pub holder_name: String,
}

/// An account number: digits, 5 to 34 (the longest an IBAN allows), spaces and dashes dropped.
pub fn account_number(raw: &str) -> Result<String, Violation> {
    let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-' | '.')).collect();
    if digits.is_empty() {
        return Err(Violation::new("", ViolationCode::Required, "the account number is required"));
    }
    if !(5..=34).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Violation::new("", ViolationCode::InvalidFormat, "an account number is 5-34 digits"));
    }
    Ok(digits)
}
