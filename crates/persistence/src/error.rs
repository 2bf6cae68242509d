use mitra_domain::Violations;
use mitra_domain::identity::SelfChange;
use sea_orm::DbErr;

/// A uniqueness rule of the business that a write would break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    UsernameTaken,
    UnitCodeTaken,
    SlugTaken,
    OrganisationNameTaken,
    /// The organisation already records this regulation (kind, number and year).
    RegulationExists,
    /// Another revision of the year's policy was created at the same moment.
    PolicyRevisionTaken,
    /// Another company of the organisation has this NPWP.
    NpwpTaken,
    /// Another company of the organisation has this legal name.
    CompanyNameTaken,
    /// Another outlet of this media type has this name.
    OutletNameTaken,
    /// This NIK is already recorded for a company in this fiscal year.
    PersonAlreadyRecorded,
    /// This bank account is already recorded.
    BankAccountExists,
    /// The outlet already has an application for this fiscal year.
    ApplicationExists,
    /// The application's site visit is already recorded (replace it instead).
    SiteVisitRecorded,
    /// The unit already has a budget line with this account code in the fiscal year.
    BudgetLineExists,
    /// The company already sent an invoice with this number.
    InvoiceNumberTaken,
    /// The order is already on an invoice.
    OrderAlreadyInvoiced,
    /// The invoice is already paid.
    InvoiceAlreadyPaid,
    /// The proof's address or content already backs another order (found at the same moment).
    ProofReused,
    /// The history file, or a record in it, was imported at the same moment by another import.
    HistoryImportedMeanwhile,
    /// Another request claimed this idempotency key while this one ran; nothing of this one was
    /// kept.
    IdempotencyKeyTakenMeanwhile,
}

/// A reference to a record that does not exist in the caller's organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// `unit_id` names no unit of the organisation.
    Unit,
    /// `regulation_id` names no regulation of the organisation.
    Regulation,
    /// `copy_of` names no policy version of the organisation.
    PolicyVersion,
    /// `company_id` names no press company of the organisation.
    Company,
    /// `outlet_id` names no outlet of the organisation.
    Outlet,
    /// `budget_line_id` names no budget line of the organisation.
    BudgetLine,
    /// `application_id` names no application of the organisation.
    Application,
    /// `agreement_line_id` names no agreement line of the organisation.
    AgreementLine,
    /// `content_item_id` names no content item of the organisation.
    ContentItem,
}

impl Reference {
    /// The request field that carried the reference.
    pub fn field(self) -> &'static str {
        match self {
            Reference::Unit => "unit_id",
            Reference::Regulation => "regulation_id",
            Reference::PolicyVersion => "copy_of",
            Reference::Company => "company_id",
            Reference::Outlet => "outlet_id",
            Reference::BudgetLine => "budget_line_id",
            Reference::Application => "application_id",
            Reference::AgreementLine => "agreement_line_id",
            Reference::ContentItem => "content_item_id",
        }
    }
}

