//! RFC 9457 problem details: the one shape of every error the API returns.
//!
//! Handlers return `ApiError`; extractor failures are routed here by the configs in
//! `extract.rs`; and `ensure_problem_json` turns whatever else escapes (actix's own 404s and 405s,
//! panics turned 500) into the same shape, so a client never parses two kinds of error. Every
//! server error is logged there, with its cause and request id, whoever built the response.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpMessage, HttpResponse, ResponseError};
use mitra_domain::applications::Blocker;
use mitra_domain::{Violation, ViolationCode, Violations};
use mitra_persistence::{Conflict, Reference, Refusal, StoreError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::request_id::RequestId;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// The stable code of a problem: what clients, and the web app's translations, switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    ValidationFailed,
    MalformedJson,
    PayloadTooLarge,
    UnsupportedMediaType,
    InvalidPathParameter,
    InvalidQueryParameter,
    BadRequest,
    NotFound,
    MethodNotAllowed,
    Unauthenticated,
    InvalidToken,
    TokenExpired,
    Forbidden,
    /// A session request carrying the session cookie came from another site.
    CrossSiteRequest,
    InvalidCredentials,
    TooManyAttempts,
    /// A client asked the public pages more often than they answer anyone; see `Retry-After`.
    TooManyRequests,
    InvalidRefreshToken,
    RefreshTokenReused,
    UsernameTaken,
    UnitCodeTaken,
    SlugTaken,
    OrganisationNameTaken,
    UnknownUnit,
    CannotDisableSelf,
    CannotChangeOwnRole,
    RegulationExists,
    PolicyRevisionTaken,
    UnknownRegulation,
    UnknownPolicyVersion,
    PolicyVersionInUse,
    NpwpTaken,
    CompanyNameTaken,
    OutletNameTaken,
    PersonAlreadyRecorded,
    BankAccountExists,
    UnknownCompany,
    HolderIsNotTheCompany,
    UnknownOutlet,
    /// The outlet already has an application for the fiscal year.
    ApplicationExists,
    /// No registration window of the fiscal year is open today.
    NoOpenWindow,
    /// The fiscal year has no policy to judge applications by.
    NoPolicyForYear,
    /// The company is suspended or barred.
    CompanyNotActive,
    /// The application's state does not allow the step.
    StepNotAllowed,
    /// The application's fiscal year is over: it can only lapse.
    FiscalYearOver,
    /// The fiscal year is not over yet, so nothing lapses.
    FiscalYearNotOver,
    /// The application takes no documents in its state.
    DocumentsClosed,
    /// The application is not in review.
    NotUnderReview,
    /// A newer document replaced this one.
    DocumentReplaced,
    /// The application's site visit is already recorded.
    SiteVisitRecorded,
    /// Something stands in the way of verifying or approving; `blockers` lists it.
    ApplicationNotReady,
    /// A form that must carry a file carries none.
    FileMissing,
    /// A form carries more than the one file it may.
    TooManyFiles,
    FileEmpty,
    FileTooLarge,
    /// The file's content, whatever its name or declared type, is not of a type the operation takes.
    FileTypeNotAllowed,
    /// The file stops short of the end its type requires: the upload was cut off.
    FileTruncated,
    /// The unit already has a budget line with this account code in the fiscal year.
    BudgetLineExists,
    UnknownBudgetLine,
    UnknownApplication,
    UnknownAgreementLine,
    UnknownContentItem,
    /// A revised ceiling would fall below what agreements reserve or orders and payments use.
    CeilingBelowCommitments,
    /// Agreements are made only with the company of an approved application.
    ApplicationNotApproved,
    /// The policy has no numbering pattern for the document.
    NoNumberingPattern,
    /// Only a draft agreement's terms are edited; amend an active one.
    AgreementNotDraft,
    /// The agreement is not active.
    AgreementNotActive,
    /// The agreement's end date has not passed.
    AgreementNotEnded,
    /// The budget line has not enough unallocated for the agreement's ceiling.
    BudgetLineFullyAllocated,
    /// The order would take the agreement above its ceiling.
    AgreementCeilingExceeded,
    /// The order would take the line above its quota.
    LineQuotaExceeded,
    /// The order would take the budget line above its ceiling.
    BudgetExceeded,
    /// Today is outside the agreement's period.
    OutsideAgreementPeriod,
    /// The company's Press Council standing is below the minimum or expired today.
    PressCouncilNotValid,
    /// The operation moves money and needs an `Idempotency-Key`.
    IdempotencyKeyRequired,
    /// The `Idempotency-Key` is empty, too long or not printable ASCII.
    InvalidIdempotencyKey,
    /// The first request with this key is still running.
    IdempotencyKeyInUse,
    /// The key was first used with another request.
    IdempotencyKeyReused,
    /// The company already sent an invoice with this number.
    InvoiceNumberTaken,
    /// The order is already on an invoice.
    OrderAlreadyInvoiced,
    /// The invoice is already paid: nothing is paid twice.
    InvoiceAlreadyPaid,
    /// The proof's address or content already backs another order (named in `detail`).
    ProofReused,
    /// The history file, or a record in it, was imported at the same moment by another import.
    HistoryImportedMeanwhile,
    /// The order takes no proof in its state.
    ProofsClosed,
    ProofAlreadyReviewed,
    /// Paid content must carry the label before its proof is verified.
    PaidContentNotLabelled,
    /// A clipping's scan or a broadcast's recording is attached before its proof is verified.
    ProofEvidenceMissing,
    /// A proof of the order still waits for review.
    ProofsPending,
    /// No proof decides the order that way.
    NoDecidingProof,
    /// The acceptance record (BAST) comes before payment.
    InvoiceNotAccepted,
    /// The account is not verified.
    AccountNotVerified,
    /// The account is not the invoicing company's.
    AccountNotCompanys,
    /// Open data has no settings (no registered OCDS prefix) yet.
    OpenDataNotConfigured,
    /// An import file has rows that cannot be stored (listed by row and column in `errors`);
    /// nothing of it was stored.
    ImportRejected,
    PreconditionRequired,
    PreconditionFailed,
    RequestTimeout,
    UriTooLong,
    HeadersTooLarge,
    ServiceUnavailable,
    InternalError,
}

