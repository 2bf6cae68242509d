//! Writing and reading the audit trail.
//!
//! The events a write recorded are appended at its commit, in the same transaction, chained onto
//! the organisation's head, which moves in that transaction too. On PostgreSQL the organisation
//! row is locked, so concurrent writers queue instead of forking the chain; the unique
//! `(organisation_id, sequence)` index is the last line of defence.

use chrono::{DateTime, TimeZone, Utc};
use mitra_domain::audit::{AuditAction, ChainReport, ChainVerifier, ChainedEvent, EntityType, EventContent};
use sea_orm::sea_query::{Expr, LockType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::Value;
use uuid::Uuid;

use crate::at_once::Change;
use crate::entities::{audit_event, organisation};
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::tx::{AtCommit, PendingEvent};
use crate::{Store, StoreError};

/// The changes appending `events` to their organisations' chains: each organisation's head is
/// read and locked here, and the events and the head's move are made by the write's commit, with
/// the write's other changes at commit ([`AtCommit`]). Called once per write, just before commit,
/// so the organisation row stays locked as briefly as possible.
#[allow(clippy::disallowed_methods, reason = "the audit chain is written here and nowhere else")]
pub(crate) async fn appending(txn: &DatabaseTransaction, events: &[PendingEvent]) -> Result<Vec<AtCommit>, DbErr> {
    let mut appended = Vec::new();
    let mut organisations: Vec<OrgScope> = Vec::new();
    for event in events {
        if !organisations.contains(&event.scope) {
            organisations.push(event.scope);
        }
    }
    for scope in organisations {
        let organisation_id = scope.organisation_id();
        // FOR NO KEY UPDATE, not FOR UPDATE: the write may have inserted a row referencing the
        // organisation, which holds a KEY SHARE lock on it; FOR UPDATE would deadlock two such
        // writers, NO KEY UPDATE only makes them queue.
        let head = scope::select_global::<organisation::Entity>()
            .filter(organisation::Column::Id.eq(organisation_id))
            .lock(LockType::NoKeyUpdate)
            .one(txn)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(format!("organisation {organisation_id}")))?;
        let mut sequence = head.audit_head_sequence;
        let mut prev_hash = head.audit_head_hash.clone();
        let mut rows = Vec::new();
        for event in events.iter().filter(|event| event.scope == scope) {
            sequence += 1;
            let content = EventContent {
                organisation_id,
                sequence,
                occurred_at_micros: Utc::now().timestamp_micros(),
                actor_id: event.actor_id,
                entity_type: event.action.entity_type().as_str().to_owned(),
                entity_id: event.entity_id.clone(),
                action: event.action.as_str().to_owned(),
                // The hash covers this exact text, and it is stored as is, so verification never
                // depends on how JSON is re-serialised.
                before: event.before.clone(),
                after: event.after.clone(),
                request_id: event.request_id.clone(),
            };
            let hash = content.chain_hash(&prev_hash);
            rows.push(audit_event::ActiveModel {
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
                prev_hash: Set(prev_hash),
                hash: Set(hash.clone()),
            });
            prev_hash = hash;
        }
        // Bounded statements: PostgreSQL takes at most 65,535 parameters, 13 per event.
        for chunk in rows.chunks(1_000) {
            appended.push(AtCommit {
                change: Change::insert(audit_event::Entity::insert_many(chunk.to_vec()), chunk.len() as u64),
                otherwise: chain_moved,
            });
        }
        let head_moved = organisation::Entity::update_many()
            .col_expr(organisation::Column::AuditHeadSequence, Expr::value(sequence))
            .col_expr(organisation::Column::AuditHeadHash, Expr::value(prev_hash))
            .filter(organisation::Column::Id.eq(organisation_id))
            .filter(organisation::Column::AuditHeadSequence.eq(head.audit_head_sequence));
        appended.push(AtCommit { change: Change::update(head_moved, 1), otherwise: chain_moved });
    }
    Ok(appended)
}

/// The head moved under a write that held it locked: the unique `(organisation_id, sequence)`
/// index, or this, is the last line of defence.
fn chain_moved() -> StoreError {
    StoreError::Db(DbErr::Custom("audit chain head moved concurrently".into()))
}

/// An event as the audit log shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEventRecord {
    pub id: Uuid,
    pub sequence: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub entity_type: EntityType,
    pub entity_id: String,
    pub action: AuditAction,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl TryFrom<audit_event::Model> for AuditEventRecord {
    type Error = DbErr;

    fn try_from(row: audit_event::Model) -> Result<Self, DbErr> {
        let parse = |text: Option<String>| text.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t)));
        let vocabulary = |err: mitra_domain::vocabulary::UnknownName| DbErr::Type(err.to_string());
        Ok(AuditEventRecord {
            id: row.id,
            sequence: row.sequence,
            occurred_at: Utc.timestamp_micros(row.occurred_at_micros).single().unwrap_or_default(),
            actor_id: row.actor_id,
            entity_type: row.entity_type.parse().map_err(vocabulary)?,
            entity_id: row.entity_id,
            action: row.action.parse().map_err(vocabulary)?,
            before: parse(row.before_state),
            after: parse(row.after_state),
            request_id: row.request_id,
            prev_hash: row.prev_hash,
            hash: row.hash,
        })
    }
}

/// Which events to list; every filter is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub entity_type: Option<EntityType>,
    pub entity_id: Option<String>,
    pub actor_id: Option<Uuid>,
    pub action: Option<AuditAction>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Newest first; the cursor is the sequence number of the last event returned.
pub async fn list(
    store: &Store,
    scope: OrgScope,
    filter: &AuditFilter,
    page: PageRequest<i64>,
) -> Result<Page<AuditEventRecord, i64>, StoreError> {
    let mut query = scope::select::<audit_event::Entity>(scope);
    if let Some(entity_type) = filter.entity_type {
        query = query.filter(audit_event::Column::EntityType.eq(entity_type.as_str()));
    }
    if let Some(entity_id) = &filter.entity_id {
        query = query.filter(audit_event::Column::EntityId.eq(entity_id.as_str()));
    }
    if let Some(actor_id) = filter.actor_id {
        query = query.filter(audit_event::Column::ActorId.eq(actor_id));
    }
    if let Some(action) = filter.action {
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
    let rows = query.order_by_desc(audit_event::Column::Sequence).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(AuditEventRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |event: &AuditEventRecord| event.sequence))
}

/// Recomputes the organisation's whole chain, a page at a time, against its recorded head.
pub async fn verify(store: &Store, scope: OrgScope) -> Result<ChainReport, StoreError> {
    verify_pinned(store, scope, None).await
}

/// Recomputes the chain, also requiring the event at a signed checkpoint's sequence to still
/// have the checkpoint's hash.
pub(crate) async fn verify_pinned(
    store: &Store,
    scope: OrgScope,
    pin: Option<(i64, &str)>,
) -> Result<ChainReport, StoreError> {
    const BATCH: u64 = 500;
    let organisation_id = scope.organisation_id();
    let head = scope::select_global::<organisation::Entity>()
        .filter(organisation::Column::Id.eq(organisation_id))
        .one(store.db())
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut verifier = match pin {
        Some((sequence, hash)) => ChainVerifier::new().pinned_at(sequence, hash),
        None => ChainVerifier::new(),
    };
    let mut after = 0i64;
    'pages: loop {
        let rows = scope::select::<audit_event::Entity>(scope)
            .filter(audit_event::Column::Sequence.gt(after))
            .order_by_asc(audit_event::Column::Sequence)
            .limit(BATCH)
            .all(store.db())
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
