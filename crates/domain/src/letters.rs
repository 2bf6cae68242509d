//! Official letters: the organisation's letterhead (*kop surat*) that heads them, and how they
//! write dates. The amounts in words are [`crate::terbilang`]'s.

use chrono::{Datelike, NaiveDate};

use crate::identity::Email;
use crate::violation::{TextRule, Violation, ViolationCode, bounded_text};

/// A line of the letterhead or the signature block: the government's and the office's names, a
/// city, a person's name or title.
pub struct LetterheadLine;

impl TextRule for LetterheadLine {
    const MIN: u64 = 2;
    const MAX: u64 = 200;
}

/// The office's postal address.
pub struct LetterheadAddress;

impl TextRule for LetterheadAddress {
    const MIN: u64 = 5;
    const MAX: u64 = 300;
}

/// A phone number or a website, as printed.
pub struct LetterheadContact;

impl TextRule for LetterheadContact {
    const MIN: u64 = 3;
    const MAX: u64 = 100;
}

/// A civil servant's number (*NIP*): 18 digits, printed under the signatory's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nip(String);

impl TextRule for Nip {
    const MIN: u64 = 18;
    const MAX: u64 = 21;
    const PATTERN: Option<&'static str> = Some("^[0-9 ]+$");
}

impl Nip {
    /// 18 digits; the spaces it is often written with (`19800101 200501 1 001`) are dropped.
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let digits: String = raw.chars().filter(|c| *c != ' ').collect();
        if digits.len() != 18 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(Violation::new("", ViolationCode::InvalidFormat, "a NIP is 18 digits"));
        }
        Ok(Self(digits))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// The letterhead of an organisation and who signs its letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    /// "PEMERINTAH KABUPATEN OGAN KOMERING ILIR".
    pub government: String,
    /// "DINAS KOMUNIKASI DAN INFORMATIKA".
    pub office: String,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<Email>,
    pub website: Option<String>,
    /// Where letters are signed: "Kayuagung".
    pub city: String,
    pub signatory_name: String,
    pub signatory_title: String,
    pub signatory_nip: Option<Nip>,
}

/// A trimmed line of the letterhead.
pub fn line<T: TextRule>(raw: &str, what: &str) -> Result<String, Violation> {
    bounded_text(raw, T::MIN, T::MAX, what)
}

/// An optional line: empty or blank is none.
pub fn optional_line<T: TextRule>(raw: Option<&str>, what: &str) -> Result<Option<String>, Violation> {
    match raw.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => line::<T>(text, what).map(Some),
    }
}

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// A date as Indonesian letters write it: "5 Maret 2026".
pub fn date_in_letters(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_use_indonesian_month_names() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_in_letters(date(2026, 3, 5)), "5 Maret 2026");
        assert_eq!(date_in_letters(date(2026, 8, 17)), "17 Agustus 2026");
        assert_eq!(date_in_letters(date(2026, 12, 31)), "31 Desember 2026");
    }

    #[test]
    fn a_nip_is_eighteen_digits_with_or_without_spaces() {
        assert_eq!(Nip::parse("19800101 200501 1 001").map(Nip::into_inner), Ok("198001012005011001".to_owned()));
        assert!(Nip::parse("1980010120050110").is_err());
        assert!(Nip::parse("19800101200501100A").is_err());
    }

    #[test]
    fn optional_lines_treat_blank_as_none() {
        assert_eq!(optional_line::<LetterheadContact>(Some("  "), "phone"), Ok(None));
        assert_eq!(optional_line::<LetterheadContact>(None, "phone"), Ok(None));
        assert_eq!(
            optional_line::<LetterheadContact>(Some(" (0712) 321 "), "phone"),
            Ok(Some("(0712) 321".to_owned()))
        );
        assert!(optional_line::<LetterheadContact>(Some("x"), "phone").is_err());
    }
}