impl ProblemCode {
    /// The code as it appears on the wire, e.g. `not_found`.
    pub fn as_str(self) -> String {
        serde_json::to_value(self).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default()
    }
}

/// An error as the client sees it. `code` is stable and is what clients (and the web app's
/// translations) switch on; `title` and `detail` are English prose for people reading raw JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ProblemCode,
    /// Per-field reasons, present for validation failures.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<FieldError>,
    /// What stands in the way, present for `application_not_ready`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub blockers: Vec<Blocker>,
    /// The record the request collides with, present for `proof_reused`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub conflicting: Option<Conflicting>,
}

/// A record a refused request collides with, named so a person recognises it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Conflicting {
    pub entity_type: mitra_domain::audit::EntityType,
    pub id: uuid::Uuid,
    /// Its official number.
    pub number: String,
}

/// Why one field of the request was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// A path into the request: `password`, `limit`, `lines[2].unit_price`.
    pub field: String,
    pub code: ViolationCode,
    pub message: String,
    /// The row of an import file (the header is row 1), present for import refusals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// The column of an import file (`file` for the whole file), present for import refusals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl From<Violation> for FieldError {
    fn from(violation: Violation) -> Self {
        FieldError { field: violation.field, code: violation.code, message: violation.message, row: None, column: None }
    }
}

