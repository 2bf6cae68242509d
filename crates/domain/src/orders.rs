//! Orders (*surat pesanan*, step 6 of the OKI mechanism): a written order under an active
//! agreement line, issued before anything is published and only while the company is eligible
//! (business rules 2, 5 and 7). Its unit price is the agreement's, frozen when it is issued.

use chrono::NaiveDate;

use crate::audit::AuditAction;
use crate::money::Rupiah;
use crate::violation::{TextRule, Violation, ViolationCode, Violations, bounded_text};
use crate::vocabulary;

vocabulary! {
    /// Where an order stands.
    pub enum OrderState ("order state") {
        /// Sent to the company; its amount is committed on the agreement and the budget line.
        Issued = "issued",
        /// The company took it on.
        Accepted = "accepted",
        /// The company turned it down; the commitment is released.
        Declined = "declined",
        /// The company published and handed in its proof.
        Published = "published",
        /// An officer checked the proof against the order.
        ProofVerified = "proof_verified",
        /// The proof did not show what was ordered; the company hands in another.
        ProofRejected = "proof_rejected",
        /// On a company's invoice.
        Invoiced = "invoiced",
        Paid = "paid",
        /// Withdrawn before publication; the commitment is released.
        Cancelled = "cancelled",
    }
}

impl OrderState {
    /// Owed to the company: published (the work is done) and not yet paid, whatever its proof
    /// and invoice stand at.
    pub const OWED: [OrderState; 4] =
        [OrderState::Published, OrderState::ProofRejected, OrderState::ProofVerified, OrderState::Invoiced];

    /// Still holds its amount as a commitment (neither released nor paid).
    pub fn is_open(self) -> bool {
        !matches!(self, OrderState::Declined | OrderState::Cancelled | OrderState::Paid)
    }
}

vocabulary! {
    /// A step of an order's life. Publication, proof review, invoicing and payment are taken by
    /// the areas that record them; the company's answer and a cancellation by an officer.
    pub enum OrderStep ("order step") {
        Accept = "accept",
        Decline = "decline",
        Cancel = "cancel",
        Publish = "publish",
        VerifyProof = "verify_proof",
        RejectProof = "reject_proof",
        Invoice = "invoice",
        Pay = "pay",
    }
}

impl OrderStep {
    pub fn from_states(self) -> &'static [OrderState] {
        use OrderState::*;
        match self {
            OrderStep::Accept | OrderStep::Decline => &[Issued],
            OrderStep::Cancel => &[Issued, Accepted],
            OrderStep::Publish => &[Accepted, ProofRejected],
            OrderStep::VerifyProof | OrderStep::RejectProof => &[Published],
            OrderStep::Invoice => &[ProofVerified],
            OrderStep::Pay => &[Invoiced],
        }
    }

    pub fn to(self) -> OrderState {
        match self {
            OrderStep::Accept => OrderState::Accepted,
            OrderStep::Decline => OrderState::Declined,
            OrderStep::Cancel => OrderState::Cancelled,
            OrderStep::Publish => OrderState::Published,
            OrderStep::VerifyProof => OrderState::ProofVerified,
            OrderStep::RejectProof => OrderState::ProofRejected,
            OrderStep::Invoice => OrderState::Invoiced,
            OrderStep::Pay => OrderState::Paid,
        }
    }

    /// The state `from` moves to by this step, if the step leaves from it.
    pub fn from(self, from: OrderState) -> Option<OrderState> {
        self.from_states().contains(&from).then(|| self.to())
    }

    /// The company or the officer must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, OrderStep::Decline | OrderStep::Cancel | OrderStep::RejectProof)
    }

    /// The step gives the order's committed amount back to the agreement and the budget line.
    pub fn releases_commitment(self) -> bool {
        matches!(self, OrderStep::Decline | OrderStep::Cancel)
    }

    pub fn audit_action(self) -> AuditAction {
        match self {
            OrderStep::Accept => AuditAction::OrderAccepted,
            OrderStep::Decline => AuditAction::OrderDeclined,
            OrderStep::Cancel => AuditAction::OrderCancelled,
            OrderStep::Publish => AuditAction::OrderPublished,
            OrderStep::VerifyProof => AuditAction::OrderProofVerified,
            OrderStep::RejectProof => AuditAction::OrderProofRejected,
            OrderStep::Invoice => AuditAction::OrderInvoiced,
            OrderStep::Pay => AuditAction::OrderPaid,
        }
    }
}

/// What the company is asked to publish, in the officer's words.
pub struct OrderSubject;

impl TextRule for OrderSubject {
    const MIN: u64 = 3;
    const MAX: u64 = 300;
}

/// Instructions for the company: placement, timing, the material to use.
pub struct OrderInstructions;

impl TextRule for OrderInstructions {
    const MIN: u64 = 1;
    const MAX: u64 = 4000;
}

/// A reason given with a step.
pub struct OrderReason;

impl TextRule for OrderReason {
    const MIN: u64 = 3;
    const MAX: u64 = 2000;
}

