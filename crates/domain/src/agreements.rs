//! Agreements (step 4-5 of the OKI mechanism): a partnership agreement (*PKS*) or an
//! e-catalogue contract with an approved press company, priced line by line from the one rate
//! card and negotiated before it binds anyone (business rules 4 and 7).
//!
//! The rules here judge the terms alone and against the policy; what the terms do to a budget
//! line is kept by the persistence layer in the same transaction.

use chrono::{Datelike, NaiveDate};

use crate::audit::AuditAction;
use crate::money::Rupiah;
use crate::policy::{FiscalYear, Policy};
use crate::press::MediaType;
use crate::violation::{TextRule, Violation, ViolationCode, Violations, bounded_text};
use crate::vocabulary;

vocabulary! {
    /// What kind of instrument binds the company.
    pub enum AgreementKind ("agreement kind") {
        /// A partnership agreement (*perjanjian kerja sama*) signed with the company.
        Partnership = "partnership",
        /// A contract made through the national e-catalogue, known there by its order id.
        ECatalogue = "e_catalogue",
    }
}

vocabulary! {
    /// Where an agreement stands.
    pub enum AgreementState ("agreement state") {
        /// Being negotiated: terms can change, nothing can be ordered.
        Draft = "draft",
        /// Signed: orders can be issued under its lines; its ceiling is reserved on the budget line.
        Active = "active",
        /// Fulfilled and closed early or at its end.
        Completed = "completed",
        /// Ended on a ground before its time.
        Terminated = "terminated",
        /// Its end date passed.
        Expired = "expired",
    }
}

impl AgreementState {
    /// Orders can be issued under it.
    pub fn takes_orders(self) -> bool {
        self == AgreementState::Active
    }

    /// It reserves the whole of its ceiling on its budget line.
    pub fn reserves_ceiling(self) -> bool {
        self == AgreementState::Active
    }
}

vocabulary! {
    /// A step of an agreement's life.
    pub enum AgreementStep ("agreement step") {
        Activate = "activate",
        Complete = "complete",
        Terminate = "terminate",
        Expire = "expire",
    }
}

impl AgreementStep {
    pub fn from_states(self) -> &'static [AgreementState] {
        match self {
            AgreementStep::Activate => &[AgreementState::Draft],
            AgreementStep::Complete | AgreementStep::Terminate | AgreementStep::Expire => &[AgreementState::Active],
        }
    }

    pub fn to(self) -> AgreementState {
        match self {
            AgreementStep::Activate => AgreementState::Active,
            AgreementStep::Complete => AgreementState::Completed,
            AgreementStep::Terminate => AgreementState::Terminated,
            AgreementStep::Expire => AgreementState::Expired,
        }
    }

    /// The state `from` moves to by this step, if the step leaves from it.
    pub fn from(self, from: AgreementState) -> Option<AgreementState> {
        self.from_states().contains(&from).then(|| self.to())
    }

    pub fn audit_action(self) -> AuditAction {
        match self {
            AgreementStep::Activate => AuditAction::AgreementActivated,
            AgreementStep::Complete => AuditAction::AgreementCompleted,
            AgreementStep::Terminate => AuditAction::AgreementTerminated,
            AgreementStep::Expire => AuditAction::AgreementExpired,
        }
    }
}

vocabulary! {
    /// Why an agreement was ended before its time.
    pub enum TerminationGround ("termination ground") {
        /// The company did not deliver what the agreement requires.
        Breach = "breach",
        /// The company lost what made it eligible (Press Council status, sanction).
        CompanyIneligible = "company_ineligible",
        MutualConsent = "mutual_consent",
        /// The budget was withdrawn or cut.
        BudgetWithdrawn = "budget_withdrawn",
        Other = "other",
    }
}

/// A reason given with a step or an amendment, as the company and an auditor will read it.
pub struct AgreementReason;

impl TextRule for AgreementReason {
    const MIN: u64 = 3;
    const MAX: u64 = 2000;
}

/// An agreement's subject: "Publikasi program pemerintah daerah di media daring".
pub struct AgreementTitle;

impl TextRule for AgreementTitle {
    const MIN: u64 = 3;
    const MAX: u64 = 300;
}

/// An e-catalogue order id as the e-catalogue prints it.
pub struct ExternalOrderId;

impl TextRule for ExternalOrderId {
    const MIN: u64 = 3;
    const MAX: u64 = 100;
}

/// The most lines an agreement has: one per product.
pub const MAX_LINES: u64 = 50;

/// The longest note on a line's negotiation.
pub const NEGOTIATION_NOTE_MAX: u64 = 1000;

