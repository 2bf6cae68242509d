//! Units (OPD) of an organisation, such as Diskominfo; they share their organisation's rate card.
//!
//! The reference area: queries take the store and a scope, commands take the write's [`Tx`],
//! change rows through its helpers and record one audit event per change.

use chrono::{DateTime, Utc};
use mitra_domain::audit::AuditAction;
use mitra_domain::organisation::{NewUnit, UnitChanges};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::unit;
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::{Store, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRecord {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
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

pub async fn create(tx: &mut Tx, new: NewUnit) -> Result<UnitRecord, StoreError> {
    let now = Utc::now();
    let row = tx
        .insert(unit::ActiveModel {
            id: Set(Uuid::now_v7()),
            code: Set(new.code.into_inner()),
            name: Set(new.name.into_inner()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::UnitCreated, None, Some(&row))?;
    Ok(row.into())
}

/// Applies `changes` if the unit is still at `expected_version`.
pub async fn update(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    changes: UnitChanges,
) -> Result<UnitRecord, StoreError> {
    let before = find_row(tx.conn(), tx.scope()?, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let mut changed: unit::ActiveModel = before.clone().into();
    if let Some(code) = changes.code {
        changed.code = Set(code.into_inner());
    }
    if let Some(name) = changes.name {
        changed.name = Set(name.into_inner());
    }
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::UnitUpdated, Some(&before), Some(&after))?;
    Ok(after.into())
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<UnitRecord, StoreError> {
    find_row(store.db(), scope, id).await.map(UnitRecord::from)
}

/// Units in creation order; the cursor is the last unit's id (ids are time-ordered UUIDv7).
pub async fn list(
    store: &Store,
    scope: OrgScope,
    page: PageRequest<Uuid>,
) -> Result<Page<UnitRecord, Uuid>, StoreError> {
    let mut query = scope::select::<unit::Entity>(scope);
    if let Some(after) = page.after {
        query = query.filter(unit::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(unit::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    Ok(Page::from_overfetch(rows.into_iter().map(UnitRecord::from).collect(), page.limit, |unit| unit.id))
}

async fn find_row(conn: &impl ConnectionTrait, scope: OrgScope, id: Uuid) -> Result<unit::Model, StoreError> {
    scope::find::<unit::Entity>(conn, scope, id).await
}