/// The most units one order asks for.
pub const MAX_QUANTITY: u32 = 10_000;

/// An order as the officer asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrder {
    pub agreement_line_id: uuid::Uuid,
    pub quantity: u32,
    pub subject: String,
    pub instructions: Option<String>,
    /// The press release or material to publish, from the content bank.
    pub content_item_id: Option<uuid::Uuid>,
    /// The window in which the company publishes.
    pub due_from: NaiveDate,
    pub due_until: NaiveDate,
}

impl NewOrder {
    pub fn new(
        agreement_line_id: uuid::Uuid,
        quantity: u32,
        subject: &str,
        instructions: Option<&str>,
        content_item_id: Option<uuid::Uuid>,
        due_from: NaiveDate,
        due_until: NaiveDate,
    ) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        if quantity == 0 || quantity > MAX_QUANTITY {
            violations.push(Violation::new(
                "quantity",
                ViolationCode::OutOfRange,
                format!("1 to {MAX_QUANTITY} units"),
            ));
        }
        let subject =
            violations.check("subject", bounded_text(subject, OrderSubject::MIN, OrderSubject::MAX, "subject"));
        let instructions = violations.check(
            "instructions",
            instructions
                .filter(|text| !text.trim().is_empty())
                .map(|text| bounded_text(text, OrderInstructions::MIN, OrderInstructions::MAX, "instructions"))
                .transpose(),
        );
        if due_until < due_from {
            violations.push(Violation::new("due_until", ViolationCode::OutOfRange, "the window closes after it opens"));
        }
        violations.finish(|| {
            Some(NewOrder {
                agreement_line_id,
                quantity,
                subject: subject?,
                instructions: instructions?,
                content_item_id,
                due_from,
                due_until,
            })
        })
    }
}

/// What `quantity` units cost at `unit_price`; `None` beyond what the system counts.
pub fn amount(quantity: u32, unit_price: Rupiah) -> Option<Rupiah> {
    unit_price.amount().checked_mul(i64::from(quantity)).and_then(|total| Rupiah::new(total).ok())
}

/// A step as asked: the reason is required where [`OrderStep::needs_reason`] says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRequest {
    pub step: OrderStep,
    pub reason: Option<String>,
}

impl StepRequest {
    pub fn new(step: OrderStep, reason: Option<&str>) -> Result<Self, Violation> {
        let reason = reason
            .map(|text| bounded_text(text, OrderReason::MIN, OrderReason::MAX, "reason"))
            .transpose()
            .map_err(|v| v.at("reason"))?;
        if step.needs_reason() && reason.is_none() {
            return Err(Violation::new("reason", ViolationCode::Required, "say why"));
        }
        Ok(StepRequest { step, reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    #[test]
    fn every_step_leaves_from_its_states_only() {
        use OrderState::*;
        let allowed: &[(OrderStep, &[OrderState])] = &[
            (OrderStep::Accept, &[Issued]),
            (OrderStep::Decline, &[Issued]),
            (OrderStep::Cancel, &[Issued, Accepted]),
            (OrderStep::Publish, &[Accepted, ProofRejected]),
            (OrderStep::VerifyProof, &[Published]),
            (OrderStep::RejectProof, &[Published]),
            (OrderStep::Invoice, &[ProofVerified]),
            (OrderStep::Pay, &[Invoiced]),
        ];
        for (step, from) in allowed {
            for state in OrderState::ALL {
                assert_eq!(step.from(state).is_some(), from.contains(&state), "{step} from {state}");
            }
        }
        for done in [Declined, Cancelled, Paid] {
            assert!(OrderStep::ALL.iter().all(|step| step.from(done).is_none()), "{done} is final");
            assert!(!done.is_open());
        }
        // Nothing published can be cancelled: it is owed.
        assert!(OrderStep::Cancel.from(Published).is_none());
    }

    #[test]
    fn an_order_asks_for_units_in_a_window() {
        assert!(NewOrder::new(uuid::Uuid::nil(), 2, "Rilis HUT Kabupaten", None, None, day(1), day(5)).is_ok());
        let refused =
            NewOrder::new(uuid::Uuid::nil(), 0, "x", Some("   "), None, day(5), day(1)).err().unwrap_or_default();
        let fields: Vec<&str> = refused.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["quantity", "subject", "due_until"]);
    }

    #[test]
    fn the_amount_is_exact_and_never_wraps() {
        let price = Rupiah::new(1_500_000).unwrap_or_default();
        assert_eq!(amount(3, price).map(Rupiah::amount), Some(4_500_000));
        assert_eq!(amount(2, Rupiah::new(i64::MAX / 2 + 1).unwrap_or_default()), None);
    }

    #[test]
    fn declining_and_cancelling_need_a_reason() {
        assert!(StepRequest::new(OrderStep::Decline, None).is_err());
        assert!(StepRequest::new(OrderStep::Cancel, Some("salah pesan")).is_ok());
        assert!(StepRequest::new(OrderStep::Accept, None).is_ok());
    }
}
