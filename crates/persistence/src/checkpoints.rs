//! Signed audit checkpoints: each organisation's chain head as the server signed it (see
//! `mitra_domain::checkpoint`). Signing a head writes no audit event: a checkpoint is the
//! server's signature over the chain, not a change anyone made, and an event would move the head
//! it signs ([`Exempt::AuditCheckpoint`]). A head already signed is not signed again.

use chrono::{DateTime, SubsecRound, Utc};
use mitra_domain::audit::ChainReport;
use mitra_domain::checkpoint::{ALGORITHM, ChainHead, CheckpointKey};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::{audit_checkpoint, organisation};
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::{Exempt, Store, StoreError, audit, organisations};

/// A signed chain head, as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointRecord {
    pub id: Uuid,
    pub head: ChainHead,
    pub algorithm: String,
    pub key_id: String,
    /// Hex of the Ed25519 public key that signed it.
    pub public_key: String,
    /// Hex of the signature over [`ChainHead::signed_text`].
    pub signature: String,
}

impl From<audit_checkpoint::Model> for CheckpointRecord {
    fn from(row: audit_checkpoint::Model) -> Self {
        CheckpointRecord {
            id: row.id,
            head: ChainHead {
                organisation_id: row.organisation_id,
                sequence: row.sequence,
                hash: row.head_hash,
                signed_at: row.signed_at,
            },
            algorithm: row.algorithm,
            key_id: row.key_id,
            public_key: row.public_key,
            signature: row.signature,
        }
    }
}

/// Signs the organisation's chain head, unless the chain is empty or that head is already
/// signed; returns the new checkpoint.
pub async fn sign_head(
    store: &Store,
    scope: OrgScope,
    key: &CheckpointKey,
    now: DateTime<Utc>,
) -> Result<Option<CheckpointRecord>, StoreError> {
    store
        .write_exempt(Exempt::AuditCheckpoint, None, async |tx| {
            tx.enter(scope, None);
            let organisation = scope::select_global::<organisation::Entity>()
                .filter(organisation::Column::Id.eq(scope.organisation_id()))
                .one(tx.conn())
                .await?
                .ok_or(StoreError::NotFound)?;
            if organisation.audit_head_sequence == 0 {
                return Ok(None);
            }
            // Stored to the microsecond on every database, so signed to the microsecond.
            let head = ChainHead {
                organisation_id: organisation.id,
                sequence: organisation.audit_head_sequence,
                hash: organisation.audit_head_hash,
                signed_at: now.trunc_subsecs(6),
            };
            let row = audit_checkpoint::ActiveModel {
                id: Set(Uuid::now_v7()),
                sequence: Set(head.sequence),
                head_hash: Set(head.hash.clone()),
                signed_at: Set(head.signed_at),
                algorithm: Set(ALGORITHM.to_owned()),
                key_id: Set(key.key_id()),
                public_key: Set(key.public_key()),
                signature: Set(key.sign(&head)),
                ..Default::default()
            };
            let unsigned =
                OnConflict::columns([audit_checkpoint::Column::OrganisationId, audit_checkpoint::Column::Sequence])
                    .do_nothing()
                    .to_owned();
            Ok(tx.upsert(row, unsigned).await?.map(CheckpointRecord::from))
        })
        .await
}

/// Signs every organisation's head that moved since its last checkpoint (the server does this
/// on a timer); returns how many were signed.
pub async fn sign_all_heads(store: &Store, key: &CheckpointKey, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let mut signed = 0;
    for organisation in organisations::all(store).await? {
        if sign_head(store, OrgScope::of(organisation.id), key, now).await?.is_some() {
            signed += 1;
        }
    }
    Ok(signed)
}

/// The organisation's checkpoints, newest first; the cursor is the last one's sequence.
pub async fn list(
    store: &Store,
    scope: OrgScope,
    page: PageRequest<i64>,
) -> Result<Page<CheckpointRecord, i64>, StoreError> {
    let mut query = scope::select::<audit_checkpoint::Entity>(scope);
    if let Some(after) = page.after {
        query = query.filter(audit_checkpoint::Column::Sequence.lt(after));
    }
    let rows = query.order_by_desc(audit_checkpoint::Column::Sequence).limit(page.limit + 1).all(store.db()).await?;
    let records: Vec<CheckpointRecord> = rows.into_iter().map(CheckpointRecord::from).collect();
    Ok(Page::from_overfetch(records, page.limit, |checkpoint: &CheckpointRecord| checkpoint.head.sequence))
}

/// The organisation's newest checkpoint, if its chain was ever signed.
pub async fn latest(store: &Store, scope: OrgScope) -> Result<Option<CheckpointRecord>, StoreError> {
    let row = scope::select::<audit_checkpoint::Entity>(scope)
        .order_by_desc(audit_checkpoint::Column::Sequence)
        .one(store.db())
        .await?;
    Ok(row.map(CheckpointRecord::from))
}

/// Recomputes the organisation's chain and requires it to pass through `head` (a checkpoint
/// whose signature the caller has checked).
pub async fn verify_against(store: &Store, scope: OrgScope, head: &ChainHead) -> Result<ChainReport, StoreError> {
    audit::verify_pinned(store, scope, Some((head.sequence, head.hash.as_str()))).await
}
