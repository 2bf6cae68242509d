//! The authenticated caller of a request, and the only place an `OrgScope` is built from a token.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use mitra_domain::access::{Action, Role};
use mitra_persistence::{AuditContext, OrgScope, StoreError, users};
use uuid::Uuid;

use crate::problem::ApiError;
use crate::request_id::RequestId;
use crate::state::AppState;

/// A user whose token verified and who is still active. Role and status are read from the
/// database on every request, so disabling a user or changing a role takes effect at once,
/// not when the token expires.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: Uuid,
    pub username: String,
    pub role: Role,
    scope: OrgScope,
    request_id: Option<String>,
}

impl Caller {
    pub fn scope(&self) -> OrgScope {
        self.scope
    }

    /// Refuses with 403 unless the caller's role may take `action`.
    pub fn require(&self, action: Action) -> Result<(), ApiError> {
        if self.role.may(action) { Ok(()) } else { Err(ApiError::forbidden()) }
    }

    /// The audit context of a change made by this caller.
    pub fn audit(&self) -> AuditContext {
        AuditContext { scope: self.scope, actor_id: Some(self.user_id), request_id: self.request_id.clone() }
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let bearer = req.headers().get(header::AUTHORIZATION).map(|value| {
            value.to_str().ok().and_then(|text| text.strip_prefix("Bearer ")).map(str::trim).map(str::to_owned)
        });
        let request_id = req.extensions().get::<RequestId>().map(|id| id.0.clone());
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))?;
            let token = match bearer {
                None => return Err(ApiError::unauthenticated()),
                Some(None) => return Err(ApiError::invalid_token()),
                Some(Some(token)) => token,
            };
            let claims = state.tokens.verify_access(&token)?;
            let scope = OrgScope::new(claims.org);
            let user = match users::get(state.store.connection(), scope, claims.sub).await {
                Ok(user) => user,
                Err(StoreError::NotFound) => return Err(ApiError::invalid_token()),
                Err(err) => return Err(err.into()),
            };
            if !user.active {
                return Err(ApiError::invalid_token());
            }
            Ok(Caller { user_id: user.id, username: user.username, role: user.role, scope, request_id })
        })
    }
}
