//! Units (OPD) of an organisation, such as Diskominfo; they share their organisation's rate card.

use chrono::{DateTime, Utc};
use mitra_domain::organisation::{UnitCode, UnitName};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::entities::unit;
use crate::page::{Page, PageRequest};
use crate::{AuditContext, Conflict, OrgScope, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRecord {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl UnitRecord {
    fn snapshot(&self) -> Value {
        json!({ "id": self.id, "code": self.code, "name": self.name, "version": self.version })
    }
}

impl From<unit::Model> for UnitRecord {
    fn from(row: unit::Model) -> Self {
        UnitRecord {
            id: row.id,
            code: row.code,
            name: row.name,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        }
    }
}

pub async fn create(
    store: &Store,
    ctx: &AuditContext,
    code: UnitCode,
    name: UnitName,
) -> Result<UnitRecord, StoreError> {
    let txn = store.write().await?;
    let now = Utc::now();
    let row = unit::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(ctx.scope.organisation_id()),
        code: Set(code.into_inner()),
        name: Set(name.into_inner()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    };
    let inserted = unit::Entity::insert(row)
        .exec_with_returning(&txn)
        .await
        .map_err(|err| StoreError::unique(err, Conflict::UnitCodeTaken))?;
    let record = UnitRecord::from(inserted);
    let change = Change {
        entity_type: "unit",
        entity_id: record.id.to_string(),
        action: "unit.created",
        before: None,
        after: Some(record.snapshot()),
    };
    audit::record(&txn, ctx, change).await?;
    txn.commit().await?;
    Ok(record)
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> Result<UnitRecord, StoreError> {
    find_row(conn, scope, id).await.map(UnitRecord::from)
}

async fn find_row<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> Result<unit::Model, StoreError> {
    unit::Entity::find_by_id(id)
        .filter(unit::Column::OrganisationId.eq(scope.organisation_id()))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Whether `id` names a unit of the organisation (users may only be placed in their own units).
pub async fn exists<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> Result<bool, StoreError> {
    match find_row(conn, scope, id).await {
        Ok(_) => Ok(true),
        Err(StoreError::NotFound) => Ok(false),
        Err(err) => Err(err),
    }
}

/// Units in creation order; the cursor is the last unit's id (ids are time-ordered UUIDv7).
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    page: PageRequest<Uuid>,
) -> Result<Page<UnitRecord, Uuid>, StoreError> {
    let mut query = unit::Entity::find().filter(unit::Column::OrganisationId.eq(scope.organisation_id()));
    if let Some(after) = page.after {
        query = query.filter(unit::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(unit::Column::Id).limit(page.limit + 1).all(conn).await?;
    let records = rows.into_iter().map(UnitRecord::from).collect();
    Ok(Page::from_overfetch(records, page.limit, |unit: &UnitRecord| unit.id))
}

#[derive(Debug, Clone, Default)]
pub struct UnitChanges {
    pub code: Option<UnitCode>,
    pub name: Option<UnitName>,
}

/// Applies `changes` if the unit is still at `expected_version`.
pub async fn update(
    store: &Store,
    ctx: &AuditContext,
    id: Uuid,
    expected_version: i32,
    changes: UnitChanges,
) -> Result<UnitRecord, StoreError> {
    let txn = store.write().await?;
    let row = find_row(&txn, ctx.scope, id).await?;
    if row.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let before = UnitRecord::from(row.clone());
    let mut active: unit::ActiveModel = row.into();
    if let Some(code) = changes.code {
        active.code = Set(code.into_inner());
    }
    if let Some(name) = changes.name {
        active.name = Set(name.into_inner());
    }
    active.updated_at = Set(Utc::now());
    active.version = Set(expected_version + 1);
    // Conditional on the version read: a concurrent edit makes this match no row.
    let updated = unit::Entity::update_many()
        .set(active)
        .filter(unit::Column::Id.eq(id))
        .filter(unit::Column::Version.eq(expected_version))
        .exec_with_returning(&txn)
        .await
        .map_err(|err| StoreError::unique(err, Conflict::UnitCodeTaken))?;
    let after = UnitRecord::from(updated.into_iter().next().ok_or(StoreError::VersionMismatch)?);
    let change = Change {
        entity_type: "unit",
        entity_id: after.id.to_string(),
        action: "unit.updated",
        before: Some(before.snapshot()),
        after: Some(after.snapshot()),
    };
    audit::record(&txn, ctx, change).await?;
    txn.commit().await?;
    Ok(after)
}
