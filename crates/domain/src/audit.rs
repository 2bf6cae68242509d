//! The audit trail: every state change is an event, and each organisation's events form a hash
//! chain, so that an edited, inserted or deleted event is detected by recomputing the chain.
//!
//! Instants enter the hash as integer epoch microseconds: a formatted timestamp read back in
//! another session time zone would make every event look tampered.

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::vocabulary;

vocabulary! {
    /// The kind of record an audit event is about.
    pub enum EntityType ("entity type") {
        Organisation = "organisation",
        Unit = "unit",
        User = "user",
        Session = "session",
        Regulation = "regulation",
        PolicyVersion = "policy_version",
        PressCompany = "press_company",
        Outlet = "outlet",
        NewsroomPerson = "newsroom_person",
        PressCouncilRecord = "press_council_record",
        BankAccount = "bank_account",
        RegistrationWindow = "registration_window",
        Application = "application",
        ApplicationDocument = "application_document",
        SiteVisit = "site_visit",
        SiteVisitPhoto = "site_visit_photo",
        BudgetLine = "budget_line",
        Agreement = "agreement",
        Order = "order",
        Proof = "proof",
        /// A scan, recording or screenshot attached to a proof.
        ProofFile = "proof_file",
        Invoice = "invoice",
        Payment = "payment",
        ContentItem = "content_item",
        ContentAttachment = "content_attachment",
        OpenDataSettings = "open_data_settings",
        /// The organisation's letterhead and signatory, printed on its letters.
        Letterhead = "letterhead",
        /// One import of earlier years' records, with every row it brought.
        HistoryBatch = "history_batch",
    }
}

vocabulary! {
    /// What happened, named `<entity type>.<past participle>`.
    pub enum AuditAction ("audit action") {
        OrganisationCreated = "organisation.created",
        UnitCreated = "unit.created",
        UnitUpdated = "unit.updated",
        UserCreated = "user.created",
        UserUpdated = "user.updated",
        UserDisabled = "user.disabled",
        UserEnabled = "user.enabled",
        UserPasswordReset = "user.password_reset",
        SessionLogin = "session.login",
        SessionLogout = "session.logout",
        /// A rotated refresh token was presented again: taken as theft, the session is revoked.
        SessionReuseDetected = "session.reuse_detected",
        RegulationCreated = "regulation.created",
        RegulationUpdated = "regulation.updated",
        PolicyVersionCreated = "policy_version.created",
        PolicyVersionUpdated = "policy_version.updated",
        /// A decision used the version: it is frozen from now on.
        PolicyVersionUsed = "policy_version.used",
        PressCompanyCreated = "press_company.created",
        PressCompanyUpdated = "press_company.updated",
        /// Suspended, barred or reinstated, with the decision's reason.
        PressCompanyStatusDecided = "press_company.status_decided",
        OutletCreated = "outlet.created",
        OutletUpdated = "outlet.updated",
        PersonCreated = "newsroom_person.created",
        PersonUpdated = "newsroom_person.updated",
        PressCouncilRecorded = "press_council_record.created",
        BankAccountCreated = "bank_account.created",
        BankAccountVerified = "bank_account.verified",
        RegistrationWindowCreated = "registration_window.created",
        RegistrationWindowUpdated = "registration_window.updated",
        ApplicationCreated = "application.created",
        ApplicationSubmitted = "application.submitted",
        ApplicationReviewStarted = "application.review_started",
        ApplicationRevisionRequested = "application.revision_requested",
        ApplicationVerified = "application.verified",
        ApplicationApproved = "application.approved",
        ApplicationRejected = "application.rejected",
        ApplicationWithdrawn = "application.withdrawn",
        ApplicationLapsed = "application.lapsed",
        /// The rubric was scored, giving the tier.
        ApplicationScored = "application.scored",
        DocumentAdded = "application_document.added",
        /// A newer document for the same requirement took its place.
        DocumentReplaced = "application_document.replaced",
        DocumentReviewed = "application_document.reviewed",
        SiteVisitRecorded = "site_visit.recorded",
        SiteVisitUpdated = "site_visit.updated",
        SiteVisitPhotoAdded = "site_visit_photo.added",
        BudgetLineCreated = "budget_line.created",
        BudgetLineUpdated = "budget_line.updated",
        /// The ceiling was revised (*pagu perubahan*).
        BudgetLineRevised = "budget_line.revised",
        AgreementCreated = "agreement.created",
        /// A draft's terms were changed.
        AgreementUpdated = "agreement.updated",
        AgreementActivated = "agreement.activated",
        /// An active agreement's terms were amended (with its reason and history).
        AgreementAmended = "agreement.amended",
        AgreementCompleted = "agreement.completed",
        AgreementTerminated = "agreement.terminated",
        AgreementExpired = "agreement.expired",
        OrderIssued = "order.issued",
        OrderAccepted = "order.accepted",
        OrderDeclined = "order.declined",
        OrderCancelled = "order.cancelled",
        OrderPublished = "order.published",
        OrderProofVerified = "order.proof_verified",
        OrderProofRejected = "order.proof_rejected",
        OrderInvoiced = "order.invoiced",
        OrderPaid = "order.paid",
        ProofSubmitted = "proof.submitted",
        ProofReviewed = "proof.reviewed",
        ProofFileAdded = "proof_file.added",
        InvoiceRecorded = "invoice.recorded",
        /// The work was accepted (*BAST*).
        InvoiceAccepted = "invoice.accepted",
        InvoicePaid = "invoice.paid",
        PaymentRecorded = "payment.recorded",
        ContentItemCreated = "content_item.created",
        ContentItemUpdated = "content_item.updated",
        ContentAttachmentAdded = "content_attachment.added",
        /// The open data publication's settings were set or changed.
        OpenDataSettingsUpdated = "open_data_settings.updated",
        LetterheadCreated = "letterhead.created",
        LetterheadUpdated = "letterhead.updated",
        /// A file of earlier years' records was imported whole (its kind, name, SHA-256 and rows).
        HistoryImported = "history_batch.imported",
    }
}