/// A change the business rules forbid, whatever the data says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Nobody disables their own account.
    CannotDisableSelf,
    /// Nobody changes their own role.
    CannotChangeOwnRole,
    /// A policy version a decision has used is frozen: copy it to change it.
    PolicyVersionInUse,
    /// Payments go only to an account in the company's own legal name.
    HolderIsNotTheCompany,
    /// Applications are taken only while a registration window of their fiscal year is open.
    NoOpenWindow,
    /// The fiscal year has no policy version to judge applications by.
    NoPolicyForYear,
    /// A suspended or barred company cannot apply.
    CompanyNotActive,
    /// The application's state does not allow this step.
    StepNotAllowed,
    /// The application's fiscal year has ended: it can only lapse.
    FiscalYearOver,
    /// Only an application whose fiscal year has ended can lapse.
    FiscalYearNotOver,
    /// Documents are added only while an application is a draft or sent back for revision.
    DocumentsClosed,
    /// Documents are reviewed, visits recorded and scores given only while the application is
    /// in review.
    NotUnderReview,
    /// A document that a newer one replaced is no longer reviewed.
    DocumentReplaced,
    /// A revised ceiling would fall below what agreements reserve or orders and payments use.
    CeilingBelowCommitments,
    /// Agreements are made only with the company of an approved application.
    ApplicationNotApproved,
    /// The policy has no numbering pattern for the document.
    NoNumberingPattern,
    /// Only a draft agreement's terms are edited; an active one is amended.
    AgreementNotDraft,
    /// Only an active agreement is amended.
    AgreementNotActive,
    /// An agreement expires only after its end date.
    AgreementNotEnded,
    /// Activating the agreement would reserve more than the budget line has unallocated.
    BudgetLineFullyAllocated,
    /// The order would take the agreement's orders and payments above its ceiling.
    AgreementCeilingExceeded,
    /// The order would take the line's ordered units above its quota.
    LineQuotaExceeded,
    /// The order would take the budget line's orders and payments above its ceiling.
    BudgetExceeded,
    /// Orders are issued only inside the agreement's period.
    OutsideAgreementPeriod,
    /// The company's Press Council standing is below the policy's minimum or has expired.
    PressCouncilNotValid,
    /// Proofs are handed in only for an accepted order, or one whose proof was rejected or that
    /// is published and not yet decided.
    ProofsClosed,
    /// The proof was already reviewed.
    ProofAlreadyReviewed,
    /// Paid content must be labelled as such before its proof is verified.
    PaidContentNotLabelled,
    /// A clipping is verified with its scan, a broadcast with its recording.
    ProofEvidenceMissing,
    /// A proof still waits for review.
    ProofsPending,
    /// Verifying an order's proof needs a verified proof; rejecting it, a rejected one and none
    /// verified.
    NoDecidingProof,
    /// Payment needs the acceptance record (BAST) first.
    InvoiceNotAccepted,
    /// Payments go only to a verified account.
    AccountNotVerified,
    /// Payments go only to an account of the invoicing company.
    AccountNotCompanys,
    /// Open data is published only under the organisation's registered OCDS prefix, once set.
    OpenDataNotConfigured,
}

impl From<SelfChange> for StoreError {
    fn from(change: SelfChange) -> Self {
        StoreError::Refused(match change {
            SelfChange::Disable => Refusal::CannotDisableSelf,
            SelfChange::ChangeRole => Refusal::CannotChangeOwnRole,
        })
    }
}

/// A rule the database keeps that the commands should never let a write reach: breaking one is
/// a defect, reported as an internal error with its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invariant {
    /// Versions start at 1 and only grow.
    VersionPositive,
    /// An organisation's audit chain head never goes below the empty chain.
    AuditHeadNonNegative,
    /// A policy's revisions count from 1.
    RevisionPositive,
    /// A registration window closes on or after the day it opens.
    WindowClosesAfterOpening,
    /// Amounts of money and counts are never negative.
    AmountsNonNegative,
    /// A counter never passes its ceiling: a budget line's allocations and spending, an
    /// agreement's spending, a line's ordered units.
    CeilingHeld,
    /// An agreement line's price never exceeds the rate card entry it was priced by.
    RateHeld,
    /// A period ends on or after the day it starts.
    DatesOrdered,
    /// An amount is its parts: quantity x unit price, base + VAT, gross - withholding.
    AmountsAddUp,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record in the caller's organisation (records of other organisations are
    /// indistinguishable from records that do not exist).
    #[error("not found")]
    NotFound,
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    #[error("unknown reference: {0:?}")]
    UnknownReference(Reference),
    /// The record changed since the caller read it (optimistic concurrency).
    #[error("version mismatch")]
    VersionMismatch,
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// The values, once combined with what is stored, break a rule of the domain; each
    /// violation names its place in the request.
    #[error("invalid: {0}")]
    Invalid(Violations),
    #[error("database invariant broken: {0:?}")]
    Invariant(Invariant),
    /// A verification or approval found something in its way; nobody can set it aside.
    #[error("not ready: {0:?}")]
    NotReady(Vec<mitra_domain::applications::Blocker>),
    /// The proof's address or content already backs another order.
    #[error("proof backs order {number}")]
    ProofReused { order_id: uuid::Uuid, number: String },
    /// An import file has rows that cannot be stored; nothing of it was.
    #[error("import rejected: {} rows refused", .0.len())]
    ImportRejected(Vec<mitra_domain::history::RowError>),
    /// A write changed data but recorded no audit event; it was rolled back.
    #[error("a change without an audit event was refused")]
    Unaudited,
    /// A command that needs an organisation ran in a write that has none.
    #[error("no organisation scope in this write")]
    Unscoped,
    /// Personal data was to be sealed but no key is configured.
    #[error("no personal data key is configured")]
    NoPersonalDataKey,
    #[error(transparent)]
    Db(#[from] DbErr),
}
