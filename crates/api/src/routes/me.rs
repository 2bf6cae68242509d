//! The signed-in user and their organisation.

use actix_web::get;
use actix_web::web::{Data, Json};
use chrono::{DateTime, Utc};
use mitra_domain::access::Action;
use mitra_persistence::organisations::{self, OrganisationRecord};
use mitra_persistence::{units, users};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::roles::RoleName;
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
    pub role: RoleName,
    pub organisation: OrganisationView,
    #[schema(required = true)]
    pub unit: Option<UnitView>,
    /// Actions the role allows, e.g. `users.manage`; the web app shapes its menus by them.
    pub permissions: Vec<String>,
}

/// The signed-in user
#[utoipa::path(
    tag = "session",
    responses((status = 200, description = "The caller", body = Me)),
    security(("bearer" = []))
)]
#[get("/me")]
pub async fn me(state: Data<AppState>, caller: Caller) -> Result<Json<Me>, ApiError> {
    let conn = state.store.connection();
    let user = users::get(conn, caller.scope(), caller.user_id).await?;
    let organisation = organisations::get(conn, caller.scope()).await?;
    let unit = match user.unit_id {
        Some(unit_id) => Some(units::get(conn, caller.scope(), unit_id).await?.into()),
        None => None,
    };
    Ok(Json(Me {
        id: user.id,
        username: user.username,
        full_name: user.full_name,
        email: user.email,
        role: user.role.into(),
        organisation: organisation.into(),
        unit,
        permissions: user.role.permissions().into_iter().map(|action| action.as_str().to_owned()).collect(),
    }))
}

/// The caller's organisation
#[utoipa::path(
    tag = "organisation",
    responses((status = 200, description = "The caller's organisation", body = OrganisationView)),
    security(("bearer" = []))
)]
#[get("/organisation")]
pub async fn get_organisation(state: Data<AppState>, caller: Caller) -> Result<Json<OrganisationView>, ApiError> {
    caller.require(Action::OrganisationRead)?;
    Ok(Json(organisations::get(state.store.connection(), caller.scope()).await?.into()))
}
