use sea_orm::{DbErr, SqlErr};

/// A uniqueness rule of the business that a write would break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    UsernameTaken,
    UnitCodeTaken,
    SlugTaken,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record in the caller's organisation (records of other organisations are
    /// indistinguishable from records that do not exist).
    #[error("not found")]
    NotFound,
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    /// The record changed since the caller read it (optimistic concurrency).
    #[error("version mismatch")]
    VersionMismatch,
    /// A referenced unit does not exist in the caller's organisation.
    #[error("unknown unit")]
    UnknownUnit,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl StoreError {
    /// Turns the one unique constraint a write can break into the business conflict it means;
    /// other database errors stay what they are.
    pub(crate) fn unique(err: DbErr, conflict: Conflict) -> StoreError {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict(conflict),
            _ => StoreError::Db(err),
        }
    }
}