impl AuditAction {
    /// The kind of record the action changes: the part of its name before the dot.
    pub fn entity_type(self) -> EntityType {
        match self {
            AuditAction::OrganisationCreated => EntityType::Organisation,
            AuditAction::UnitCreated | AuditAction::UnitUpdated => EntityType::Unit,
            AuditAction::UserCreated
            | AuditAction::UserUpdated
            | AuditAction::UserDisabled
            | AuditAction::UserEnabled
            | AuditAction::UserPasswordReset => EntityType::User,
            AuditAction::SessionLogin | AuditAction::SessionLogout | AuditAction::SessionReuseDetected => {
                EntityType::Session
            }
            AuditAction::RegulationCreated | AuditAction::RegulationUpdated => EntityType::Regulation,
            AuditAction::PolicyVersionCreated | AuditAction::PolicyVersionUpdated | AuditAction::PolicyVersionUsed => {
                EntityType::PolicyVersion
            }
            AuditAction::PressCompanyCreated
            | AuditAction::PressCompanyUpdated
            | AuditAction::PressCompanyStatusDecided => EntityType::PressCompany,
            AuditAction::OutletCreated | AuditAction::OutletUpdated => EntityType::Outlet,
            AuditAction::PersonCreated | AuditAction::PersonUpdated => EntityType::NewsroomPerson,
            AuditAction::PressCouncilRecorded => EntityType::PressCouncilRecord,
            AuditAction::BankAccountCreated | AuditAction::BankAccountVerified => EntityType::BankAccount,
            AuditAction::RegistrationWindowCreated | AuditAction::RegistrationWindowUpdated => {
                EntityType::RegistrationWindow
            }
            AuditAction::ApplicationCreated
            | AuditAction::ApplicationSubmitted
            | AuditAction::ApplicationReviewStarted
            | AuditAction::ApplicationRevisionRequested
            | AuditAction::ApplicationVerified
            | AuditAction::ApplicationApproved
            | AuditAction::ApplicationRejected
            | AuditAction::ApplicationWithdrawn
            | AuditAction::ApplicationLapsed
            | AuditAction::ApplicationScored => EntityType::Application,
            AuditAction::DocumentAdded | AuditAction::DocumentReplaced | AuditAction::DocumentReviewed => {
                EntityType::ApplicationDocument
            }
            AuditAction::SiteVisitRecorded | AuditAction::SiteVisitUpdated => EntityType::SiteVisit,
            AuditAction::SiteVisitPhotoAdded => EntityType::SiteVisitPhoto,
            AuditAction::BudgetLineCreated | AuditAction::BudgetLineUpdated | AuditAction::BudgetLineRevised => {
                EntityType::BudgetLine
            }
            AuditAction::AgreementCreated
            | AuditAction::AgreementUpdated
            | AuditAction::AgreementActivated
            | AuditAction::AgreementAmended
            | AuditAction::AgreementCompleted
            | AuditAction::AgreementTerminated
            | AuditAction::AgreementExpired => EntityType::Agreement,
            AuditAction::OrderIssued
            | AuditAction::OrderAccepted
            | AuditAction::OrderDeclined
            | AuditAction::OrderCancelled
            | AuditAction::OrderPublished
            | AuditAction::OrderProofVerified
            | AuditAction::OrderProofRejected
            | AuditAction::OrderInvoiced
            | AuditAction::OrderPaid => EntityType::Order,
            AuditAction::ProofSubmitted | AuditAction::ProofReviewed => EntityType::Proof,
            AuditAction::ProofFileAdded => EntityType::ProofFile,
            AuditAction::InvoiceRecorded | AuditAction::InvoiceAccepted | AuditAction::InvoicePaid => {
                EntityType::Invoice
            }
            AuditAction::PaymentRecorded => EntityType::Payment,
            AuditAction::ContentItemCreated | AuditAction::ContentItemUpdated => EntityType::ContentItem,
            AuditAction::ContentAttachmentAdded => EntityType::ContentAttachment,
            AuditAction::OpenDataSettingsUpdated => EntityType::OpenDataSettings,
            AuditAction::LetterheadCreated | AuditAction::LetterheadUpdated => EntityType::Letterhead,
            AuditAction::HistoryImported => EntityType::HistoryBatch,
        }
    }
}

