//! Organisations: the regional governments, each a tenant of its own.

use chrono::{DateTime, Utc};
use mitra_domain::audit::GENESIS_HASH;
use mitra_domain::organisation::{OrganisationName, Slug};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::entities::organisation;
use crate::{AuditContext, Conflict, OrgScope, Store, StoreError};

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

/// Creates an organisation with an empty audit chain whose first event is its own creation.
pub async fn create(
    store: &Store,
    name: OrganisationName,
    slug: Slug,
    request_id: Option<String>,
) -> Result<OrganisationRecord, StoreError> {
    let txn = store.write().await?;
    let now = Utc::now();
    let row = organisation::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(slug.into_inner()),
        name: Set(name.into_inner()),
        audit_head_sequence: Set(0),
        audit_head_hash: Set(GENESIS_HASH.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    };
    let inserted = organisation::Entity::insert(row)
        .exec_with_returning(&txn)
        .await
        .map_err(|err| StoreError::unique(err, Conflict::SlugTaken))?;
    let record = OrganisationRecord::from(inserted);
    let ctx = AuditContext { scope: OrgScope::new(record.id), actor_id: None, request_id };
    let change = Change {
        entity_type: "organisation",
        entity_id: record.id.to_string(),
        action: "organisation.created",
        before: None,
        after: Some(json!({ "id": record.id, "slug": record.slug, "name": record.name })),
    };
    audit::record(&txn, &ctx, change).await?;
    txn.commit().await?;
    Ok(record)
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope) -> Result<OrganisationRecord, StoreError> {
    organisation::Entity::find_by_id(scope.organisation_id())
        .one(conn)
        .await?
        .map(OrganisationRecord::from)
        .ok_or(StoreError::NotFound)
}

/// Looks an organisation up by its slug: for the command line, which has no token to scope by.
pub async fn find_by_slug<C: ConnectionTrait>(conn: &C, slug: &str) -> Result<OrganisationRecord, StoreError> {
    organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(conn)
        .await?
        .map(OrganisationRecord::from)
        .ok_or(StoreError::NotFound)
}

/// Every organisation, oldest first: for `mitra audit verify`, which checks each chain.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<OrganisationRecord>, StoreError> {
    let rows = organisation::Entity::find().order_by_asc(organisation::Column::Id).all(conn).await?;
    Ok(rows.into_iter().map(OrganisationRecord::from).collect())
}

/// Whether any organisation exists yet (a brand-new database gets the demo data).
pub async fn any_exists<C: ConnectionTrait>(conn: &C) -> Result<bool, StoreError> {
    Ok(organisation::Entity::find().one(conn).await?.is_some())
}
