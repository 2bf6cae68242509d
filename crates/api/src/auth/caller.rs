//! The authenticated caller of a request, as [`crate::access::authorize`] left it.

use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use mitra_persistence::callers::Principal;
use mitra_persistence::users::UserRecord;
use mitra_persistence::{AuditContext, OrgScope};
use uuid::Uuid;

use crate::problem::ApiError;

/// A user whose token verified, who is still active, and whose role holds the operation's
/// permission. Handlers take it to scope their queries and to audit their changes.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Shared with the caller cache: every request of a signed-in user reuses one copy.
    principal: Arc<Principal>,
    request_id: Option<String>,
}

impl Caller {
    pub(crate) fn new(principal: Arc<Principal>, request_id: Option<String>) -> Self {
        Caller { principal, request_id }
    }

    pub fn scope(&self) -> OrgScope {
        self.principal.scope()
    }

    pub fn user(&self) -> &UserRecord {
        self.principal.user()
    }

    pub fn user_id(&self) -> Uuid {
        self.principal.user().id
    }

    /// The audit context of a change made by this caller.
    pub fn audit(&self) -> AuditContext {
        AuditContext { scope: self.scope(), actor_id: Some(self.user_id()), request_id: self.request_id.clone() }
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Absent only when a handler that needs a caller is declared public: a defect.
        let caller = req.extensions().get::<Caller>().cloned().ok_or_else(|| {
            ApiError::internal(anyhow::anyhow!(
                "{} {} takes a caller but its operation is declared public",
                req.method(),
                req.path()
            ))
        });
        std::future::ready(caller)
    }
}