/// The `prev_hash` of an organisation's first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Everything about an event that the chain protects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventContent {
    pub organisation_id: Uuid,
    pub sequence: i64,
    pub occurred_at_micros: i64,
    pub actor_id: Option<Uuid>,
    pub entity_type: String,
    pub entity_id: String,
    pub action: String,
    /// Canonical JSON text (keys sorted) of the entity before and after the change.
    pub before: Option<String>,
    pub after: Option<String>,
    pub request_id: Option<String>,
}

impl EventContent {
    /// The hash of this event chained onto `prev_hash`. Every field is length-prefixed so that
    /// moving bytes from one field to the next changes the hash.
    pub fn chain_hash(&self, prev_hash: &str) -> String {
        let mut hasher = Sha256::new();
        let mut field = |bytes: Option<&[u8]>| match bytes {
            None => hasher.update([0u8]),
            Some(bytes) => {
                hasher.update([1u8]);
                hasher.update((bytes.len() as u64).to_be_bytes());
                hasher.update(bytes);
            }
        };
        field(Some(prev_hash.as_bytes()));
        field(Some(self.organisation_id.as_bytes()));
        field(Some(&self.sequence.to_be_bytes()));
        field(Some(&self.occurred_at_micros.to_be_bytes()));
        field(self.actor_id.as_ref().map(|id| id.as_bytes().as_slice()));
        field(Some(self.entity_type.as_bytes()));
        field(Some(self.entity_id.as_bytes()));
        field(Some(self.action.as_bytes()));
        field(self.before.as_deref().map(str::as_bytes));
        field(self.after.as_deref().map(str::as_bytes));
        field(self.request_id.as_deref().map(str::as_bytes));
        hex::encode(hasher.finalize())
    }
}

/// An event as stored, with the hashes that link it to its predecessor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedEvent {
    pub id: Uuid,
    pub content: EventContent,
    pub prev_hash: String,
    pub hash: String,
}

vocabulary! {
    /// Why the chain is broken at an event.
    #[cfg_attr(feature = "openapi", schema(as = ChainBreakReason))]
    pub enum ChainFault ("chain break reason") {
        /// The event's content no longer matches its hash: it was edited.
        ContentAltered = "content_altered",
        /// The event does not point at the event before it: one was removed or inserted.
        LinkBroken = "link_broken",
        /// A sequence number is missing: an event was deleted.
        EventMissing = "event_missing",
        /// Events after the last one stored were deleted (the organisation's head says more exist).
        TailMissing = "tail_missing",
        /// The chain no longer has, at a signed checkpoint's sequence, the hash the checkpoint
        /// pinned: it was rewritten, and its hashes recomputed, since the checkpoint was signed.
        RewrittenSinceCheckpoint = "rewritten_since_checkpoint",
    }
}

/// Where the chain first breaks: the sequence number expected there and the stored event found
/// at that point, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub sequence: i64,
    pub event_id: Option<Uuid>,
    pub fault: ChainFault,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub events_checked: u64,
    pub head_sequence: i64,
    pub broken_at: Option<ChainBreak>,
}

