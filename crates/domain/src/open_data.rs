//! Open data: an organisation publishes its agreements, orders and payments as Open Contracting
//! (OCDS 1.1) packages. This module holds the publication's settings (the organisation's
//! registered `ocid` prefix, who publishes, under which licence) and the mapping of Mitra's
//! states onto OCDS's closed codelists, so that every state has one published meaning.

use crate::agreements::AgreementState;
use crate::orders::OrderState;
use crate::violation::{TextRule, Violation, ViolationCode, bounded_text};

/// The licence open data is published under when the organisation names none.
pub const DEFAULT_LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// The prefix OCDS registered for a publisher, such as `ocds-abc123`: every `ocid` the
/// organisation publishes starts with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcidPrefix(String);

impl TextRule for OcidPrefix {
    const MIN: u64 = 11;
    const MAX: u64 = 11;
    const PATTERN: Option<&'static str> = Some("^ocds-[a-z0-9]{6}$");
}

impl OcidPrefix {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let prefix = raw.trim();
        let shaped = prefix.len() == 11
            && prefix.starts_with("ocds-")
            && prefix[5..].chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !shaped {
            return Err(Violation::new(
                "",
                ViolationCode::InvalidFormat,
                "a registered OCDS prefix: 'ocds-' and six lower-case letters or digits",
            ));
        }
        Ok(Self(prefix.to_owned()))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// The name the packages give as their publisher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublisherName(String);

impl TextRule for PublisherName {
    const MIN: u64 = 3;
    const MAX: u64 = 200;
}

impl PublisherName {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        bounded_text(raw, Self::MIN, Self::MAX, "publisher name").map(Self)
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// An https address published with the data (the publisher's site, the licence, the policy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicAddress(String);

impl TextRule for PublicAddress {
    const MIN: u64 = 12;
    const MAX: u64 = 500;
    const PATTERN: Option<&'static str> = Some("^https?://[^\\s/]+\\.[^\\s]+$");
}

impl PublicAddress {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let address = raw.trim();
        let rest = address.strip_prefix("https://").or_else(|| address.strip_prefix("http://"));
        let host_ok = rest.and_then(|rest| rest.split('/').next()).is_some_and(|host| host.contains('.'));
        let len = address.chars().count() as u64;
        if !host_ok
            || !(Self::MIN..=Self::MAX).contains(&len)
            || address.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Violation::new("", ViolationCode::InvalidFormat, "an http(s) address"));
        }
        Ok(Self(address.to_owned()))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// An organisation's open data settings, as set by its administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDataSettings {
    pub ocid_prefix: OcidPrefix,
    pub publisher_name: PublisherName,
    pub publisher_uri: Option<PublicAddress>,
    /// [`DEFAULT_LICENSE`] when none was given.
    pub license_url: PublicAddress,
    pub publication_policy_url: Option<PublicAddress>,
}

/// OCDS's closed `contractStatus` codelist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractStatus {
    Pending,
    Active,
    Cancelled,
    Terminated,
}

impl ContractStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Pending => "pending",
            ContractStatus::Active => "active",
            ContractStatus::Cancelled => "cancelled",
            ContractStatus::Terminated => "terminated",
        }
    }

    /// What an agreement in `state` is published as. A draft is not published at all (`None`):
    /// it binds nobody yet. A completed, ended or expired agreement was in force and has come to
    /// a close, which OCDS calls `terminated` whatever the reason.
    pub fn of(state: AgreementState) -> Option<Self> {
        match state {
            AgreementState::Draft => None,
            AgreementState::Active => Some(ContractStatus::Active),
            AgreementState::Completed | AgreementState::Terminated | AgreementState::Expired => {
                Some(ContractStatus::Terminated)
            }
        }
    }
}

/// OCDS's closed `milestoneStatus` codelist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneStatus {
    Scheduled,
    Met,
    NotMet,
    PartiallyMet,
}

impl MilestoneStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneStatus::Scheduled => "scheduled",
            MilestoneStatus::Met => "met",
            MilestoneStatus::NotMet => "notMet",
            MilestoneStatus::PartiallyMet => "partiallyMet",
        }
    }

    /// What an order in `state` is published as: met once its proof is verified, partly met when
    /// the verified proofs show fewer units than ordered, not met when declined or cancelled, and
    /// scheduled while the work is still to be shown.
    pub fn of(state: OrderState, ordered: i32, verified: Option<i32>) -> Self {
        match state {
            OrderState::Issued | OrderState::Accepted | OrderState::Published | OrderState::ProofRejected => {
                MilestoneStatus::Scheduled
            }
            OrderState::ProofVerified | OrderState::Invoiced | OrderState::Paid => match verified {
                Some(units) if units < ordered => MilestoneStatus::PartiallyMet,
                _ => MilestoneStatus::Met,
            },
            OrderState::Declined | OrderState::Cancelled => MilestoneStatus::NotMet,
        }
    }

    /// Whether the milestone has a date it was met on.
    pub fn is_met(self) -> bool {
        matches!(self, MilestoneStatus::Met | MilestoneStatus::PartiallyMet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_ocds_and_six_lower_case_letters_or_digits() {
        assert_eq!(OcidPrefix::parse(" ocds-abc123 ").map(OcidPrefix::into_inner), Ok("ocds-abc123".to_owned()));
        for bad in ["ocds-ABC123", "ocds-abc12", "ocds-abc1234", "abcd-abc123", "ocds_abc123", "ocds-abc12!", ""] {
            assert!(OcidPrefix::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn addresses_are_http_with_a_host() {
        assert!(PublicAddress::parse("https://creativecommons.org/licenses/by/4.0/").is_ok());
        assert!(PublicAddress::parse(DEFAULT_LICENSE).is_ok());
        for bad in ["ftp://x.example/a", "https://localhost", "https://a b.example", "javascript:alert(1)"] {
            assert!(PublicAddress::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_agreement_state_but_draft_is_published() {
        for state in AgreementState::ALL {
            assert_eq!(ContractStatus::of(state).is_none(), state == AgreementState::Draft, "{state}");
        }
        assert_eq!(ContractStatus::of(AgreementState::Active), Some(ContractStatus::Active));
        assert_eq!(ContractStatus::of(AgreementState::Completed), Some(ContractStatus::Terminated));
    }

    #[test]
    fn orders_are_met_once_their_proof_is_verified() {
        for state in OrderState::ALL {
            let status = MilestoneStatus::of(state, 2, Some(2));
            let met = matches!(state, OrderState::ProofVerified | OrderState::Invoiced | OrderState::Paid);
            assert_eq!(status.is_met(), met, "{state}");
        }
        assert_eq!(MilestoneStatus::of(OrderState::Paid, 3, Some(2)), MilestoneStatus::PartiallyMet);
        assert_eq!(MilestoneStatus::of(OrderState::Cancelled, 3, None), MilestoneStatus::NotMet);
    }
}