/// The highest quota of a line: a generous year of daily items.
pub const MAX_QUOTA: u32 = 100_000;

/// How a line's price was reached: what the company offered, the reference the officer priced
/// against (*harga perkiraan*), and what both agreed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Negotiation {
    pub offered: Rupiah,
    pub reference: Rupiah,
    pub agreed: Rupiah,
    pub note: Option<String>,
}

/// One product the agreement buys, up to `quota` units at the agreed unit price.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgreementLine {
    pub product: String,
    pub quota: u32,
    pub negotiation: Negotiation,
}

impl AgreementLine {
    /// What the whole quota costs at the agreed price.
    pub fn value(&self) -> i64 {
        self.negotiation.agreed.amount().saturating_mul(i64::from(self.quota))
    }
}

/// The terms of an agreement, as drafted or amended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub kind: AgreementKind,
    pub title: String,
    pub external_order_id: Option<String>,
    pub budget_line_id: uuid::Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub ceiling: Rupiah,
    pub lines: Vec<AgreementLine>,
}

/// The terms as asked, before they are judged.
#[derive(Debug, Clone)]
pub struct TermsRequest<'a> {
    pub kind: AgreementKind,
    pub title: &'a str,
    pub external_order_id: Option<&'a str>,
    pub budget_line_id: uuid::Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub ceiling: Rupiah,
    pub lines: Vec<AgreementLine>,
}

impl Terms {
    /// Judges the terms alone: dates in order, an e-catalogue contract names its order, every
    /// line a distinct product with a quota and a full negotiation whose agreed price is no more
    /// than was offered, and a ceiling the lines can reach.
    pub fn new(request: TermsRequest<'_>) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let title =
            violations.check("title", bounded_text(request.title, AgreementTitle::MIN, AgreementTitle::MAX, "title"));
        let external_order_id = match (request.kind, request.external_order_id.filter(|id| !id.trim().is_empty())) {
            (AgreementKind::ECatalogue, None) => {
                violations.push(Violation::new(
                    "external_order_id",
                    ViolationCode::Required,
                    "an e-catalogue contract names its e-catalogue order",
                ));
                None
            }
            (AgreementKind::ECatalogue, Some(id)) => violations
                .check(
                    "external_order_id",
                    bounded_text(id, ExternalOrderId::MIN, ExternalOrderId::MAX, "external order id"),
                )
                .map(Some),
            (AgreementKind::Partnership, Some(_)) => {
                violations.push(Violation::new(
                    "external_order_id",
                    ViolationCode::InvalidValue,
                    "only an e-catalogue contract has an e-catalogue order",
                ));
                None
            }
            (AgreementKind::Partnership, None) => Some(None),
        };
        if request.ends_on < request.starts_on {
            violations.push(Violation::new("ends_on", ViolationCode::OutOfRange, "an agreement ends after it starts"));
        }
        if request.lines.is_empty() {
            violations.push(Violation::new("lines", ViolationCode::Required, "an agreement buys at least one product"));
        }
        let mut total: i64 = 0;
        for (index, line) in request.lines.iter().enumerate() {
            let at = |field: &str| format!("lines[{index}].{field}");
            if request.lines[..index].iter().any(|earlier| earlier.product == line.product) {
                violations.push(Violation::new(
                    at("product"),
                    ViolationCode::InvalidValue,
                    "each product has one line",
                ));
            }
            if line.quota == 0 || line.quota > MAX_QUOTA {
                violations.push(Violation::new(
                    at("quota"),
                    ViolationCode::OutOfRange,
                    format!("a quota of 1 to {MAX_QUOTA}"),
                ));
            }
            let negotiation = &line.negotiation;
            if let Some(note) = &negotiation.note {
                violations.check(&at("negotiation_note"), bounded_text(note, 1, NEGOTIATION_NOTE_MAX, "note"));
            }
            if negotiation.agreed == Rupiah::ZERO {
                violations.push(Violation::new(at("agreed_price"), ViolationCode::OutOfRange, "a price above zero"));
            }
            if negotiation.reference == Rupiah::ZERO {
                violations.push(Violation::new(
                    at("reference_price"),
                    ViolationCode::Required,
                    "the reference price the offer was weighed against",
                ));
            }
            if negotiation.agreed > negotiation.offered {
                violations.push(Violation::new(
                    at("agreed_price"),
                    ViolationCode::OutOfRange,
                    "the agreed price is no more than the company offered",
                ));
            }
            total = total.saturating_add(line.value());
        }
        if request.ceiling == Rupiah::ZERO {
            violations.push(Violation::new("ceiling", ViolationCode::OutOfRange, "a ceiling above zero"));
        } else if !request.lines.is_empty() && request.ceiling.amount() > total {
            violations.push(Violation::new(
                "ceiling",
                ViolationCode::OutOfRange,
                format!(
                    "the lines' quotas at the agreed prices reach {}: the ceiling cannot be higher",
                    Rupiah::new(total).unwrap_or_default()
                ),
            ));
        }
        violations.finish(|| {
            Some(Terms {
                kind: request.kind,
                title: title?,
                external_order_id: external_order_id?,
                budget_line_id: request.budget_line_id,
                starts_on: request.starts_on,
                ends_on: request.ends_on,
                ceiling: request.ceiling,
                lines: request.lines,
            })
        })
    }

