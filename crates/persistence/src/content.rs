//! The content bank: press releases and materials with their attached files, which orders name
//! as what to publish.

use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::audit::AuditAction;
use mitra_domain::content::{ContentKind, NewContent};
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::applications::documents::FileRef;
use crate::columns::{contains, vocabulary};
use crate::entities::{content_attachment, content_item};
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::{Store, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentRecord {
    pub id: Uuid,
    pub content: NewContent,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<content_item::Model> for ContentRecord {
    type Error = DbErr;

    fn try_from(row: content_item::Model) -> Result<Self, DbErr> {
        Ok(ContentRecord {
            id: row.id,
            content: NewContent {
                kind: vocabulary(&row.kind)?,
                title: row.title,
                body: row.body,
                released_on: row.released_on,
            },
            created_by: row.created_by,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

pub async fn create(tx: &mut Tx, content: NewContent) -> Result<ContentRecord, StoreError> {
    let now = Utc::now();
    let row = tx
        .insert(content_item::ActiveModel {
            id: Set(Uuid::now_v7()),
            kind: Set(content.kind.as_str().to_owned()),
            title: Set(content.title),
            body: Set(content.body),
            released_on: Set(content.released_on),
            created_by: Set(tx.actor_id()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::ContentItemCreated, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// Rewrites an item if it is still at `expected_version`; orders keep pointing at it.
pub async fn update(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    content: NewContent,
) -> Result<ContentRecord, StoreError> {
    let before = scope::find::<content_item::Entity>(tx.conn(), tx.scope()?, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let changed = content_item::ActiveModel {
        id: Set(id),
        kind: Set(content.kind.as_str().to_owned()),
        title: Set(content.title),
        body: Set(content.body),
        released_on: Set(content.released_on),
        ..Default::default()
    };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::ContentItemUpdated, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<ContentRecord, StoreError> {
    Ok(scope::find::<content_item::Entity>(store.db(), scope, id).await?.try_into()?)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentFilter {
    pub kind: Option<ContentKind>,
    /// Part of the title, in any case.
    pub q: Option<String>,
    pub released_from: Option<NaiveDate>,
}

/// Items in the order they were written; the cursor is the last one's id (UUIDv7).
pub async fn list(
    store: &Store,
    scope: OrgScope,
    filter: &ContentFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<ContentRecord, Uuid>, StoreError> {
    let mut query = scope::select::<content_item::Entity>(scope);
    if let Some(kind) = filter.kind {
        query = query.filter(content_item::Column::Kind.eq(kind.as_str()));
    }
    if let Some(q) = &filter.q {
        query = query.filter(contains(content_item::Column::Title, q));
    }
    if let Some(from) = filter.released_from {
        query = query.filter(content_item::Column::ReleasedOn.gte(from));
    }
    if let Some(after) = page.after {
        query = query.filter(content_item::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(content_item::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(ContentRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |record: &ContentRecord| record.id))
}

/// A file attached to a content item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRecord {
    pub id: Uuid,
    pub content_item_id: Uuid,
    pub file: FileRef,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<content_attachment::Model> for AttachmentRecord {
    type Error = DbErr;

    fn try_from(row: content_attachment::Model) -> Result<Self, DbErr> {
        Ok(AttachmentRecord {
            id: row.id,
            content_item_id: row.content_item_id,
            file: FileRef::from_columns(row.file_sha256, row.file_name, &row.file_type, row.file_size)?,
            uploaded_by: row.uploaded_by,
            created_at: row.created_at,
        })
    }
}

/// Attaches a file already kept in the file store.
pub async fn attach(tx: &mut Tx, content_item_id: Uuid, file: FileRef) -> Result<AttachmentRecord, StoreError> {
    scope::find::<content_item::Entity>(tx.conn(), tx.scope()?, content_item_id).await?;
    let row = tx
        .insert(content_attachment::ActiveModel {
            id: Set(Uuid::now_v7()),
            content_item_id: Set(content_item_id),
            file_sha256: Set(file.sha256),
            file_name: Set(file.name),
            file_type: Set(file.file_type.as_str().to_owned()),
            file_size: Set(file.size),
            uploaded_by: Set(tx.actor_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::ContentAttachmentAdded, None, Some(&row))?;
    Ok(row.try_into()?)
}

pub async fn attachments(
    store: &Store,
    scope: OrgScope,
    content_item_id: Uuid,
) -> Result<Vec<AttachmentRecord>, StoreError> {
    scope::find::<content_item::Entity>(store.db(), scope, content_item_id).await?;
    let rows = scope::select::<content_attachment::Entity>(scope)
        .filter(content_attachment::Column::ContentItemId.eq(content_item_id))
        .order_by_asc(content_attachment::Column::Id)
        .all(store.db())
        .await?;
    Ok(rows.into_iter().map(AttachmentRecord::try_from).collect::<Result<Vec<_>, _>>()?)
}

pub async fn attachment(store: &Store, scope: OrgScope, id: Uuid) -> Result<AttachmentRecord, StoreError> {
    Ok(scope::find::<content_attachment::Entity>(store.db(), scope, id).await?.try_into()?)
}
