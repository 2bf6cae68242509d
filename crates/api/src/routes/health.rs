//! Health checks for orchestrators and load balancers.

use actix_web::get;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Json};
use serde::Serialize;
use utoipa::ToSchema;

use crate::problem::{ApiError, ProblemCode};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}

/// Is the process up
#[utoipa::path(tag = "health", responses((status = 200, description = "The process is up", body = Health)), security(()))]
#[get("/healthz")]
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok".into() })
}

/// Can the server take traffic
///
/// Ready when the database answers and every migration is applied.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "Database unreachable or not migrated (`service_unavailable`)", body = crate::problem::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/readyz")]
pub async fn readyz(state: Data<AppState>) -> Result<Json<Health>, ApiError> {
    let unavailable = |detail: &str| {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, ProblemCode::ServiceUnavailable, detail.to_owned())
    };
    if state.store.ping().await.is_err() {
        return Err(unavailable("the database does not answer"));
    }
    match state.store.pending_migrations().await {
        Ok(0) => Ok(Json(Health { status: "ready".into() })),
        Ok(_) => Err(unavailable("database migrations are pending")),
        Err(_) => Err(unavailable("the database migration state cannot be read")),
    }
}