/// An error a handler or extractor answers with.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: ProblemCode,
    detail: String,
    errors: Vec<FieldError>,
    blockers: Vec<Blocker>,
    // Boxed: an error travels in every handler's `Result`, and is kept small for it.
    conflicting: Option<Box<Conflicting>>,
    retry_after_secs: Option<u64>,
    /// The cause of a 500, logged with the request id and never sent.
    source: Option<anyhow::Error>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ProblemCode, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            detail: detail.into(),
            errors: Vec::new(),
            blockers: Vec::new(),
            conflicting: None,
            retry_after_secs: None,
            source: None,
        }
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }

    pub fn code(&self) -> ProblemCode {
        self.code
    }

    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ProblemCode::ValidationFailed, "the request has invalid fields")
            .with_errors(errors)
    }

    /// A query string that names a field wrongly: 400 with the field's reason.
    pub fn invalid_query(violations: Violations) -> Self {
        let errors: Vec<FieldError> = violations.into_vec().into_iter().map(FieldError::from).collect();
        let detail = errors.first().map_or_else(|| "invalid query string".to_owned(), |e| e.message.clone());
        Self::new(StatusCode::BAD_REQUEST, ProblemCode::InvalidQueryParameter, detail).with_errors(errors)
    }

    /// A path whose parameter reads but is out of its range: 400 with the parameter's reason.
    pub fn invalid_path(violations: Violations) -> Self {
        let errors: Vec<FieldError> = violations.into_vec().into_iter().map(FieldError::from).collect();
        let detail = errors.first().map_or_else(|| "invalid path parameter".to_owned(), |e| e.message.clone());
        Self::new(StatusCode::BAD_REQUEST, ProblemCode::InvalidPathParameter, detail).with_errors(errors)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ProblemCode::NotFound, "no such resource")
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, ProblemCode::Forbidden, "your role does not allow this")
    }

    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        let mut err = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ProblemCode::TooManyRequests,
            format!("too many requests from this address; try again in {retry_after_secs} seconds"),
        );
        err.retry_after_secs = Some(retry_after_secs);
        err
    }

    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ProblemCode::Unauthenticated, "a bearer access token is required")
    }

    pub fn invalid_token() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ProblemCode::InvalidToken, "the access token is not valid")
    }

    pub fn too_many_attempts(retry_after_secs: u64) -> Self {
        let mut err = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ProblemCode::TooManyAttempts,
            format!("too many failed attempts; try again in {retry_after_secs} seconds"),
        );
        err.retry_after_secs = Some(retry_after_secs);
        err
    }

    /// A failure the client cannot fix: logged in full, answered with a bare 500.
    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        let mut err = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ProblemCode::InternalError,
            "the server failed; it has been logged",
        );
        err.source = Some(source.into());
        err
    }

    fn to_problem(&self) -> Problem {
        Problem {
            blockers: self.blockers.clone(),
            conflicting: self.conflicting.as_deref().cloned(),
            ..problem(self.status, self.code, Some(self.detail.clone()), self.errors.clone())
        }
    }
}

