//! The signed-in user and their organisation.

use actix_web::get;
use actix_web::web::{Data, Json};
use chrono::{DateTime, Utc};
use mitra_domain::access::{Action, Role};
use mitra_persistence::organisations::{self, OrganisationRecord};
use mitra_persistence::units;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::units::UnitView;
use crate::auth::Caller;
use crate::problem::ApiError;
use crate::state::AppState;

/// A regional government using Mitra.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Organisation)]
pub struct OrganisationView {
    pub id: Uuid,
    #[schema(example = "Pemerintah Kabupaten Ogan Komering Ilir")]
    pub name: String,
    #[schema(example = "oki")]
    pub slug: String,
    pub created_at: DateTime<Utc>,
}

impl From<OrganisationRecord> for OrganisationView {
    fn from(record: OrganisationRecord) -> Self {
        OrganisationView { id: record.id, name: record.name, slug: record.slug, created_at: record.created_at }
    }
}

/// The signed-in user, their organisation and unit, and what their role allows.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: Uuid,
    pub username: String,
    pub full_name: String,
    #[schema(required = true)]
    pub email: Option<String>,
    pub role: Role,
    pub organisation: OrganisationView,
    #[schema(required = true)]
    pub unit: Option<UnitView>,
    /// What the role allows; the web app shapes its menus by them.
    pub permissions: Vec<Action>,
}

/// The signed-in user
#[utoipa::path(
    tag = "session",
    responses((status = 200, description = "The caller", body = Me)),
    security(("bearer" = []))
)]
#[get("/me")]
pub async fn me(state: Data<AppState>, caller: Caller) -> Result<Json<Me>, ApiError> {
    // The caller was read when the request was authorised; only their surroundings are read here.
    let user = caller.user();
    let organisation = organisations::get(&state.store, caller.scope()).await?;
    let unit = match user.unit_id {
        Some(unit_id) => Some(units::get(&state.store, caller.scope(), unit_id).await?.into()),
        None => None,
    };
    Ok(Json(Me {
        id: user.id,
        username: user.username.clone(),
        full_name: user.full_name.clone(),
        email: user.email.clone(),
        role: user.role,
        organisation: organisation.into(),
        unit,
        permissions: user.role.permissions(),
    }))
}

/// The caller's organisation
#[utoipa::path(
    tag = "organisation",
    responses((status = 200, description = "The caller's organisation", body = OrganisationView)),
    security(("bearer" = ["organisation.read"]))
)]
#[get("/organisation")]
pub async fn get_organisation(state: Data<AppState>, caller: Caller) -> Result<Json<OrganisationView>, ApiError> {
    Ok(Json(organisations::get(&state.store, caller.scope()).await?.into()))
}
