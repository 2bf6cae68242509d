//! The site visit (*verifikasi faktual*): the team, what it checked, what it concluded, and the
//! photos it took. One visit per application, recorded while the application is in review.

use chrono::{DateTime, Utc};
use mitra_domain::applications::{ApplicationState, ChecklistItem, SiteVisit, VisitConclusion};
use mitra_domain::audit::AuditAction;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::documents::FileRef;
use super::{find_application, lock_application};
use crate::columns::{json, vocabulary};
use crate::entities::{site_visit, site_visit_photo};
use crate::scope::{self, OrgScope};
use crate::{Refusal, Store, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    pub id: Uuid,
    pub application_id: Uuid,
    pub visit: SiteVisit,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<site_visit::Model> for VisitRecord {
    type Error = DbErr;

    fn try_from(row: site_visit::Model) -> Result<Self, DbErr> {
        Ok(VisitRecord {
            id: row.id,
            application_id: row.application_id,
            visit: SiteVisit {
                visited_on: row.visited_on,
                team: json::<Vec<String>>(row.team)?,
                checklist: json::<Vec<ChecklistItem>>(row.checklist)?,
                conclusion: vocabulary(&row.conclusion)?,
                notes: row.notes,
            },
            recorded_by: row.recorded_by,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

fn visit_row(visit: SiteVisit) -> Result<site_visit::ActiveModel, DbErr> {
    let to_json = |value: serde_json::Result<serde_json::Value>| value.map_err(|err| DbErr::Json(err.to_string()));
    Ok(site_visit::ActiveModel {
        visited_on: Set(visit.visited_on),
        team: Set(to_json(serde_json::to_value(&visit.team))?),
        checklist: Set(to_json(serde_json::to_value(&visit.checklist))?),
        conclusion: Set(visit.conclusion.as_str().to_owned()),
        notes: Set(visit.notes),
        ..Default::default()
    })
}

/// Visits and photos are recorded only while the application is in review.
async fn ensure_in_review(tx: &Tx, application_id: Uuid) -> Result<(), StoreError> {
    let application = lock_application(tx, application_id).await?;
    if !vocabulary::<ApplicationState>(&application.state)?.under_review() {
        return Err(StoreError::Refused(Refusal::NotUnderReview));
    }
    Ok(())
}

/// Records the application's visit; a second one is refused (replace the first instead).
pub async fn record(tx: &mut Tx, application_id: Uuid, visit: SiteVisit) -> Result<VisitRecord, StoreError> {
    ensure_in_review(tx, application_id).await?;
    let now = Utc::now();
    let row = tx
        .insert(site_visit::ActiveModel {
            id: Set(Uuid::now_v7()),
            application_id: Set(application_id),
            recorded_by: Set(tx.actor_id()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..visit_row(visit)?
        })
        .await?;
    tx.record(AuditAction::SiteVisitRecorded, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// Replaces what the visit recorded, if it is still at `expected_version`.
pub async fn replace(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    visit: SiteVisit,
) -> Result<VisitRecord, StoreError> {
    let scope = tx.scope()?;
    let before = scope::find::<site_visit::Entity>(tx.conn(), scope, id).await?;
    ensure_in_review(tx, before.application_id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let changed = site_visit::ActiveModel { id: Set(id), recorded_by: Set(tx.actor_id()), ..visit_row(visit)? };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::SiteVisitUpdated, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<VisitRecord, StoreError> {
    let row = scope::find::<site_visit::Entity>(store.db(), scope, id).await?;
    Ok(row.try_into()?)
}

/// The application's visit; not found before one is recorded.
pub async fn of_application(store: &Store, scope: OrgScope, application_id: Uuid) -> Result<VisitRecord, StoreError> {
    find_application(store.db(), scope, application_id).await?;
    conclusion_row(store.db(), scope, application_id).await?.ok_or(StoreError::NotFound)?.try_into().map_err(Into::into)
}

async fn conclusion_row(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    application_id: Uuid,
) -> Result<Option<site_visit::Model>, StoreError> {
    Ok(scope::select::<site_visit::Entity>(scope)
        .filter(site_visit::Column::ApplicationId.eq(application_id))
        .one(conn)
        .await?)
}

/// What the visit concluded, if one is recorded.
pub(crate) async fn conclusion_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    application_id: Uuid,
) -> Result<Option<VisitConclusion>, StoreError> {
    match conclusion_row(conn, scope, application_id).await? {
        Some(row) => Ok(Some(vocabulary(&row.conclusion)?)),
        None => Ok(None),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoRecord {
    pub id: Uuid,
    pub application_id: Uuid,
    pub file: FileRef,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<site_visit_photo::Model> for PhotoRecord {
    type Error = DbErr;

    fn try_from(row: site_visit_photo::Model) -> Result<Self, DbErr> {
        Ok(PhotoRecord {
            id: row.id,
            application_id: row.application_id,
            file: FileRef::from_columns(row.file_sha256, row.file_name, &row.file_type, row.file_size)?,
            uploaded_by: row.uploaded_by,
            created_at: row.created_at,
        })
    }
}

pub async fn add_photo(tx: &mut Tx, application_id: Uuid, file: FileRef) -> Result<PhotoRecord, StoreError> {
    ensure_in_review(tx, application_id).await?;
    let row = tx
        .insert(site_visit_photo::ActiveModel {
            id: Set(Uuid::now_v7()),
            application_id: Set(application_id),
            file_sha256: Set(file.sha256),
            file_name: Set(file.name),
            file_type: Set(file.file_type.as_str().to_owned()),
            file_size: Set(file.size),
            uploaded_by: Set(tx.actor_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::SiteVisitPhotoAdded, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// The application's photos, in the order they were taken in.
pub async fn photos(store: &Store, scope: OrgScope, application_id: Uuid) -> Result<Vec<PhotoRecord>, StoreError> {
    find_application(store.db(), scope, application_id).await?;
    let rows = scope::select::<site_visit_photo::Entity>(scope)
        .filter(site_visit_photo::Column::ApplicationId.eq(application_id))
        .order_by_asc(site_visit_photo::Column::Id)
        .all(store.db())
        .await?;
    Ok(rows.into_iter().map(PhotoRecord::try_from).collect::<Result<Vec<_>, _>>()?)
}

pub async fn photo(store: &Store, scope: OrgScope, id: Uuid) -> Result<PhotoRecord, StoreError> {
    let row = scope::find::<site_visit_photo::Entity>(store.db(), scope, id).await?;
    Ok(row.try_into()?)
}
