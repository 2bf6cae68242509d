//! Policy as data: the regulations an organisation's policy rests on, and its policy versions,
//! one or more revisions per fiscal year. The latest revision of a year is the one new
//! applications use; a revision a decision has used is frozen and changed only by copying it.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::audit::AuditAction;
use mitra_domain::policy::{FiscalYear, NewRegulation, Policy, PolicyChanges, RegulationKind};
use mitra_domain::presets::Preset;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::{policy_version, regulation};
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::{Reference, Refusal, Store, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegulationRecord {
    pub id: Uuid,
    pub kind: RegulationKind,
    pub number: String,
    pub year: i32,
    pub title: String,
    pub effective_from: Option<NaiveDate>,
    pub effective_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<regulation::Model> for RegulationRecord {
    type Error = DbErr;

    fn try_from(row: regulation::Model) -> Result<Self, DbErr> {
        Ok(RegulationRecord {
            id: row.id,
            kind: row
                .kind
                .parse()
                .map_err(|err: mitra_domain::vocabulary::UnknownName| DbErr::Type(err.to_string()))?,
            number: row.number,
            year: row.year,
            title: row.title,
            effective_from: row.effective_from,
            effective_until: row.effective_until,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

fn regulation_row(new: NewRegulation) -> regulation::ActiveModel {
    regulation::ActiveModel {
        kind: Set(new.kind.as_str().to_owned()),
        number: Set(new.number.trim().to_owned()),
        year: Set(new.year),
        title: Set(new.title.trim().to_owned()),
        effective_from: Set(new.effective_from),
        effective_until: Set(new.effective_until),
        ..Default::default()
    }
}

pub async fn create_regulation(tx: &mut Tx, new: NewRegulation) -> Result<RegulationRecord, StoreError> {
    let now = Utc::now();
    let row = tx
        .insert(regulation::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..regulation_row(new)
        })
        .await?;
    tx.record(AuditAction::RegulationCreated, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// Replaces a regulation's fields if it is still at `expected_version`.
pub async fn update_regulation(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    new: NewRegulation,
) -> Result<RegulationRecord, StoreError> {
    let before = find_regulation(tx.conn(), tx.scope()?, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let changed = regulation::ActiveModel { id: Set(id), ..regulation_row(new) };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::RegulationUpdated, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

pub async fn get_regulation(store: &Store, scope: OrgScope, id: Uuid) -> Result<RegulationRecord, StoreError> {
    Ok(find_regulation(store.db(), scope, id).await?.try_into()?)
}

/// Regulations, newest year first, then in creation order.
pub async fn list_regulations(
    store: &Store,
    scope: OrgScope,
    page: PageRequest<Uuid>,
) -> Result<Page<RegulationRecord, Uuid>, StoreError> {
    let mut query = scope::select::<regulation::Entity>(scope);
    if let Some(after) = page.after {
        query = query.filter(regulation::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(regulation::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(RegulationRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |record: &RegulationRecord| record.id))
}

async fn find_regulation(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<regulation::Model, StoreError> {
    scope::find::<regulation::Entity>(conn, scope, id).await
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyVersionRecord {
    pub id: Uuid,
    pub fiscal_year: FiscalYear,
    pub revision: i32,
    pub source: String,
    pub regulation_id: Option<Uuid>,
    pub policy: Policy,
    /// When a decision first used this version; from then on it cannot change.
    pub used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<policy_version::Model> for PolicyVersionRecord {
    type Error = DbErr;

    fn try_from(row: policy_version::Model) -> Result<Self, DbErr> {
        Ok(PolicyVersionRecord {
            id: row.id,
            fiscal_year: FiscalYear::parse(row.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?,
            revision: row.revision,
            source: row.source,
            regulation_id: row.regulation_id,
            policy: serde_json::from_value(row.content).map_err(|err| DbErr::Json(err.to_string()))?,
            used_at: row.used_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

/// What a new policy version copies.
#[derive(Debug, Clone)]
pub enum PolicySource {
    /// A shipped standard: its regulation is recorded for the organisation if it is not yet.
    Preset(Box<Preset>),
    /// One of the organisation's own versions, typically last year's.
    Version(Uuid),
}

/// Creates the next revision of `fiscal_year`'s policy from `source`.
pub async fn create_version(
    tx: &mut Tx,
    fiscal_year: FiscalYear,
    source: PolicySource,
) -> Result<PolicyVersionRecord, StoreError> {
    let scope = tx.scope()?;
    let (label, regulation_id, policy) = match source {
        PolicySource::Preset(preset) => {
            let regulation = find_or_record_regulation(tx, preset.regulation).await?;
            (format!("preset:{}", preset.code), Some(regulation), preset.policy)
        }
        PolicySource::Version(id) => {
            let origin = match find_version(tx.conn(), scope, id).await {
                Err(StoreError::NotFound) => return Err(StoreError::UnknownReference(Reference::PolicyVersion)),
                found => PolicyVersionRecord::try_from(found?)?,
            };
            (format!("version:{id}"), origin.regulation_id, origin.policy)
        }
    };
    let latest: Option<i32> = scope::select::<policy_version::Entity>(scope)
        .select_only()
        .column_as(Expr::col(policy_version::Column::Revision).max(), "latest")
        .filter(policy_version::Column::FiscalYear.eq(fiscal_year.year()))
        .into_tuple()
        .one(tx.conn())
        .await?
        .flatten();
    let now = Utc::now();
    let row = tx
        .insert(policy_version::ActiveModel {
            id: Set(Uuid::now_v7()),
            fiscal_year: Set(fiscal_year.year()),
            revision: Set(latest.unwrap_or(0) + 1),
            source: Set(label),
            regulation_id: Set(regulation_id),
            content: Set(serde_json::to_value(&policy).map_err(|err| DbErr::Json(err.to_string()))?),
            used_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::PolicyVersionCreated, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// The organisation's record of a preset's regulation, recorded now if it is not yet.
async fn find_or_record_regulation(tx: &mut Tx, new: NewRegulation) -> Result<Uuid, StoreError> {
    let existing = scope::select::<regulation::Entity>(tx.scope()?)
        .filter(regulation::Column::Kind.eq(new.kind.as_str()))
        .filter(regulation::Column::Number.eq(new.number.trim()))
        .filter(regulation::Column::Year.eq(new.year))
        .one(tx.conn())
        .await?;
    match existing {
        Some(row) => Ok(row.id),
        None => Ok(create_regulation(tx, new).await?.id),
    }
}

/// Edits a version if it is still at `expected_version` and no decision has used it.
pub async fn update_version(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    changes: PolicyVersionChanges,
) -> Result<PolicyVersionRecord, StoreError> {
    let before = find_version(tx.conn(), tx.scope()?, id).await?;
    if before.used_at.is_some() {
        return Err(StoreError::Refused(Refusal::PolicyVersionInUse));
    }
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let current = PolicyVersionRecord::try_from(before.clone())?;
    let policy = changes.policy.apply(current.policy).map_err(StoreError::Invalid)?;
    let mut changed: policy_version::ActiveModel = before.clone().into();
    changed.content = Set(serde_json::to_value(&policy).map_err(|err| DbErr::Json(err.to_string()))?);
    if let Some(regulation_id) = changes.regulation_id {
        changed.regulation_id = Set(regulation_id);
    }
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::PolicyVersionUpdated, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

/// Freezes a version the first time a decision uses it: from then on it cannot change, so the
/// decision can always be explained by the rules it applied.
pub(crate) async fn mark_used(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    let before = find_version(tx.conn(), tx.scope()?, id).await?;
    if before.used_at.is_some() {
        return Ok(());
    }
    let changed = policy_version::ActiveModel { id: Set(id), used_at: Set(Some(Utc::now())), ..Default::default() };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::PolicyVersionUsed, Some(&before), Some(&after))
}

/// How many frozen versions a store keeps in memory: a few per organisation and year.
const FROZEN_KEPT: usize = 512;

/// Policy versions a decision has used, kept in memory by the store: such a version never
/// changes again, and every order, invoice and payment under an agreement weighs its rules (a
/// document of some 20 KB that would otherwise be read and parsed each time). Keyed by
/// organisation as well, so that a cached version is found only in the scope it belongs to.
#[derive(Debug, Default)]
pub(crate) struct FrozenPolicies {
    versions: RwLock<HashMap<(Uuid, Uuid), Arc<Policy>>>,
}

impl FrozenPolicies {
    fn get(&self, scope: OrgScope, id: Uuid) -> Option<Arc<Policy>> {
        self.versions.read().unwrap_or_else(PoisonError::into_inner).get(&(scope.organisation_id(), id)).cloned()
    }

    fn keep(&self, scope: OrgScope, id: Uuid, policy: Arc<Policy>) {
        let mut versions = self.versions.write().unwrap_or_else(PoisonError::into_inner);
        if versions.len() >= FROZEN_KEPT {
            versions.clear();
        }
        versions.insert((scope.organisation_id(), id), policy);
    }
}

/// The rules of the version an agreement rests on (frozen by the decision that approved its
/// application), read from memory once it is known to be frozen. Not for a write that freezes
/// the version itself ([`mark_used`]): should that write roll back, the version was never frozen.
pub(crate) async fn rules_of(tx: &Tx, id: Uuid) -> Result<Arc<Policy>, StoreError> {
    let scope = tx.scope()?;
    if let Some(policy) = tx.frozen_policies().get(scope, id) {
        return Ok(policy);
    }
    let version = version_on(tx.conn(), scope, id).await?;
    let policy = Arc::new(version.policy);
    if version.used_at.is_some() {
        tx.frozen_policies().keep(scope, id, policy.clone());
    }
    Ok(policy)
}

/// A version read inside a write or a read of another area.
pub(crate) async fn version_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<PolicyVersionRecord, StoreError> {
    Ok(find_version(conn, scope, id).await?.try_into()?)
}

/// An edit of a policy version: sections of the document, and its regulation (`Some(None)`
/// clears it).
#[derive(Debug, Clone, Default)]
pub struct PolicyVersionChanges {
    pub policy: PolicyChanges,
    pub regulation_id: Option<Option<Uuid>>,
}

pub async fn get_version(store: &Store, scope: OrgScope, id: Uuid) -> Result<PolicyVersionRecord, StoreError> {
    Ok(find_version(store.db(), scope, id).await?.try_into()?)
}

/// The version new applications of `fiscal_year` use: its latest revision.
pub async fn current_version(
    store: &Store,
    scope: OrgScope,
    fiscal_year: FiscalYear,
) -> Result<PolicyVersionRecord, StoreError> {
    current_version_on(store.db(), scope, fiscal_year).await
}

pub(crate) async fn current_version_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    fiscal_year: FiscalYear,
) -> Result<PolicyVersionRecord, StoreError> {
    let row = scope::select::<policy_version::Entity>(scope)
        .filter(policy_version::Column::FiscalYear.eq(fiscal_year.year()))
        .order_by_desc(policy_version::Column::Revision)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(row.try_into()?)
}

/// Versions, newest fiscal year and revision first; optionally of one year. The cursor is the
/// last version's `(fiscal_year, revision)`.
pub async fn list_versions(
    store: &Store,
    scope: OrgScope,
    fiscal_year: Option<FiscalYear>,
    page: PageRequest<VersionCursor>,
) -> Result<Page<PolicyVersionRecord, VersionCursor>, StoreError> {
    let mut query = scope::select::<policy_version::Entity>(scope);
    if let Some(year) = fiscal_year {
        query = query.filter(policy_version::Column::FiscalYear.eq(year.year()));
    }
    if let Some(VersionCursor { fiscal_year, revision }) = page.after {
        query =
            query.filter(policy_version::Column::FiscalYear.lt(fiscal_year).or(
                policy_version::Column::FiscalYear.eq(fiscal_year).and(policy_version::Column::Revision.lt(revision)),
            ));
    }
    let rows = query
        .order_by_desc(policy_version::Column::FiscalYear)
        .order_by_desc(policy_version::Column::Revision)
        .limit(page.limit + 1)
        .all(store.db())
        .await?;
    let records = rows.into_iter().map(PolicyVersionRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |record: &PolicyVersionRecord| VersionCursor {
        fiscal_year: record.fiscal_year.year(),
        revision: record.revision,
    }))
}

/// Where a list of versions continues: after this year's revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionCursor {
    pub fiscal_year: i32,
    pub revision: i32,
}

impl std::fmt::Display for VersionCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.fiscal_year, self.revision)
    }
}

impl std::str::FromStr for VersionCursor {
    type Err = std::num::ParseIntError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (year, revision) = text.split_once('.').unwrap_or((text, ""));
        Ok(VersionCursor { fiscal_year: year.parse()?, revision: revision.parse()? })
    }
}

async fn find_version(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<policy_version::Model, StoreError> {
    scope::find::<policy_version::Entity>(conn, scope, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_version_is_found_only_in_its_own_organisation() {
        let policies = FrozenPolicies::default();
        let (ours, theirs) = (OrgScope::of(Uuid::now_v7()), OrgScope::of(Uuid::now_v7()));
        let id = Uuid::now_v7();
        let policy = Arc::new(mitra_domain::presets::load("oki").expect("the OKI preset loads").policy);
        policies.keep(ours, id, policy.clone());
        assert!(policies.get(ours, id).is_some_and(|kept| Arc::ptr_eq(&kept, &policy)));
        assert!(policies.get(theirs, id).is_none(), "another organisation naming the same id finds nothing");
    }

    #[test]
    fn the_cache_stays_bounded() {
        let policies = FrozenPolicies::default();
        let scope = OrgScope::of(Uuid::now_v7());
        let policy = Arc::new(mitra_domain::presets::load("oki").expect("the OKI preset loads").policy);
        for _ in 0..FROZEN_KEPT + 10 {
            policies.keep(scope, Uuid::now_v7(), policy.clone());
        }
        assert!(policies.versions.read().expect("not poisoned").len() <= FROZEN_KEPT);
    }
}
