//! Writing and reading the audit trail.
//!
//! An event is written in the same transaction as the change it records, chained onto the
//! organisation's head, which is moved in that transaction too. On PostgreSQL the organisation
//! row is locked, so concurrent writers queue instead of forking the chain; the unique
//! `(organisation_id, sequence)` index is the last line of defence.

use chrono::{DateTime, TimeZone, Utc};
use mitra_domain::audit::{ChainReport, ChainVerifier, ChainedEvent, EventContent};
use sea_orm::sea_query::{Expr, LockType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::Value;
use uuid::Uuid;

use crate::entities::{audit_event, organisation};
use crate::page::{Page, PageRequest};
use crate::{AuditContext, OrgScope, StoreError};

/// A change to record: what, and the entity's state before and after (None when it did not
/// exist before, or does not after).
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub entity_type: &'a str,
    pub entity_id: String,
    pub action: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Appends one event to the organisation's chain inside the caller's transaction. Call it as the
/// last step of a command: it locks the organisation row until the transaction ends.
pub async fn record(txn: &DatabaseTransaction, ctx: &AuditContext, change: Change<'_>) -> Result<(), DbErr> {
    let organisation_id = ctx.scope.organisation_id();
    // FOR NO KEY UPDATE, not FOR UPDATE: the change being recorded may have inserted a row
    // referencing the organisation, which holds a KEY SHARE lock on it; FOR UPDATE would
    // deadlock two such writers, NO KEY UPDATE only makes them queue.
    let head = organisation::Entity::find_by_id(organisation_id)
        .lock(LockType::NoKeyUpdate)
        .one(txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("organisation {organisation_id}")))?;
    let sequence = head.audit_head_sequence + 1;
    let content = EventContent {
        organisation_id,
        sequence,
        occurred_at_micros: Utc::now().timestamp_micros(),
        actor_id: ctx.actor_id,
        entity_type: change.entity_type.to_owned(),
        entity_id: change.entity_id,
        action: change.action.to_owned(),
        // The hash covers this exact text, and it is stored as is, so verification never
        // depends on how JSON is re-serialised.
        before: change.before.map(|state| state.to_string()),
        after: change.after.map(|state| state.to_string()),
        request_id: ctx.request_id.clone(),
    };
    let hash = content.chain_hash(&head.audit_head_hash);
    audit_event::Entity::insert(audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(organisation_id),
        sequence: Set(sequence),
        occurred_at_micros: Set(content.occurred_at_micros),
        actor_id: Set(content.actor_id),
        entity_type: Set(content.entity_type),
        entity_id: Set(content.entity_id),
        action: Set(content.action),
        before_state: Set(content.before),
        after_state: Set(content.after),
        request_id: Set(content.request_id),
        prev_hash: Set(head.audit_head_hash.clone()),
        hash: Set(hash.clone()),
    })
    .exec_without_returning(txn)
    .await?;
    let moved = organisation::Entity::update_many()
        .col_expr(organisation::Column::AuditHeadSequence, Expr::value(sequence))
        .col_expr(organisation::Column::AuditHeadHash, Expr::value(hash))
        .filter(organisation::Column::Id.eq(organisation_id))
        .filter(organisation::Column::AuditHeadSequence.eq(head.audit_head_sequence))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(DbErr::Custom("audit chain head moved concurrently".into()));
    }
    Ok(())
}

/// An event as the audit log shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEventRecord {
    pub id: Uuid,
    pub sequence: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub entity_type: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl From<audit_event::Model> for AuditEventRecord {
    fn from(row: audit_event::Model) -> Self {
        let parse = |text: Option<String>| text.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t)));
        AuditEventRecord {
            id: row.id,
            sequence: row.sequence,
            occurred_at: Utc.timestamp_micros(row.occurred_at_micros).single().unwrap_or_default(),
            actor_id: row.actor_id,
            entity_type: row.entity_type,
            entity_id: row.entity_id,
            action: row.action,
            before: parse(row.before_state),
            after: parse(row.after_state),
            request_id: row.request_id,
            prev_hash: row.prev_hash,
            hash: row.hash,
        }
    }
}

/// Which events to list; every filter is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<Uuid>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Newest first; the cursor is the sequence number of the last event returned.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    filter: &AuditFilter,
    page: PageRequest<i64>,
) -> Result<Page<AuditEventRecord, i64>, StoreError> {
    let mut query = audit_event::Entity::find().filter(audit_event::Column::OrganisationId.eq(scope.organisation_id()));
    if let Some(entity_type) = &filter.entity_type {
        query = query.filter(audit_event::Column::EntityType.eq(entity_type.as_str()));
    }
    if let Some(entity_id) = &filter.entity_id {
        query = query.filter(audit_event::Column::EntityId.eq(entity_id.as_str()));
    }
    if let Some(actor_id) = filter.actor_id {
        query = query.filter(audit_event::Column::ActorId.eq(actor_id));
    }
    if let Some(action) = &filter.action {
        query = query.filter(audit_event::Column::Action.eq(action.as_str()));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_event::Column::OccurredAtMicros.gte(from.timestamp_micros()));
    }
    if let Some(to) = filter.to {
        query = query.filter(audit_event::Column::OccurredAtMicros.lt(to.timestamp_micros()));
    }
    if let Some(after) = page.after {
        query = query.filter(audit_event::Column::Sequence.lt(after));
    }
    let rows = query.order_by_desc(audit_event::Column::Sequence).limit(page.limit + 1).all(conn).await?;
    let records = rows.into_iter().map(AuditEventRecord::from).collect();
    Ok(Page::from_overfetch(records, page.limit, |event: &AuditEventRecord| event.sequence))
}

/// Recomputes the organisation's whole chain, a page at a time, against its recorded head.
pub async fn verify<C: ConnectionTrait>(conn: &C, scope: OrgScope) -> Result<ChainReport, StoreError> {
    const BATCH: u64 = 500;
    let organisation_id = scope.organisation_id();
    let head = organisation::Entity::find_by_id(organisation_id).one(conn).await?.ok_or(StoreError::NotFound)?;
    let mut verifier = ChainVerifier::new();
    let mut after = 0i64;
    'pages: loop {
        let rows = audit_event::Entity::find()
            .filter(audit_event::Column::OrganisationId.eq(organisation_id))
            .filter(audit_event::Column::Sequence.gt(after))
            .order_by_asc(audit_event::Column::Sequence)
            .limit(BATCH)
            .all(conn)
            .await?;
        let Some(last) = rows.last() else { break };
        after = last.sequence;
        let full_page = rows.len() as u64 == BATCH;
        for row in rows {
            if !verifier.push(&chained(row)) {
                break 'pages;
            }
        }
        if !full_page {
            break;
        }
    }
    Ok(verifier.finish(head.audit_head_sequence, &head.audit_head_hash))
}

fn chained(row: audit_event::Model) -> ChainedEvent {
    ChainedEvent {
        id: row.id,
        content: EventContent {
            organisation_id: row.organisation_id,
            sequence: row.sequence,
            occurred_at_micros: row.occurred_at_micros,
            actor_id: row.actor_id,
            entity_type: row.entity_type,
            entity_id: row.entity_id,
            action: row.action,
            before: row.before_state,
            after: row.after_state,
            request_id: row.request_id,
        },
        prev_hash: row.prev_hash,
        hash: row.hash,
    }
}
