//! Who may call each operation, as the operation itself declares it next to its route, in the
//! `security` of its `#[utoipa::path]`:
//!
//! - `security(())`: public (logging in, health);
//! - `security(("bearer" = []))`: self-service, any signed-in user (their own profile);
//! - `security(("bearer" = ["units.manage"]))`: a signed-in user whose role holds that permission.
//!
//! OpenAPI 3.1 gives a bearer scheme's list exactly this meaning (roles required), so clients read
//! the same declaration the server enforces. The server builds its table from the published
//! document at start and refuses to start if an operation declares nothing or names an unknown
//! permission; [`authorize`] then checks every request before any handler runs, so a handler
//! cannot forget to.

use std::collections::HashMap;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, ResponseError, web};
use mitra_domain::access::Action;
use utoipa::openapi::OpenApi;

use crate::auth::Caller;
use crate::problem::ApiError;
use crate::request_id::RequestId;
use crate::state::AppState;

/// What an operation requires of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    SelfService,
    Requires(Action),
}

/// One operation of the spec: its method, its path template split into segments, its access,
/// and whether it requires an `Idempotency-Key` (a money-moving write, which keeps its key
/// itself: see `idempotency.rs`).
#[derive(Debug, Clone)]
struct Operation {
    method: Method,
    segments: Vec<String>,
    access: Access,
    requires_key: bool,
}

/// Every operation of the published document, to find what a request's operation requires and
/// which methods a path allows.
#[derive(Debug, Clone)]
pub struct Operations {
    operations: Vec<Operation>,
    /// The operations of each method and number of path segments, by their place in
    /// `operations`: a request is matched against the few that can fit it, on every request.
    by_shape: HashMap<(Method, usize), Vec<usize>>,
}

impl Operations {
    pub fn from_openapi(spec: &OpenApi) -> Result<Operations, String> {
        let mut operations = Vec::new();
        for (path, item) in &spec.paths.paths {
            let methods = [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::PATCH, &item.patch),
                (Method::DELETE, &item.delete),
            ];
            for (method, operation) in methods {
                let Some(operation) = operation else { continue };
                let requirements = serde_json::to_value(&operation.security).unwrap_or_default();
                let access = access_of(&requirements).map_err(|why| format!("{method} {path}: {why}"))?;
                let parameters = serde_json::to_value(&operation.parameters).unwrap_or_default();
                operations.push(Operation {
                    method,
                    segments: path.split('/').map(str::to_owned).collect(),
                    access,
                    requires_key: requires_key(&parameters),
                });
            }
        }
        let mut by_shape: HashMap<(Method, usize), Vec<usize>> = HashMap::new();
        for (index, operation) in operations.iter().enumerate() {
            by_shape.entry((operation.method.clone(), operation.segments.len())).or_default().push(index);
        }
        Ok(Operations { operations, by_shape })
    }

    /// How well `op`'s template matches `path`: `None` when it does not, otherwise the number of
    /// `{parameter}` segments it needed (fewer is more specific: `/audit-events/verification`
    /// wins over `/audit-events/{id}`).
    fn fit(op: &Operation, path: &str) -> Option<usize> {
        let mut parameters = 0;
        let mut actual = path.split('/');
        for template in &op.segments {
            let segment = actual.next()?;
            if template.starts_with('{') && !segment.is_empty() {
                parameters += 1;
            } else if template != segment {
                return None;
            }
        }
        actual.next().is_none().then_some(parameters)
    }

    /// The most specific template matching `path`, if any.
    fn template(&self, path: &str) -> Option<&[String]> {
        self.operations
            .iter()
            .filter_map(|op| Self::fit(op, path).map(|parameters| (parameters, op)))
            .min_by_key(|(parameters, _)| *parameters)
            .map(|(_, op)| op.segments.as_slice())
    }

    /// The operation at `method` and `path`, if there is one: what it requires. Runs on every
    /// request. Chosen as the router chooses: among the operations of this method, the most
    /// specific template (`PATCH /policy-versions/current` is `PATCH /policy-versions/{id}`,
    /// since only `GET` has the literal).
    fn operation(&self, method: &Method, path: &str) -> Option<&Operation> {
        let shape = (method.clone(), path.split('/').count());
        self.by_shape
            .get(&shape)?
            .iter()
            .filter_map(|index| self.operations.get(*index))
            .filter_map(|op| Self::fit(op, path).map(|parameters| (parameters, op)))
            .min_by_key(|(parameters, _)| *parameters)
            .map(|(_, op)| op)
    }

    /// The methods `path` allows, if it is a path of the API at all.
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let template = self.template(path)?;
        let methods = self
            .operations
            .iter()
            .filter(|op| op.segments == template)
            .filter_map(|op| match op.method {
                Method::GET => Some("GET"),
                Method::POST => Some("POST"),
                Method::PUT => Some("PUT"),
                Method::PATCH => Some("PATCH"),
                Method::DELETE => Some("DELETE"),
                _ => None,
            })
            .collect();
        Some(methods)
    }
}

