//! The audit trail, for auditors and admins.

use std::collections::HashMap;

use actix_web::web::{Data, Json};
use actix_web::{HttpResponse, get, post};
use chrono::{DateTime, Utc};
use mitra_domain::TextRule;
use mitra_domain::audit::{AuditAction, ChainFault, ChainReport, EntityType};
use mitra_domain::checkpoint::ALGORITHM;
use mitra_persistence::audit::{self, AuditEventRecord, AuditFilter};
use mitra_persistence::checkpoints::{self, CheckpointRecord};
use mitra_persistence::{Exempt, PageRequest, users};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::Caller;
use crate::extract::{Filters, Page, Paging, PagingParams};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::validation::FilterText;

/// One recorded state change. Events are chained by hash per organisation.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AuditEvent)]
pub struct AuditEventView {
    pub id: Uuid,
    /// Position in the organisation's chain, from 1.
    pub sequence: i64,
    pub occurred_at: DateTime<Utc>,
    /// Null for changes made by the system or from the command line.
    #[schema(required = true)]
    pub actor_id: Option<Uuid>,
    #[schema(required = true)]
    pub actor_username: Option<String>,
    pub entity_type: EntityType,
    pub entity_id: String,
    pub action: AuditAction,
    /// The record as it was, every column but its secrets; null before a creation.
    #[schema(required = true)]
    pub before: Option<Value>,
    #[schema(required = true)]
    pub after: Option<Value>,
    #[schema(required = true)]
    pub request_id: Option<String>,
    pub hash: String,
    pub prev_hash: String,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilters {
    pub entity_type: Option<EntityType>,
    #[param(max_length = 200)]
    #[validate(length(max = FilterText::MAX), custom(function = "crate::validation::no_control_characters"))]
    pub entity_id: Option<String>,
    pub actor_id: Option<Uuid>,
    pub action: Option<AuditAction>,
    /// Events at or after this instant (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Events before this instant (RFC 3339).
    pub to: Option<DateTime<Utc>>,
}

impl From<AuditFilters> for AuditFilter {
    fn from(filters: AuditFilters) -> Self {
        AuditFilter {
            entity_type: filters.entity_type,
            entity_id: filters.entity_id.map(|id| id.trim().to_owned()).filter(|id| !id.is_empty()),
            actor_id: filters.actor_id,
            action: filters.action,
            from: filters.from,
            to: filters.to,
        }
    }
}

/// The result of recomputing the organisation's audit chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainVerification {
    pub valid: bool,
    pub events_checked: u64,
    /// Sequence of the newest event as the organisation's head records it.
    pub head_sequence: i64,
    #[schema(required = true)]
    pub broken_at: Option<ChainBreakView>,
}

/// Where verification found the chain broken.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ChainBreak)]
pub struct ChainBreakView {
    /// The sequence number where the chain breaks.
    pub sequence: i64,
    /// The stored event found there, if any.
    #[schema(required = true)]
    pub event_id: Option<Uuid>,
    pub reason: ChainFault,
}

impl From<ChainReport> for ChainVerification {
    fn from(report: ChainReport) -> Self {
        ChainVerification {
            valid: report.is_valid(),
            events_checked: report.events_checked,
            head_sequence: report.head_sequence,
            broken_at: report.broken_at.map(|broken| ChainBreakView {
                sequence: broken.sequence,
                event_id: broken.event_id,
                reason: broken.fault,
            }),
        }
    }
}

fn view(event: AuditEventRecord, names: &HashMap<Uuid, String>) -> AuditEventView {
    AuditEventView {
        actor_username: event.actor_id.and_then(|id| names.get(&id).cloned()),
        id: event.id,
        sequence: event.sequence,
        occurred_at: event.occurred_at,
        actor_id: event.actor_id,
        entity_type: event.entity_type,
        entity_id: event.entity_id,
        action: event.action,
        before: event.before,
        after: event.after,
        request_id: event.request_id,
        hash: event.hash,
        prev_hash: event.prev_hash,
    }
}

/// List audit events
///
/// Newest first. Filters combine; `from`/`to` bound the event time.
#[utoipa::path(
    tag = "audit",
    params(AuditFilters, PagingParams),
    responses((status = 200, description = "Events, newest first", body = Page<AuditEventView>)),
    security(("bearer" = ["audit.read"]))
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    state: Data<AppState>,
    caller: Caller,
    filters: Filters<AuditFilters>,
    paging: Paging<i64>,
) -> Result<Json<Page<AuditEventView>>, ApiError> {
    let page = audit::list(&state.store, caller.scope(), &filters.0.into(), paging.0).await?;
    let mut actor_ids: Vec<Uuid> = page.items.iter().filter_map(|event| event.actor_id).collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let names: HashMap<Uuid, String> =
        users::usernames(&state.store, caller.scope(), &actor_ids).await?.into_iter().collect();
    Ok(Json(Page::of(page, |event| view(event, &names))))
}

