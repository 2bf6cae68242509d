use mitra_domain::identity::SelfChange;
use sea_orm::DbErr;

/// A uniqueness rule of the business that a write would break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    UsernameTaken,
    UnitCodeTaken,
    SlugTaken,
    OrganisationNameTaken,
}

/// A reference to a record that does not exist in the caller's organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// `unit_id` names no unit of the organisation.
    Unit,
}

impl Reference {
    /// The request field that carried the reference.
    pub fn field(self) -> &'static str {
        match self {
            Reference::Unit => "unit_id",
        }
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
    /// A change nobody may make to their own account.
    #[error("refused change to one's own account: {0:?}")]
    SelfChange(#[from] SelfChange),
    #[error("database invariant broken: {0:?}")]
    Invariant(Invariant),
    /// A write changed data but recorded no audit event; it was rolled back.
    #[error("a change without an audit event was refused")]
    Unaudited,
    /// A command that needs an organisation ran in a write that has none.
    #[error("no organisation scope in this write")]
    Unscoped,
    #[error(transparent)]
    Db(#[from] DbErr),
}
