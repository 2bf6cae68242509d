//! Organisations: the regional governments, each a tenant of its own.

use chrono::{DateTime, Utc};
use mitra_domain::audit::{AuditAction, GENESIS_HASH};
use mitra_domain::organisation::{OrganisationName, Slug};
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entities::organisation;
use crate::scope::{self, OrgScope};
use crate::{Store, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationRecord {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl From<organisation::Model> for OrganisationRecord {
    fn from(row: organisation::Model) -> Self {
        OrganisationRecord { id: row.id, slug: row.slug, name: row.name, created_at: row.created_at }
    }
}

/// Creates an organisation with an empty audit chain whose first event is its own creation, and
/// makes the rest of the write act for it. Runs inside [`Store::adopt`].
pub async fn create(tx: &mut Tx, name: OrganisationName, slug: Slug) -> Result<OrganisationRecord, StoreError> {
    let now = Utc::now();
    let row = tx
        .insert_global(organisation::ActiveModel {
            id: Set(Uuid::now_v7()),
            slug: Set(slug.into_inner()),
            name: Set(name.into_inner()),
            audit_head_sequence: Set(0),
            audit_head_hash: Set(GENESIS_HASH.to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await?;
    tx.enter(OrgScope::of(row.id), None);
    tx.record(AuditAction::OrganisationCreated, None, Some(&row))?;
    Ok(row.into())
}

pub async fn get(store: &Store, scope: OrgScope) -> Result<OrganisationRecord, StoreError> {
    scope::select_global::<organisation::Entity>()
        .filter(organisation::Column::Id.eq(scope.organisation_id()))
        .one(store.db())
        .await?
        .map(OrganisationRecord::from)
        .ok_or(StoreError::NotFound)
}

/// Looks an organisation up by its slug: for the console, which has no token to scope by.
pub async fn find_by_slug(store: &Store, slug: &str) -> Result<OrganisationRecord, StoreError> {
    scope::select_global::<organisation::Entity>()
        .filter(organisation::Column::Slug.eq(slug))
        .one(store.db())
        .await?
        .map(OrganisationRecord::from)
        .ok_or(StoreError::NotFound)
}

/// Every organisation, oldest first: for `mitra audit verify`, which checks each chain.
pub async fn all(store: &Store) -> Result<Vec<OrganisationRecord>, StoreError> {
    let rows =
        scope::select_global::<organisation::Entity>().order_by_asc(organisation::Column::Id).all(store.db()).await?;
    Ok(rows.into_iter().map(OrganisationRecord::from).collect())
}

/// Whether any organisation exists yet (a brand-new database gets the demo data).
pub async fn any_exists(store: &Store) -> Result<bool, StoreError> {
    Ok(scope::select_global::<organisation::Entity>().one(store.db()).await?.is_some())
}