/// Reads one operation's `security` requirements.
fn access_of(requirements: &serde_json::Value) -> Result<Access, String> {
    let Some(requirements) = requirements.as_array() else {
        return Err("declares no security: say whether it is public, self-service or needs a permission".into());
    };
    let schemes: Vec<&serde_json::Map<String, serde_json::Value>> =
        requirements.iter().filter_map(serde_json::Value::as_object).filter(|o| !o.is_empty()).collect();
    let [scheme] = schemes.as_slice() else {
        return if schemes.is_empty() { Ok(Access::Public) } else { Err("declares more than one scheme".into()) };
    };
    let roles = scheme.get("bearer").and_then(serde_json::Value::as_array).ok_or("uses a scheme other than bearer")?;
    match roles.as_slice() {
        [] => Ok(Access::SelfService),
        [permission] => {
            let name = permission.as_str().unwrap_or_default();
            name.parse::<Action>().map(Access::Requires).map_err(|err| err.to_string())
        }
        _ => Err("requires more than one permission".into()),
    }
}

/// Left in a request whose operation requires an `Idempotency-Key`: a money-moving write, which
/// claims the key itself (`idempotency.rs`).
#[derive(Debug, Clone, Copy)]
pub struct KeyRequired;

/// Whether one operation's `parameters` declare the `Idempotency-Key` header required.
fn requires_key(parameters: &serde_json::Value) -> bool {
    parameters.as_array().is_some_and(|parameters| {
        parameters.iter().any(|parameter| {
            parameter["name"] == crate::idempotency::HEADER
                && parameter["in"] == "header"
                && parameter["required"] == true
        })
    })
}

/// Checks the caller of every request to an operation that is not public: a valid access token
/// of an active user (401 otherwise) whose role holds the operation's permission (403
/// otherwise). The caller is left in the request for handlers to take.
pub async fn authorize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let operation = req
        .app_data::<web::Data<Operations>>()
        .and_then(|operations| operations.operation(req.method(), req.path()))
        .map(|op| (op.access, op.requires_key));
    let (access, requires_key) = operation.unwrap_or((Access::Public, false));
    if requires_key {
        req.extensions_mut().insert(KeyRequired);
    }
    if access != Access::Public {
        match authenticate(&req, access).await {
            Ok(caller) => {
                req.extensions_mut().insert(caller);
            }
            Err(refusal) => {
                let response = refusal.error_response();
                return Ok(req.into_response(response).map_into_right_body());
            }
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

async fn authenticate(req: &ServiceRequest, access: Access) -> Result<Caller, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))?;
    let token = match req.headers().get(header::AUTHORIZATION) {
        None => return Err(ApiError::unauthenticated()),
        Some(value) => value
            .to_str()
            .ok()
            .and_then(|text| text.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(ApiError::invalid_token)?,
    };
    let claims = state.tokens.verify_access(token)?;
    let request_id = req.extensions().get::<RequestId>().map(|id| id.0.clone());
    #[allow(clippy::disallowed_methods, reason = "the request's caller is authenticated here and nowhere else")]
    let principal = mitra_persistence::callers::authenticate(&state.store, claims.sub, claims.org)
        .await?
        .ok_or_else(ApiError::invalid_token)?;
    if let Access::Requires(action) = access
        && !principal.user().role.may(action)
    {
        return Err(ApiError::forbidden());
    }
    Ok(Caller::new(principal, request_id))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn security_declarations_read_as_access() {
        assert_eq!(access_of(&json!([{}])), Ok(Access::Public));
        assert_eq!(access_of(&json!([{ "bearer": [] }])), Ok(Access::SelfService));
        assert_eq!(access_of(&json!([{ "bearer": ["units.manage"] }])), Ok(Access::Requires(Action::UnitsManage)));
        assert!(access_of(&json!([{ "bearer": ["units.destroy"] }])).is_err(), "unknown permission");
        assert!(access_of(&json!(null)).is_err(), "nothing declared");
    }

    #[test]
    fn the_published_operations_all_declare_their_access() {
        let operations = Operations::from_openapi(&crate::openapi());
        assert!(operations.is_ok(), "{:?}", operations.err());
    }

    #[test]
    fn literal_segments_win_over_parameters() {
        let operations = Operations::from_openapi(&crate::openapi()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            operations.operation(&Method::GET, "/api/v1/audit-events/verification").map(|op| op.access),
            Some(Access::Requires(Action::AuditRead))
        );
        assert_eq!(operations.allowed("/api/v1/users"), Some(vec!["GET", "POST"]));
        assert_eq!(
            operations.operation(&Method::PATCH, "/api/v1/policy-versions/current").map(|op| op.access),
            Some(Access::Requires(Action::PolicyManage)),
            "a method the literal lacks falls to the parameter, as in the router"
        );
        assert_eq!(operations.allowed("/apiary"), None);
    }

    #[test]
    fn exactly_the_money_moving_operations_require_a_key() {
        let operations = Operations::from_openapi(&crate::openapi()).unwrap_or_else(|e| panic!("{e}"));
        let mut keyed: Vec<String> = operations
            .operations
            .iter()
            .filter(|op| op.requires_key)
            .map(|op| format!("{} {}", op.method, op.segments.join("/")))
            .collect();
        keyed.sort();
        assert_eq!(
            keyed,
            ["POST /api/v1/invoices", "POST /api/v1/invoices/{id}/payments", "POST /api/v1/orders"],
            "issuing an order, recording an invoice, recording a payment"
        );
        let requires_key = |path| operations.operation(&Method::POST, path).is_some_and(|op| op.requires_key);
        assert!(requires_key("/api/v1/invoices/0194f0c2-0000-7000-8000-000000000000/payments"));
        assert!(!requires_key("/api/v1/budget-lines"), "a key is optional there");
    }
}
