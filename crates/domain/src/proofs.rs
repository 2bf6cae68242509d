//! Proofs of publication (*bukti tayang/terbit*, business rules 6 and 9): what shows that an
//! order was carried out, checked by an officer before anything is paid. A proof backs one order
//! only: its URL and its content fingerprint cannot appear on another order.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::files::FileType;
use crate::violation::{TextRule, Violation, ViolationCode, Violations, bounded_text};
use crate::vocabulary;

vocabulary! {
    /// What kind of evidence a proof is.
    pub enum ProofKind ("proof kind") {
        /// A web page: its address, when it was captured and the SHA-256 of the captured content.
        Url = "url",
        /// A print clipping: edition, date and page.
        Clipping = "clipping",
        /// A broadcast log: date, time and duration on air.
        BroadcastLog = "broadcast_log",
        /// A subscription edition's delivery receipt: edition, date and who received it.
        DeliveryReceipt = "delivery_receipt",
    }
}

impl ProofKind {
    /// Content a reader sees as news must say it is paid for; a delivery receipt carries none.
    pub fn needs_paid_label(self) -> bool {
        self != ProofKind::DeliveryReceipt
    }

    /// The files that show this kind of proof: a clipping's scan and a broadcast's recording are
    /// the publication itself, so those proofs are verified only once their file is attached; a
    /// web page's screenshot and a signed receipt's scan are kept when given.
    pub fn evidence(self) -> Evidence {
        const SCANS: &[FileType] = &[FileType::Pdf, FileType::Jpeg, FileType::Png];
        const RECORDINGS: &[FileType] = &[FileType::Mp3, FileType::Mp4];
        match self {
            ProofKind::Url => Evidence { types: SCANS, required: false },
            ProofKind::Clipping => Evidence { types: SCANS, required: true },
            ProofKind::BroadcastLog => Evidence { types: RECORDINGS, required: true },
            ProofKind::DeliveryReceipt => Evidence { types: SCANS, required: false },
        }
    }
}

/// Which files a proof of one kind takes, and whether it needs one to be verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    pub types: &'static [FileType],
    pub required: bool,
}

/// The largest evidence file accepted: a few minutes of broadcast video.
pub const EVIDENCE_MAX_BYTES: u64 = 100 * 1024 * 1024;

/// The fingerprint of content by its SHA-256, whether handed in as a web capture's hash or as an
/// attached scan or recording: the same content cannot back two orders.
pub fn content_fingerprint(sha256: &str) -> String {
    format!("sha256:{}", sha256.to_ascii_lowercase())
}

vocabulary! {
    /// An officer's check of one proof.
    pub enum ProofStatus ("proof status") {
        Pending = "pending",
        Verified = "verified",
        Rejected = "rejected",
    }
}

/// Short descriptive text on a proof: an edition, a page, a receiver's name.
pub struct ProofText;

impl TextRule for ProofText {
    const MIN: u64 = 1;
    const MAX: u64 = 200;
}

/// A note on a proof or its review.
pub struct ProofNote;

impl TextRule for ProofNote {
    const MIN: u64 = 3;
    const MAX: u64 = 2000;
}

/// The longest web address accepted.
pub const MAX_URL: u64 = 2000;

/// A proof as handed in; which fields are required depends on its kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProofDetails {
    pub url: Option<String>,
    pub captured_at: Option<DateTime<Utc>>,
    pub content_sha256: Option<String>,
    pub edition: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub page: Option<String>,
    pub aired_at: Option<NaiveTime>,
    pub duration_seconds: Option<u32>,
    pub received_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProof {
    pub kind: ProofKind,
    /// Units of the order this proof shows (postings, editions, spots).
    pub quantity: u32,
    pub paid_content_labelled: bool,
    pub details: ProofDetails,
    pub note: Option<String>,
}

impl NewProof {
    pub fn new(
        kind: ProofKind,
        quantity: u32,
        paid_content_labelled: bool,
        details: ProofDetails,
        note: Option<&str>,
    ) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        if quantity == 0 {
            violations.push(Violation::new("quantity", ViolationCode::OutOfRange, "at least one unit"));
        }
        let mut require = |present: bool, field: &str| {
            if !present {
                violations.push(Violation::new(
                    field,
                    ViolationCode::Required,
                    format!("a {} proof needs it", kind.as_str()),
                ));
            }
        };
        match kind {
            ProofKind::Url => {
                require(details.url.is_some(), "url");
                require(details.captured_at.is_some(), "captured_at");
                require(details.content_sha256.is_some(), "content_sha256");
            }
            ProofKind::Clipping => {
                require(details.edition.is_some(), "edition");
                require(details.published_on.is_some(), "published_on");
                require(details.page.is_some(), "page");
            }
            ProofKind::BroadcastLog => {
                require(details.published_on.is_some(), "published_on");
                require(details.aired_at.is_some(), "aired_at");
                require(details.duration_seconds.is_some_and(|seconds| seconds > 0), "duration_seconds");
            }
            ProofKind::DeliveryReceipt => {
                require(details.edition.is_some(), "edition");
                require(details.published_on.is_some(), "published_on");
                require(details.received_by.is_some(), "received_by");
            }
        }
        let url = violations.check("url", details.url.as_deref().map(web_address).transpose());
        let sha = violations.check("content_sha256", details.content_sha256.as_deref().map(sha256).transpose());
        let text = |raw: &Option<String>, field: &str| {
            raw.as_deref()
                .map(|t| bounded_text(t, ProofText::MIN, ProofText::MAX, field).map_err(|v| v.at(field)))
                .transpose()
        };
        let edition = violations.check("edition", text(&details.edition, "edition"));
        let page = violations.check("page", text(&details.page, "page"));
        let received_by = violations.check("received_by", text(&details.received_by, "received_by"));
        let note = violations.check(
            "note",
            note.filter(|n| !n.trim().is_empty())
                .map(|n| bounded_text(n, ProofNote::MIN, ProofNote::MAX, "note").map_err(|v| v.at("note")))
                .transpose(),
        );
        violations.finish(|| {
            Some(NewProof {
                kind,
                quantity,
                paid_content_labelled,
                details: ProofDetails {
                    url: url?,
                    content_sha256: sha?,
                    edition: edition?,
                    page: page?,
                    received_by: received_by?,
                    ..details
                },
                note: note?,
            })
        })
    }

    /// The fingerprints that tie this proof to its order: its address and its content hash.
    pub fn fingerprints(&self) -> Vec<String> {
        self.details.fingerprints()
    }
}