/// Verify the audit chain
///
/// Recomputes every event's hash and link against the organisation's recorded head, and
/// reports the first place the chain breaks: an edited, deleted or inserted event.
#[utoipa::path(
    tag = "audit",
    responses((status = 200, description = "Verification result", body = ChainVerification)),
    security(("bearer" = ["audit.read"]))
)]
#[get("/audit-events/verification")]
pub async fn verify_chain(state: Data<AppState>, caller: Caller) -> Result<Json<ChainVerification>, ApiError> {
    Ok(Json(audit::verify(&state.store, caller.scope()).await?.into()))
}

/// An organisation's audit chain head as the server signed it. Keep it outside Mitra: `mitra
/// audit verify --checkpoint FILE` then tells whether the chain was rewritten since, even with
/// every hash recomputed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = AuditCheckpoint)]
pub struct CheckpointView {
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// The sequence of the newest event when it was signed.
    pub sequence: i64,
    /// That event's hash.
    pub hash: String,
    pub signed_at: DateTime<Utc>,
    #[schema(example = "Ed25519")]
    pub algorithm: String,
    /// The first 16 hex digits of the SHA-256 of the public key.
    pub key_id: String,
    /// The Ed25519 public key, hex.
    pub public_key: String,
    /// The signature over `signed_text`, hex.
    pub signature: String,
    /// The exact text signed, to check the signature with any Ed25519 tool.
    pub signed_text: String,
}

impl From<CheckpointRecord> for CheckpointView {
    fn from(checkpoint: CheckpointRecord) -> Self {
        CheckpointView {
            signed_text: checkpoint.head.signed_text(),
            id: checkpoint.id,
            organisation_id: checkpoint.head.organisation_id,
            sequence: checkpoint.head.sequence,
            hash: checkpoint.head.hash,
            signed_at: checkpoint.head.signed_at,
            algorithm: checkpoint.algorithm,
            key_id: checkpoint.key_id,
            public_key: checkpoint.public_key,
            signature: checkpoint.signature,
        }
    }
}

/// The key that signs audit checkpoints.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckpointKeyView {
    #[schema(example = "Ed25519")]
    pub algorithm: String,
    pub key_id: String,
    /// The Ed25519 public key, hex: what an auditor keeps to check signatures.
    pub public_key: String,
}

/// List audit checkpoints
///
/// The organisation's signed chain heads, newest first. The server signs a head that moved
/// every `MITRA_AUDIT_CHECKPOINT_MINUTES`.
#[utoipa::path(
    tag = "audit",
    params(PagingParams),
    responses((status = 200, description = "Checkpoints, newest first", body = Page<CheckpointView>)),
    security(("bearer" = ["audit.read"]))
)]
#[get("/audit-checkpoints")]
pub async fn list_audit_checkpoints(
    state: Data<AppState>,
    caller: Caller,
    paging: Paging<i64>,
) -> Result<Json<Page<CheckpointView>>, ApiError> {
    let page = checkpoints::list(&state.store, caller.scope(), paging.0).await?;
    Ok(Json(Page::of(page, CheckpointView::from)))
}

/// Sign the audit chain head now
///
/// Signs the organisation's current chain head (201), or answers the checkpoint that already
/// signs it (200).
#[utoipa::path(
    tag = "audit",
    responses(
        (status = 201, description = "Signed", body = CheckpointView),
        (status = 200, description = "The head was already signed", body = CheckpointView),
    ),
    security(("bearer" = ["audit.checkpoint"])),
    extensions(("x-not-audited" = json!(Exempt::AuditCheckpoint.reason())))
)]
#[post("/audit-checkpoints")]
pub async fn sign_audit_checkpoint(state: Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let scope = caller.scope();
    if let Some(signed) = checkpoints::sign_head(&state.store, scope, &state.checkpoint_key, Utc::now()).await? {
        return Ok(HttpResponse::Created().json(CheckpointView::from(signed)));
    }
    let latest = checkpoints::list(&state.store, scope, PageRequest { after: None, limit: 1 }).await?;
    let latest = latest.items.into_iter().next().ok_or_else(ApiError::not_found)?;
    Ok(HttpResponse::Ok().json(CheckpointView::from(latest)))
}

/// The checkpoint signing key
///
/// The public half of the key that signs audit checkpoints, to keep beside them.
#[utoipa::path(
    tag = "audit",
    responses((status = 200, description = "The public key", body = CheckpointKeyView)),
    security(("bearer" = ["audit.read"]))
)]
#[get("/audit-checkpoints/key")]
pub async fn get_checkpoint_key(state: Data<AppState>) -> Json<CheckpointKeyView> {
    let key = &state.checkpoint_key;
    Json(CheckpointKeyView { algorithm: ALGORITHM.to_owned(), key_id: key.key_id(), public_key: key.public_key() })
}