fn problem(status: StatusCode, code: ProblemCode, detail: Option<String>, errors: Vec<FieldError>) -> Problem {
    Problem {
        problem_type: format!("/problems/{}", code.as_str()),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail,
        code,
        errors,
        blockers: Vec::new(),
        conflicting: None,
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.source {
            Some(source) => write!(f, "{}: {source:#}", self.code.as_str()),
            None => write!(f, "{}: {}", self.code.as_str(), self.detail),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let mut response = HttpResponse::build(self.status);
        response.content_type(PROBLEM_JSON);
        if let Some(secs) = self.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        response.json(self.to_problem())
    }
}

impl From<Violations> for ApiError {
    fn from(violations: Violations) -> Self {
        ApiError::validation(violations.into_vec().into_iter().map(FieldError::from).collect())
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::VersionMismatch => ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                ProblemCode::PreconditionFailed,
                "the resource changed since you read it; read it again and retry",
            ),
            StoreError::UnknownReference(reference) => {
                let (code, detail) = match reference {
                    Reference::Unit => (ProblemCode::UnknownUnit, "the unit does not exist in your organisation"),
                    Reference::Regulation => {
                        (ProblemCode::UnknownRegulation, "the regulation does not exist in your organisation")
                    }
                    Reference::PolicyVersion => {
                        (ProblemCode::UnknownPolicyVersion, "the policy version does not exist in your organisation")
                    }
                    Reference::Company => {
                        (ProblemCode::UnknownCompany, "the press company does not exist in your organisation")
                    }
                    Reference::Outlet => (ProblemCode::UnknownOutlet, "the outlet does not exist in your organisation"),
                    Reference::BudgetLine => {
                        (ProblemCode::UnknownBudgetLine, "the budget line does not exist in your organisation")
                    }
                    Reference::Application => {
                        (ProblemCode::UnknownApplication, "the application does not exist in your organisation")
                    }
                    Reference::ContentItem => {
                        (ProblemCode::UnknownContentItem, "the content item does not exist in your organisation")
                    }
                    Reference::AgreementLine => {
                        (ProblemCode::UnknownAgreementLine, "the agreement line does not exist in your organisation")
                    }
                };
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, detail).with_errors(vec![FieldError {
                    field: reference.field().to_owned(),
                    code: ViolationCode::UnknownReference,
                    message: detail.to_owned(),
                    row: None,
                    column: None,
                }])
            }
            StoreError::Conflict(conflict) => {
                let (code, detail) = match conflict {
                    Conflict::UsernameTaken => (ProblemCode::UsernameTaken, "that username is already in use"),
                    Conflict::UnitCodeTaken => {
                        (ProblemCode::UnitCodeTaken, "your organisation already has a unit with that code")
                    }
                    Conflict::SlugTaken => (ProblemCode::SlugTaken, "that organisation slug is already in use"),
                    Conflict::OrganisationNameTaken => {
                        (ProblemCode::OrganisationNameTaken, "an organisation with that name already uses Mitra")
                    }
                    Conflict::RegulationExists => {
                        (ProblemCode::RegulationExists, "your organisation already records this regulation")
                    }
                    Conflict::PolicyRevisionTaken => (
                        ProblemCode::PolicyRevisionTaken,
                        "another revision of this year's policy was created at the same time; try again",
                    ),
                    Conflict::NpwpTaken => (ProblemCode::NpwpTaken, "another company already has this NPWP"),
                    Conflict::CompanyNameTaken => {
                        (ProblemCode::CompanyNameTaken, "another company already has this legal name")
                    }
                    Conflict::OutletNameTaken => {
                        (ProblemCode::OutletNameTaken, "another outlet of this media type already has this name")
                    }
                    Conflict::PersonAlreadyRecorded => (
                        ProblemCode::PersonAlreadyRecorded,
                        "this NIK is already recorded for a company in this fiscal year",
                    ),
                    Conflict::BankAccountExists => (ProblemCode::BankAccountExists, "this account is already recorded"),
                    Conflict::ApplicationExists => {
                        (ProblemCode::ApplicationExists, "the outlet already has an application for this fiscal year")
                    }
                    Conflict::SiteVisitRecorded => {
                        (ProblemCode::SiteVisitRecorded, "the site visit is already recorded; replace it instead")
                    }
                    Conflict::InvoiceNumberTaken => {
                        (ProblemCode::InvoiceNumberTaken, "the company already sent an invoice with this number")
                    }
                    Conflict::OrderAlreadyInvoiced => {
                        (ProblemCode::OrderAlreadyInvoiced, "the order is already on an invoice")
                    }
                    Conflict::InvoiceAlreadyPaid => {
                        (ProblemCode::InvoiceAlreadyPaid, "the invoice is already paid; nothing is paid twice")
                    }
                    Conflict::ProofReused => {
                        (ProblemCode::ProofReused, "the proof's address or content already backs another order")
                    }
                    Conflict::HistoryImportedMeanwhile => (
                        ProblemCode::HistoryImportedMeanwhile,
                        "another import stored this file, or records in it, at the same moment; preview the file again",
                    ),
                    Conflict::IdempotencyKeyTakenMeanwhile => (
                        ProblemCode::IdempotencyKeyInUse,
                        "another request with this Idempotency-Key ran at the same moment; retry to get its answer",
                    ),
                    Conflict::BudgetLineExists => (
                        ProblemCode::BudgetLineExists,
                        "the unit already has a budget line with this account code in the fiscal year",
                    ),
                };
                ApiError::new(StatusCode::CONFLICT, code, detail)
            }
            StoreError::Refused(refusal) => {
                let (code, detail) = match refusal {
                    Refusal::CannotDisableSelf => {
                        (ProblemCode::CannotDisableSelf, "nobody may disable their own account; ask another admin")
                    }
                    Refusal::CannotChangeOwnRole => {
                        (ProblemCode::CannotChangeOwnRole, "nobody may change their own role; ask another admin")
                    }
                    Refusal::PolicyVersionInUse => (
                        ProblemCode::PolicyVersionInUse,
                        "a decision has used this policy version; copy it to a new revision to change it",
                    ),
                    Refusal::HolderIsNotTheCompany => (
                        ProblemCode::HolderIsNotTheCompany,
                        "the account is not in the company's legal name, so it cannot be paid into",
                    ),
                    Refusal::NoOpenWindow => {
                        (ProblemCode::NoOpenWindow, "no registration window of this fiscal year is open today")
                    }
                    Refusal::NoPolicyForYear => {
                        (ProblemCode::NoPolicyForYear, "the fiscal year has no policy; an admin creates it first")
                    }
                    Refusal::CompanyNotActive => {
                        (ProblemCode::CompanyNotActive, "the company is suspended or barred and cannot apply")
                    }
                    Refusal::StepNotAllowed => {
                        (ProblemCode::StepNotAllowed, "the application's state does not allow this step")
                    }
                    Refusal::FiscalYearOver => {
                        (ProblemCode::FiscalYearOver, "the application's fiscal year is over; it can only lapse")
                    }
                    Refusal::FiscalYearNotOver => {
                        (ProblemCode::FiscalYearNotOver, "the fiscal year is not over, so nothing lapses yet")
                    }
                    Refusal::DocumentsClosed => (
                        ProblemCode::DocumentsClosed,
                        "documents are added only to a draft or to an application sent back for revision",
                    ),
                    Refusal::NotUnderReview => (
                        ProblemCode::NotUnderReview,
                        "documents are reviewed, visits recorded and scores given only while the application is in review",
                    ),
                    Refusal::DocumentReplaced => {
                        (ProblemCode::DocumentReplaced, "a newer document replaced this one; review that one")
                    }
                    Refusal::CeilingBelowCommitments => (
                        ProblemCode::CeilingBelowCommitments,
                        "the ceiling cannot fall below what agreements reserve or orders and payments use",
                    ),
                    Refusal::ApplicationNotApproved => (
                        ProblemCode::ApplicationNotApproved,
                        "agreements are made only with the company of an approved application",
                    ),
                    Refusal::NoNumberingPattern => (
                        ProblemCode::NoNumberingPattern,
                        "the policy has no numbering pattern for this document; add one to the policy",
                    ),
                    Refusal::AgreementNotDraft => (
                        ProblemCode::AgreementNotDraft,
                        "only a draft's terms are edited; amend an active agreement instead",
                    ),
                    Refusal::AgreementNotActive => (ProblemCode::AgreementNotActive, "the agreement is not active"),
                    Refusal::AgreementNotEnded => {
                        (ProblemCode::AgreementNotEnded, "the agreement expires only after its end date")
                    }
                    Refusal::BudgetLineFullyAllocated => (
                        ProblemCode::BudgetLineFullyAllocated,
                        "the budget line has not that much left unallocated for the agreement's ceiling",
                    ),
                    Refusal::AgreementCeilingExceeded => (
                        ProblemCode::AgreementCeilingExceeded,
                        "the order would take the agreement's orders and payments above its ceiling",
                    ),
                    Refusal::LineQuotaExceeded => {
                        (ProblemCode::LineQuotaExceeded, "the order would take the line above its quota")
                    }
                    Refusal::BudgetExceeded => (
                        ProblemCode::BudgetExceeded,
                        "the order would take the budget line's orders and payments above its ceiling",
                    ),
                    Refusal::OutsideAgreementPeriod => {
                        (ProblemCode::OutsideAgreementPeriod, "orders are issued only inside the agreement's period")
                    }
                    Refusal::PressCouncilNotValid => (
                        ProblemCode::PressCouncilNotValid,
                        "the company's Press Council standing is below the policy's minimum or has expired",
                    ),
                    Refusal::ProofsClosed => (
                        ProblemCode::ProofsClosed,
                        "proofs are handed in for an accepted or published order, or one whose proof was rejected",
                    ),
                    Refusal::ProofAlreadyReviewed => {
                        (ProblemCode::ProofAlreadyReviewed, "the proof was already reviewed")
                    }
                    Refusal::PaidContentNotLabelled => (
                        ProblemCode::PaidContentNotLabelled,
                        "paid content must be labelled as such before its proof is verified",
                    ),
                    Refusal::ProofEvidenceMissing => (
                        ProblemCode::ProofEvidenceMissing,
                        "attach the clipping's scan or the broadcast's recording before verifying the proof",
                    ),
                    Refusal::ProofsPending => {
                        (ProblemCode::ProofsPending, "a proof of the order still waits for review")
                    }
                    Refusal::NoDecidingProof => (
                        ProblemCode::NoDecidingProof,
                        "verifying needs a verified proof; rejecting needs a rejected one and none verified",
                    ),
                    Refusal::InvoiceNotAccepted => {
                        (ProblemCode::InvoiceNotAccepted, "the acceptance record (BAST) comes before payment")
                    }
                    Refusal::AccountNotVerified => {
                        (ProblemCode::AccountNotVerified, "payments go only to a verified account")
                    }
                    Refusal::AccountNotCompanys => {
                        (ProblemCode::AccountNotCompanys, "payments go only to an account of the invoicing company")
                    }
                    Refusal::OpenDataNotConfigured => (
                        ProblemCode::OpenDataNotConfigured,
                        "open data is published once an administrator sets the organisation's OCDS prefix",
                    ),
                };
                ApiError::new(StatusCode::CONFLICT, code, detail)
            }
            StoreError::Invalid(violations) => violations.into(),
            StoreError::ImportRejected(errors) => {
                let detail = format!("{} refusals in the file; nothing was stored", errors.len());
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, ProblemCode::ImportRejected, detail)
                    .with_errors(crate::routes::history::row_errors(errors))
            }
            StoreError::ProofReused { order_id, number } => {
                let mut err = ApiError::new(
                    StatusCode::CONFLICT,
                    ProblemCode::ProofReused,
                    format!("this proof's address or content already backs order {number}; see `conflicting`"),
                );
                err.conflicting = Some(Box::new(Conflicting {
                    entity_type: mitra_domain::audit::EntityType::Order,
                    id: order_id,
                    number,
                }));
                err
            }
            StoreError::NotReady(blockers) => {
                let mut err = ApiError::new(
                    StatusCode::CONFLICT,
                    ProblemCode::ApplicationNotReady,
                    format!("{} thing(s) stand in the way; see `blockers`", blockers.len()),
                );
                err.blockers = blockers;
                err
            }
            err @ (StoreError::Invariant(_)
            | StoreError::Unaudited
            | StoreError::Unscoped
            | StoreError::NoPersonalDataKey
            | StoreError::Db(_)) => ApiError::internal(err),
        }
    }
}