impl ChainReport {
    pub fn is_valid(&self) -> bool {
        self.broken_at.is_none()
    }
}

/// Checks one organisation's events fed in ascending sequence order, a page at a time, so that
/// a long trail never has to sit in memory at once.
#[derive(Debug)]
pub struct ChainVerifier {
    next_sequence: i64,
    prev_hash: String,
    checked: u64,
    broken_at: Option<ChainBreak>,
    /// A signed checkpoint's sequence and hash, which the chain must still pass through.
    pinned: Option<(i64, String)>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self::new()
    }
}

impl ChainVerifier {
    pub fn new() -> Self {
        Self { next_sequence: 1, prev_hash: GENESIS_HASH.to_owned(), checked: 0, broken_at: None, pinned: None }
    }

    /// Also requires the event at `sequence` to have `hash`, as a signed checkpoint recorded it.
    pub fn pinned_at(mut self, sequence: i64, hash: &str) -> Self {
        self.pinned = Some((sequence, hash.to_owned()));
        self
    }

    /// Feeds the next event; returns `false` once the chain is broken (later events prove nothing).
    pub fn push(&mut self, event: &ChainedEvent) -> bool {
        if self.broken_at.is_some() {
            return false;
        }
        self.checked += 1;
        let fault = if event.content.sequence != self.next_sequence {
            Some(ChainFault::EventMissing)
        } else if event.prev_hash != self.prev_hash {
            Some(ChainFault::LinkBroken)
        } else if event.content.chain_hash(&event.prev_hash) != event.hash {
            Some(ChainFault::ContentAltered)
        } else if self.pinned.as_ref().is_some_and(|(at, hash)| *at == event.content.sequence && *hash != event.hash) {
            Some(ChainFault::RewrittenSinceCheckpoint)
        } else {
            None
        };
        if let Some(fault) = fault {
            self.broken_at = Some(ChainBreak { sequence: self.next_sequence, event_id: Some(event.id), fault });
            return false;
        }
        self.next_sequence += 1;
        self.prev_hash = event.hash.clone();
        true
    }

    /// Ends the walk against the organisation's recorded head (sequence and hash of its last event).
    pub fn finish(mut self, head_sequence: i64, head_hash: &str) -> ChainReport {
        if self.broken_at.is_none() {
            let last_sequence = self.next_sequence - 1;
            if last_sequence < head_sequence {
                self.broken_at =
                    Some(ChainBreak { sequence: self.next_sequence, event_id: None, fault: ChainFault::TailMissing });
            } else if last_sequence > head_sequence || self.prev_hash != head_hash {
                self.broken_at =
                    Some(ChainBreak { sequence: last_sequence, event_id: None, fault: ChainFault::LinkBroken });
            }
            if let Some((at, _)) = self.pinned.as_ref().filter(|(at, _)| *at > last_sequence) {
                // The chain (head included) was cut back below the checkpoint.
                self.broken_at.get_or_insert(ChainBreak {
                    sequence: *at,
                    event_id: None,
                    fault: ChainFault::RewrittenSinceCheckpoint,
                });
            }
        }
        ChainReport { events_checked: self.checked, head_sequence, broken_at: self.broken_at }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<ChainedEvent> {
        let org = Uuid::nil();
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|sequence| {
                let content = EventContent {
                    organisation_id: org,
                    sequence,
                    occurred_at_micros: 1_700_000_000_000_000 + sequence,
                    actor_id: None,
                    entity_type: "user".into(),
                    entity_id: format!("u{sequence}"),
                    action: "user.created".into(),
                    before: None,
                    after: Some(format!("{{\"n\":{sequence}}}")),
                    request_id: Some("req".into()),
                };
                let hash = content.chain_hash(&prev);
                let event =
                    ChainedEvent { id: Uuid::from_u128(sequence as u128), content, prev_hash: prev.clone(), hash };
                prev = event.hash.clone();
                event
            })
            .collect()
    }

    fn verify(events: &[ChainedEvent], head: &ChainedEvent) -> ChainReport {
        let mut verifier = ChainVerifier::new();
        for event in events {
            if !verifier.push(event) {
                break;
            }
        }
        verifier.finish(head.content.sequence, &head.hash)
    }