    /// Judges the terms against the year and the policy the company was approved under: the
    /// period inside the fiscal year, and every line a product of the policy whose agreed price
    /// the rate card allows for the outlet's media type and tier (business rule 4).
    pub fn judge(
        &self,
        year: FiscalYear,
        policy: &Policy,
        media_type: MediaType,
        tier: &str,
    ) -> Result<(), Violations> {
        let mut violations = Violations::new();
        for (field, date) in [("starts_on", self.starts_on), ("ends_on", self.ends_on)] {
            if date.year() != year.year() {
                violations.push(Violation::new(
                    field,
                    ViolationCode::OutOfRange,
                    format!("inside fiscal year {}", year.year()),
                ));
            }
        }
        for (index, line) in self.lines.iter().enumerate() {
            let at = |field: &str| format!("lines[{index}].{field}");
            if policy.product(&line.product).is_none() {
                violations.push(Violation::new(
                    at("product"),
                    ViolationCode::InvalidValue,
                    "not a product of the policy",
                ));
                continue;
            }
            match policy.rate(media_type, tier, &line.product) {
                None => violations.push(Violation::new(
                    at("product"),
                    ViolationCode::InvalidValue,
                    format!(
                        "the rate card has no price for this product from a {} outlet of tier {tier}",
                        media_type.as_str()
                    ),
                )),
                Some(rate) if line.negotiation.agreed > rate.max_unit_price => violations.push(Violation::new(
                    at("agreed_price"),
                    ViolationCode::OutOfRange,
                    format!("above the rate card's {} for tier {tier}", rate.max_unit_price),
                )),
                Some(_) => {}
            }
        }
        violations.finish(|| Some(()))
    }
}

/// A step as asked: a termination names its ground and says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRequest {
    pub step: AgreementStep,
    pub ground: Option<TerminationGround>,
    pub reason: Option<String>,
}

impl StepRequest {
    pub fn new(
        step: AgreementStep,
        ground: Option<TerminationGround>,
        reason: Option<&str>,
    ) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        let reason = violations.check(
            "reason",
            reason.map(|text| bounded_text(text, AgreementReason::MIN, AgreementReason::MAX, "reason")).transpose(),
        );
        match (step, ground) {
            (AgreementStep::Terminate, None) => {
                violations.push(Violation::new("ground", ViolationCode::Required, "a termination names its ground"))
            }
            (AgreementStep::Terminate, Some(_)) if reason.as_ref().is_some_and(Option::is_none) => {
                violations.push(Violation::new("reason", ViolationCode::Required, "say why the agreement ends early"))
            }
            (AgreementStep::Terminate, Some(_)) => {}
            (_, Some(_)) => violations.push(Violation::new(
                "ground",
                ViolationCode::InvalidValue,
                "only a termination has a ground",
            )),
            (_, None) => {}
        }
        violations.finish(|| Some(StepRequest { step, ground, reason: reason? }))
    }
}