/// The code used for a bare status when nothing more specific is known.
fn code_for_status(status: StatusCode) -> ProblemCode {
    match status {
        StatusCode::NOT_FOUND => ProblemCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ProblemCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ProblemCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ProblemCode::UnsupportedMediaType,
        StatusCode::UNAUTHORIZED => ProblemCode::Unauthenticated,
        StatusCode::FORBIDDEN => ProblemCode::Forbidden,
        StatusCode::REQUEST_TIMEOUT => ProblemCode::RequestTimeout,
        StatusCode::URI_TOO_LONG => ProblemCode::UriTooLong,
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => ProblemCode::HeadersTooLarge,
        StatusCode::SERVICE_UNAVAILABLE => ProblemCode::ServiceUnavailable,
        status if status.is_server_error() => ProblemCode::InternalError,
        _ => ProblemCode::BadRequest,
    }
}

/// Catch-all for error responses: logs every server error with its cause and request id, then
/// passes problems through and replaces any other body (actix's own answers, a panic turned into
/// a 500) with a problem for the same status. A 500 body never carries the cause.
pub fn ensure_problem_json<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let status = res.status();
    if status.is_server_error() {
        let cause = res.response().error().map_or_else(|| "no cause recorded".to_owned(), |err| err.to_string());
        let request_id = res.request().extensions().get::<RequestId>().map(|id| id.0.clone()).unwrap_or_default();
        log::error!(
            "{} {} failed with {status}: {cause} request_id={request_id}",
            res.request().method(),
            res.request().path()
        );
    }
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let allow = res.headers().get(header::ALLOW).cloned();
    let (req, _) = res.into_parts();
    let mut response = HttpResponse::build(status);
    response.content_type(PROBLEM_JSON);
    if let Some(allow) = allow {
        response.insert_header((header::ALLOW, allow));
    }
    let detail = if status.is_server_error() { None } else { status.canonical_reason().map(str::to_lowercase) };
    let response = response.json(problem(status, code_for_status(status), detail, Vec::new()));
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(req, response).map_into_right_body()))
}

/// `Allow` header value listing methods, for 405 answers.
pub fn allow_header(methods: &[&str]) -> HeaderValue {
    HeaderValue::from_str(&methods.join(", ")).unwrap_or_else(|_| HeaderValue::from_static("GET"))
}