impl ProofDetails {
    /// The fingerprints these details tie to an order: the address and the content hash.
    pub fn fingerprints(&self) -> Vec<String> {
        let mut prints = Vec::new();
        if let Some(url) = &self.url {
            prints.push(format!("url:{}", url_key(url)));
        }
        if let Some(sha) = &self.content_sha256 {
            prints.push(content_fingerprint(sha));
        }
        prints
    }
}

/// An http(s) address, trimmed.
fn web_address(raw: &str) -> Result<String, Violation> {
    let url = raw.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    let host_ok =
        url.split("://").nth(1).is_some_and(|rest| rest.split('/').next().is_some_and(|host| host.contains('.')));
    if !scheme_ok || !host_ok || url.len() as u64 > MAX_URL || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Violation::new("url", ViolationCode::InvalidFormat, "an http(s) address of a published page"));
    }
    Ok(url.to_owned())
}

fn sha256(raw: &str) -> Result<String, Violation> {
    let hash = raw.trim().to_ascii_lowercase();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Violation::new("content_sha256", ViolationCode::InvalidFormat, "64 hexadecimal characters"));
    }
    Ok(hash)
}

/// The same page however its address is written: scheme and host in lower case, no `www.`, no
/// fragment, no trailing slash.
pub fn url_key(url: &str) -> String {
    let without_fragment = url.split('#').next().unwrap_or(url);
    let (_, rest) = without_fragment.split_once("://").unwrap_or(("", without_fragment));
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(host, path)| (host, path));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = path.trim_end_matches('/');
    if path.is_empty() { host.to_owned() } else { format!("{host}/{path}") }
}

/// An officer's verdict on a proof: a rejection says what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofReview {
    pub status: ProofStatus,
    pub note: Option<String>,
}

impl ProofReview {
    pub fn new(status: ProofStatus, note: Option<&str>) -> Result<Self, Violation> {
        if status == ProofStatus::Pending {
            return Err(Violation::new("status", ViolationCode::InvalidValue, "a review verifies or rejects"));
        }
        let note = note
            .filter(|n| !n.trim().is_empty())
            .map(|n| bounded_text(n, ProofNote::MIN, ProofNote::MAX, "note").map_err(|v| v.at("note")))
            .transpose()?;
        if status == ProofStatus::Rejected && note.is_none() {
            return Err(Violation::new("note", ViolationCode::Required, "say what the proof does not show"));
        }
        Ok(ProofReview { status, note })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url_proof(url: &str) -> Result<NewProof, Violations> {
        let details = ProofDetails {
            url: Some(url.into()),
            captured_at: Some(Utc::now()),
            content_sha256: Some("AB".repeat(32)),
            ..ProofDetails::default()
        };
        NewProof::new(ProofKind::Url, 1, true, details, None)
    }

    #[test]
    fn each_kind_needs_its_own_evidence() {
        let refused =
            NewProof::new(ProofKind::Clipping, 0, true, ProofDetails::default(), None).err().unwrap_or_default();
        let fields: Vec<&str> = refused.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["quantity", "edition", "published_on", "page"]);
        let refused = NewProof::new(
            ProofKind::BroadcastLog,
            1,
            true,
            ProofDetails { duration_seconds: Some(0), ..Default::default() },
            None,
        );
        assert_eq!(refused.err().map(|v| v.iter().count()), Some(3));
        assert!(url_proof("ftp://x.id/a").is_err());
        assert!(url_proof("https://localhost").is_err());
    }

    #[test]
    fn one_page_is_one_fingerprint_however_its_address_is_written() {
        let a = url_proof("https://www.Sumsel-News.id/berita/hut-oki/#komentar").unwrap_or_else(|_| unreachable!());
        let b = url_proof("http://sumsel-news.id/berita/hut-oki").unwrap_or_else(|_| unreachable!());
        assert_eq!(a.fingerprints(), b.fingerprints());
        assert_eq!(a.fingerprints()[1], format!("sha256:{}", "ab".repeat(32)), "hashes are compared in lower case");
    }

    #[test]
    fn receipts_carry_no_paid_label_and_a_rejection_says_why() {
        assert!(!ProofKind::DeliveryReceipt.needs_paid_label());
        assert!(ProofKind::Url.needs_paid_label());
        assert!(ProofReview::new(ProofStatus::Rejected, None).is_err());
        assert!(ProofReview::new(ProofStatus::Pending, None).is_err());
        assert!(ProofReview::new(ProofStatus::Verified, None).is_ok());
    }
}