/// The reason of an amendment.
pub fn amendment_reason(raw: &str) -> Result<String, Violation> {
    bounded_text(raw, AgreementReason::MIN, AgreementReason::MAX, "reason").map_err(|v| v.at("reason"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    fn rp(amount: i64) -> Rupiah {
        Rupiah::new(amount).unwrap_or_default()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn line(product: &str, quota: u32, offered: i64, agreed: i64) -> AgreementLine {
        AgreementLine {
            product: product.into(),
            quota,
            negotiation: Negotiation { offered: rp(offered), reference: rp(offered), agreed: rp(agreed), note: None },
        }
    }

    fn request(lines: Vec<AgreementLine>, ceiling: i64) -> TermsRequest<'static> {
        TermsRequest {
            kind: AgreementKind::Partnership,
            title: "Publikasi program daerah",
            external_order_id: None,
            budget_line_id: uuid::Uuid::nil(),
            starts_on: date(2026, 2, 1),
            ends_on: date(2026, 12, 31),
            ceiling: rp(ceiling),
            lines,
        }
    }

    fn fields(violations: &Violations) -> Vec<&str> {
        violations.iter().map(|v| v.field.as_str()).collect()
    }

    #[test]
    fn every_step_leaves_from_its_states_only() {
        use AgreementState::*;
        for step in AgreementStep::ALL {
            for state in AgreementState::ALL {
                let allowed = match step {
                    AgreementStep::Activate => state == Draft,
                    _ => state == Active,
                };
                assert_eq!(step.from(state).is_some(), allowed, "{step} from {state}");
            }
        }
        for closed in [Completed, Terminated, Expired] {
            assert!(AgreementStep::ALL.iter().all(|step| step.from(closed).is_none()), "{closed} is final");
        }
    }

    #[test]
    fn the_agreed_price_is_negotiated_down_never_up_and_the_ceiling_is_reachable() {
        assert!(Terms::new(request(vec![line("advertorial", 10, 1_000_000, 900_000)], 9_000_000)).is_ok());
        let refused = Terms::new(request(vec![line("advertorial", 10, 1_000_000, 1_100_000)], 9_000_000));
        assert_eq!(refused.err().map(|v| fields(&v).join(",")), Some("lines[0].agreed_price".into()));
        let refused = Terms::new(request(vec![line("advertorial", 10, 1_000_000, 900_000)], 9_000_001));
        assert_eq!(refused.err().map(|v| fields(&v).join(",")), Some("ceiling".into()));
        let refused = Terms::new(request(vec![line("a", 1, 1, 1), line("a", 0, 1, 1)], 1));
        assert_eq!(refused.err().map(|v| fields(&v).join(",")), Some("lines[1].product,lines[1].quota".into()));
    }

    #[test]
    fn only_an_e_catalogue_contract_names_an_external_order() {
        let mut asked = request(vec![line("advertorial", 1, 1, 1)], 1);
        asked.kind = AgreementKind::ECatalogue;
        assert_eq!(Terms::new(asked.clone()).err().map(|v| fields(&v).join(",")), Some("external_order_id".into()));
        asked.external_order_id = Some("EPURCH-2026-0001");
        assert!(Terms::new(asked.clone()).is_ok());
        asked.kind = AgreementKind::Partnership;
        assert_eq!(Terms::new(asked).err().map(|v| fields(&v).join(",")), Some("external_order_id".into()));
    }

    #[test]
    fn prices_come_from_the_rate_card_for_the_outlets_tier() {
        let policy = presets::oki();
        let year = FiscalYear::parse(2026).unwrap_or_else(|_| unreachable!());
        let max = policy.rate(MediaType::Online, "B", "advertorial").map(|r| r.max_unit_price.amount()).unwrap_or(0);
        assert!(max > 0);
        let within =
            Terms::new(request(vec![line("advertorial", 2, max, max)], max)).unwrap_or_else(|_| unreachable!());
        assert!(within.judge(year, &policy, MediaType::Online, "B").is_ok());
        let above =
            Terms::new(request(vec![line("advertorial", 2, max + 1, max + 1)], max)).unwrap_or_else(|_| unreachable!());
        let refused = above.judge(year, &policy, MediaType::Online, "B").err().unwrap_or_default();
        assert_eq!(fields(&refused), ["lines[0].agreed_price"]);
        let unknown = Terms::new(request(vec![line("gratis", 1, 1, 1)], 1)).unwrap_or_else(|_| unreachable!());
        assert_eq!(
            fields(&unknown.judge(year, &policy, MediaType::Online, "B").err().unwrap_or_default()),
            ["lines[0].product"]
        );
        let next_year = FiscalYear::parse(2027).unwrap_or_else(|_| unreachable!());
        let refused = within.judge(next_year, &policy, MediaType::Online, "B").err().unwrap_or_default();
        assert_eq!(fields(&refused), ["starts_on", "ends_on"]);
    }

    #[test]
    fn a_termination_names_its_ground_and_reason() {
        assert!(StepRequest::new(AgreementStep::Terminate, None, Some("tidak terbit")).is_err());
        assert!(StepRequest::new(AgreementStep::Terminate, Some(TerminationGround::Breach), None).is_err());
        assert!(
            StepRequest::new(AgreementStep::Terminate, Some(TerminationGround::Breach), Some("tidak terbit")).is_ok()
        );
        assert!(StepRequest::new(AgreementStep::Activate, Some(TerminationGround::Breach), None).is_err());
        assert!(StepRequest::new(AgreementStep::Activate, None, None).is_ok());
    }
}
