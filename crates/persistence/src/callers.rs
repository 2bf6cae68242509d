//! Who is calling: the user an access token names, if they still exist in the organisation the
//! token names and are still active.
//!
//! Every authenticated request asks this, so the answer is kept in memory for a few seconds:
//! re-reading the user on every request halved the throughput of a list endpoint. A change
//! written through this process forgets the affected caller at commit, so disabling a user or
//! changing a role takes effect at once here, and on any other instance within the TTL.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use mitra_domain::audit::EntityType;
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use crate::entities::user;
use crate::scope::{self, OrgScope};
use crate::tx::PendingEvent;
use crate::users::UserRecord;
use crate::{Store, StoreError};

/// A user allowed to act, and the organisation every query of theirs is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    scope: OrgScope,
    user: UserRecord,
}

impl Principal {
    pub fn scope(&self) -> OrgScope {
        self.scope
    }

    pub fn user(&self) -> &UserRecord {
        &self.user
    }
}

/// The caller a verified access token names: `None` when the user does not exist in
/// `organisation_id` (a token naming another organisation than the user's is worthless) or is
/// disabled. The only way, outside the console, that a request obtains an [`OrgScope`].
pub async fn authenticate(
    store: &Store,
    user_id: Uuid,
    organisation_id: Uuid,
) -> Result<Option<Arc<Principal>>, StoreError> {
    let cache = &store.callers;
    if let Some(known) = cache.get(user_id, organisation_id) {
        return Ok(known);
    }
    let generation = cache.generation();
    let scope = OrgScope::of(organisation_id);
    let row = scope::select::<user::Entity>(scope).filter(user::Column::Id.eq(user_id)).one(store.db()).await?;
    let principal = match row {
        Some(row) if row.active => Some(Arc::new(Principal { scope, user: UserRecord::try_from(row)? })),
        _ => None,
    };
    cache.put(generation, user_id, organisation_id, principal.clone());
    Ok(principal)
}

struct Entry {
    stored_at: Instant,
    organisation_id: Uuid,
    principal: Option<Arc<Principal>>,
}

/// Verified callers (and refused ones, so a revoked token cannot make every request a query),
/// each for at most `ttl`.
pub(crate) struct CallerCache {
    ttl: Duration,
    entries: RwLock<HashMap<Uuid, Entry>>,
    /// Bumped by every invalidation: a lookup that started before one must not store what it
    /// read, which may be the state the invalidation replaced.
    generation: AtomicU64,
}

impl std::fmt::Debug for CallerCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallerCache").field("ttl", &self.ttl).finish_non_exhaustive()
    }
}

impl CallerCache {
    pub(crate) const DEFAULT_TTL: Duration = Duration::from_secs(5);
    /// Bounds memory: beyond this many callers, expired entries go, then all of them.
    const CAPACITY: usize = 10_000;

    pub(crate) fn new(ttl: Duration) -> Self {
        CallerCache { ttl, entries: RwLock::new(HashMap::new()), generation: AtomicU64::new(0) }
    }

    fn get(&self, user_id: Uuid, organisation_id: Uuid) -> Option<Option<Arc<Principal>>> {
        let entries = self.entries.read().unwrap_or_else(PoisonError::into_inner);
        let entry = entries.get(&user_id)?;
        let fresh = entry.stored_at.elapsed() < self.ttl && entry.organisation_id == organisation_id;
        fresh.then(|| entry.principal.clone())
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    fn put(&self, generation: u64, user_id: Uuid, organisation_id: Uuid, principal: Option<Arc<Principal>>) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        // Checked under the lock that invalidations also take, so none can slip in between.
        if self.generation() != generation {
            return;
        }
        if entries.len() >= Self::CAPACITY {
            let ttl = self.ttl;
            entries.retain(|_, entry| entry.stored_at.elapsed() < ttl);
            if entries.len() >= Self::CAPACITY {
                entries.clear();
            }
        }
        entries.insert(user_id, Entry { stored_at: Instant::now(), organisation_id, principal });
    }

    /// Forgets the users a committed write changed.
    pub(crate) fn forget_changed(&self, events: &[PendingEvent]) {
        let users: Vec<Uuid> = events
            .iter()
            .filter(|event| event.action.entity_type() == EntityType::User)
            .filter_map(|event| event.entity_id.parse().ok())
            .collect();
        if users.is_empty() {
            return;
        }
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        self.generation.fetch_add(1, Ordering::AcqRel);
        for user_id in users {
            entries.remove(&user_id);
        }
    }
}