    /// What a database superuser can do: change event `at` and recompute every hash after it.
    fn rewritten(events: &[ChainedEvent], at: usize) -> Vec<ChainedEvent> {
        let mut prev = GENESIS_HASH.to_owned();
        events
            .iter()
            .enumerate()
            .map(|(index, event)| {
                let mut event = event.clone();
                if index == at {
                    event.content.after = Some("{\"n\":-1}".into());
                }
                event.prev_hash = prev.clone();
                event.hash = event.content.chain_hash(&prev);
                prev = event.hash.clone();
                event
            })
            .collect()
    }

    fn verify_pinned(events: &[ChainedEvent], pin: (i64, &str)) -> ChainReport {
        let mut verifier = ChainVerifier::new().pinned_at(pin.0, pin.1);
        for event in events {
            if !verifier.push(event) {
                break;
            }
        }
        let head = events.last().map_or((0, GENESIS_HASH.to_owned()), |e| (e.content.sequence, e.hash.clone()));
        verifier.finish(head.0, &head.1)
    }

    #[test]
    fn a_consistent_rewrite_passes_the_chain_but_not_a_checkpoint_signed_before_it() {
        let events = chain(6);
        let checkpoint = (4, events[3].hash.as_str());
        assert!(verify_pinned(&events, checkpoint).is_valid());
        let forged = rewritten(&events, 2);
        assert!(verify(&forged, &forged[5]).is_valid(), "rewritten consistently, the chain alone cannot tell");
        let report = verify_pinned(&forged, checkpoint);
        assert_eq!(report.broken_at.map(|b| (b.sequence, b.fault)), Some((4, ChainFault::RewrittenSinceCheckpoint)));
        // A rewrite after the checkpoint is not the checkpoint's to see; the chain still holds.
        assert!(verify_pinned(&rewritten(&events, 4), checkpoint).is_valid());
        // Cut back below the checkpoint, head and all.
        let report = verify_pinned(&events[..3], checkpoint);
        assert_eq!(report.broken_at.map(|b| (b.sequence, b.fault)), Some((4, ChainFault::RewrittenSinceCheckpoint)));
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let events = chain(5);
        let report = verify(&events, &events[4]);
        assert!(report.is_valid(), "{report:?}");
        assert_eq!(report.events_checked, 5);
    }

    #[test]
    fn an_empty_chain_verifies_against_an_empty_head() {
        let report = ChainVerifier::new().finish(0, GENESIS_HASH);
        assert!(report.is_valid());
    }

    #[test]
    fn an_edited_event_is_found() {
        let mut events = chain(5);
        events[2].content.after = Some("{\"n\":999}".into());
        let report = verify(&events, &events[4].clone());
        let broken = report.broken_at.clone();
        assert_eq!(
            broken.map(|b| (b.sequence, b.event_id, b.fault)),
            Some((3, Some(events[2].id), ChainFault::ContentAltered))
        );
    }

    #[test]
    fn a_deleted_event_is_found_where_the_gap_is() {
        let mut events = chain(5);
        let head = events[4].clone();
        events.remove(1);
        let report = verify(&events, &head);
        assert_eq!(
            report.broken_at.map(|b| (b.sequence, b.event_id, b.fault)),
            Some((2, Some(events[1].id), ChainFault::EventMissing))
        );
    }

    #[test]
    fn a_deleted_last_event_is_found_against_the_head() {
        let mut events = chain(5);
        let head = events[4].clone();
        events.pop();
        let report = verify(&events, &head);
        assert_eq!(report.broken_at.map(|b| (b.sequence, b.fault)), Some((5, ChainFault::TailMissing)));
    }

    #[test]
    fn a_renumbered_chain_is_found_by_its_links() {
        let mut events = chain(5);
        let head = events[4].clone();
        events.remove(1);
        for event in events.iter_mut().skip(1) {
            event.content.sequence -= 1;
        }
        let report = verify(&events, &head);
        assert_eq!(report.broken_at.map(|b| (b.sequence, b.fault)), Some((2, ChainFault::LinkBroken)));
    }

    #[test]
    fn every_action_is_named_after_its_entity_type() {
        for action in AuditAction::ALL {
            let prefix = action.as_str().split_once('.').map(|(entity, _)| entity);
            assert_eq!(prefix, Some(action.entity_type().as_str()), "{action}");
        }
    }

    #[test]
    fn moving_bytes_between_fields_changes_the_hash() {
        let events = chain(1);
        let mut moved = events[0].content.clone();
        moved.entity_type = "use".into();
        moved.entity_id = format!("r{}", moved.entity_id);
        assert_ne!(moved.chain_hash(GENESIS_HASH), events[0].hash);
    }
}
