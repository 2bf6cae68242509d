//! The audit trail, for auditors and admins.

use std::collections::HashMap;

use actix_web::get;
use actix_web::web::{Data, Json, Query};
use chrono::{DateTime, Utc};
use mitra_domain::access::Action;
use mitra_domain::audit::ChainReport;
use mitra_persistence::audit::{self, AuditEventRecord, AuditFilter};
use mitra_persistence::users;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::filters;
use super::paging::{Paged, page_request};
use crate::auth::Caller;
use crate::problem::ApiError;
use crate::state::AppState;

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
    #[schema(example = "user")]
    pub entity_type: String,
    pub entity_id: String,
    #[schema(example = "user.created")]
    pub action: String,
    #[schema(required = true)]
    pub before: Option<Value>,
    #[schema(required = true)]
    pub after: Option<Value>,
    #[schema(required = true)]
    pub request_id: Option<String>,
    pub hash: String,
    pub prev_hash: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventPage {
    pub items: Vec<AuditEventView>,
    #[schema(required = true)]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// e.g. `user`, `unit`, `session`, `organisation`.
    #[param(max_length = 200)]
    pub entity_type: Option<String>,
    #[param(max_length = 200)]
    pub entity_id: Option<String>,
    pub actor_id: Option<Uuid>,
    /// e.g. `user.created`.
    #[param(max_length = 200)]
    pub action: Option<String>,
    /// Events at or after this instant (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Events before this instant (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    /// Page size, 1-100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
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
    /// `content_altered`, `link_broken`, `event_missing` or `tail_missing`.
    pub reason: String,
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
                reason: broken.fault.as_str().to_owned(),
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
    params(AuditQuery),
    responses((status = 200, description = "Events, newest first", body = AuditEventPage)),
    security(("bearer" = []))
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    state: Data<AppState>,
    caller: Caller,
    query: Query<AuditQuery>,
) -> Result<Json<AuditEventPage>, ApiError> {
    caller.require(Action::AuditRead)?;
    let query = query.into_inner();
    let page = page_request(query.limit, query.cursor.as_deref())?;
    let filter = AuditFilter {
        entity_type: filters::text("entity_type", query.entity_type)?,
        entity_id: filters::text("entity_id", query.entity_id)?,
        actor_id: query.actor_id,
        action: filters::text("action", query.action)?,
        from: query.from,
        to: query.to,
    };
    let conn = state.store.connection();
    let page = audit::list(conn, caller.scope(), &filter, page).await?;
    let mut actor_ids: Vec<Uuid> = page.items.iter().filter_map(|event| event.actor_id).collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let names: HashMap<Uuid, String> = users::usernames(conn, caller.scope(), &actor_ids).await?.into_iter().collect();
    let paged = Paged::from_page(page, |event| view(event, &names));
    Ok(Json(AuditEventPage { items: paged.items, next_cursor: paged.next_cursor }))
}

/// Verify the audit chain
///
/// Recomputes every event's hash and link against the organisation's recorded head, and
/// reports the first place the chain breaks: an edited, deleted or inserted event.
#[utoipa::path(
    tag = "audit",
    responses((status = 200, description = "Verification result", body = ChainVerification)),
    security(("bearer" = []))
)]
#[get("/audit-events/verification")]
pub async fn verify_chain(state: Data<AppState>, caller: Caller) -> Result<Json<ChainVerification>, ApiError> {
    caller.require(Action::AuditRead)?;
    Ok(Json(audit::verify(state.store.connection(), caller.scope()).await?.into()))
}
