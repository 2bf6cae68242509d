//! The write transaction every command runs in, and the only way commands change tables.
//!
//! A [`Tx`] is handed out by [`Store::write`](crate::Store::write) (and its siblings); commands
//! take `&mut Tx`, so they compose: one command may call another's inside the same transaction.
//! Commands change rows only through the helpers here, which scope organisation-owned tables,
//! translate broken constraints into business errors, and note that something changed; they hand
//! the events that explain a change to [`Tx::record`]. The entry point then appends those events
//! to the audit chain and commits, or refuses a change that explains nothing.

use chrono::Utc;
use mitra_domain::audit::AuditAction;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, DeleteMany, EntityName,
    EntityTrait, IdenStatic, IntoActiveModel, Iterable, PrimaryKeyTrait, QueryFilter, UpdateMany,
};
use serde::Serialize;
use uuid::Uuid;

use crate::policy::FrozenPolicies;
use crate::{AuditContext, Exempt, Store, StoreError};
use std::sync::Arc;

use crate::at_once::{self, Change};
use crate::constraints::{self, Broken};
use crate::personal::PersonalDataKey;
use crate::scope::{self, Global, OrgOwned, OrgScope};

/// A row whose changes the audit trail records, snapshotted whole through `Serialize`: a new
/// column enters the trail by itself, and a secret is kept out only by an explicit
/// `#[serde(skip_serializing)]` on its field.
pub(crate) trait Audited: Serialize {
    fn entity_id(&self) -> String;
}

/// An organisation-owned row with optimistic concurrency: `version` starts at 1 and every
/// change bumps it, conditional on the version the writer read.
pub(crate) trait Versioned: OrgOwned {
    fn id_column() -> Self::Column;
    fn version_column() -> Self::Column;
    fn updated_at_column() -> Self::Column;
    fn version_of(model: &Self::Model) -> i32;
    fn id_of(model: &Self::Model) -> Uuid;
}

/// An event a command handed over, appended to its organisation's chain at commit.
#[derive(Debug, Clone)]
pub(crate) struct PendingEvent {
    pub scope: OrgScope,
    pub actor_id: Option<Uuid>,
    pub request_id: Option<String>,
    pub action: AuditAction,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A change a write makes when it commits ([`Tx::at_commit`], the audit chain's append), and
/// the error that fails the write when the change touches other rows than it says.
pub(crate) struct AtCommit {
    pub change: Change,
    pub otherwise: fn() -> StoreError,
}

/// An open write transaction, with who is acting and the events recorded so far.
pub struct Tx {
    pub(crate) txn: DatabaseTransaction,
    personal: Option<Arc<PersonalDataKey>>,
    frozen_policies: Arc<FrozenPolicies>,
    scope: Option<OrgScope>,
    actor_id: Option<Uuid>,
    pub(crate) request_id: Option<String>,
    pub(crate) events: Vec<PendingEvent>,
    pub(crate) at_commit: Vec<AtCommit>,
    pub(crate) changed: bool,
}

impl Tx {
    pub(crate) fn new(
        txn: DatabaseTransaction,
        store: &Store,
        scope: Option<OrgScope>,
        actor_id: Option<Uuid>,
        request_id: Option<String>,
    ) -> Self {
        Tx {
            txn,
            personal: store.personal.clone(),
            frozen_policies: store.frozen_policies.clone(),
            scope,
            actor_id,
            request_id,
            events: Vec::new(),
            at_commit: Vec::new(),
            changed: false,
        }
    }

    /// The policy versions of this store that can no longer change.
    pub(crate) fn frozen_policies(&self) -> &FrozenPolicies {
        &self.frozen_policies
    }

    /// The key that seals personal data in this write.
    pub(crate) fn personal_data_key(&self) -> Result<&PersonalDataKey, StoreError> {
        self.personal.as_deref().ok_or(StoreError::NoPersonalDataKey)
    }

    /// The organisation this write acts for.
    pub(crate) fn scope(&self) -> Result<OrgScope, StoreError> {
        self.scope.ok_or(StoreError::Unscoped)
    }

    /// Who is acting: `None` for the console and the system.
    pub(crate) fn actor_id(&self) -> Option<Uuid> {
        self.actor_id
    }

    /// Acts for an organisation found during the write (a new organisation, the owner of a
    /// presented refresh token), as `actor_id`.
    pub(crate) fn enter(&mut self, scope: OrgScope, actor_id: Option<Uuid>) {
        self.scope = Some(scope);
        self.actor_id = actor_id;
    }

    /// Makes `change`, bookkeeping the write keeps beside its change which no audit event
    /// explains, for `reason` (see [`Exempt`]: a money-moving write keeps its request's
    /// idempotency key), when the write commits: at once with the audit chain's own changes, one
    /// round trip on PostgreSQL ([`at_once`]). Nothing in the write reads it back. If it touches
    /// other rows than it says, the write fails with `otherwise()` and nothing of it is kept.
    pub(crate) fn at_commit(&mut self, _reason: Exempt, change: Change, otherwise: fn() -> StoreError) {
        self.at_commit.push(AtCommit { change, otherwise });
    }

    /// Who this write acts for now.
    pub(crate) fn context(&self) -> Result<AuditContext, StoreError> {
        Ok(AuditContext { scope: self.scope()?, actor_id: self.actor_id, request_id: self.request_id.clone() })
    }

    /// Acts, from here on, for another request of the same organisation: a write that takes
    /// several requests at once (orders issued together, see `orders::issue_many`) records each
    /// request's events under its own actor and request id.
    pub(crate) fn act_for(&mut self, ctx: &AuditContext) -> Result<(), StoreError> {
        if self.scope != Some(ctx.scope) {
            return Err(StoreError::Unscoped);
        }
        self.actor_id = ctx.actor_id;
        self.request_id.clone_from(&ctx.request_id);
        Ok(())
    }

    /// The transaction, for reads inside the write.
    pub(crate) fn conn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Records why the data changed: `action` on a row, with its state before and after (none
    /// before a creation). Appended to the chain when the write commits.
    pub(crate) fn record<M: Audited>(
        &mut self,
        action: AuditAction,
        before: Option<&M>,
        after: Option<&M>,
    ) -> Result<(), StoreError> {
        let scope = self.scope()?;
        let subject = after.or(before).map(Audited::entity_id).unwrap_or_default();
        let snapshot = |state: Option<&M>| {
            state.map(|row| serde_json::to_string(row)).transpose().map_err(|err| DbErr::Json(err.to_string()))
        };
        self.events.push(PendingEvent {
            scope,
            actor_id: self.actor_id,
            request_id: self.request_id.clone(),
            action,
            entity_id: subject,
            before: snapshot(before)?,
            after: snapshot(after)?,
        });
        Ok(())
    }

    /// Inserts an organisation-owned row in this write's organisation (whatever the model says).
    pub(crate) async fn insert<A>(&mut self, mut row: A) -> Result<<A::Entity as EntityTrait>::Model, StoreError>
    where
        A: ActiveModelTrait + Send,
        A::Entity: OrgOwned,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        row.set(<A::Entity as OrgOwned>::organisation_column(), self.scope()?.organisation_id().into());
        self.insert_row(row).await
    }

    /// Inserts many organisation-owned rows in this write's organisation with one statement
    /// (an import's rows); nothing is returned. The caller keeps each statement's bound values
    /// under the databases' limits (a few hundred rows at a time).
    #[allow(clippy::disallowed_methods, reason = "the scoped bulk insert, next to the one insert")]
    pub(crate) async fn insert_many<A>(&mut self, rows: Vec<A>) -> Result<(), StoreError>
    where
        A: ActiveModelTrait + Send,
        A::Entity: OrgOwned,
    {
        if rows.is_empty() {
            return Ok(());
        }
        let rows = self.in_scope(rows)?;
        if let Err(err) = A::Entity::insert_many(rows).exec(&self.txn).await {
            // A named rule is translated as for one row; which of many rows a reference SQLite
            // did not name points nowhere is not worth asking: the caller checked them all.
            let table = A::Entity::default().table_name().to_owned();
            return Err(match constraints::broken(&err, &table) {
                Some(Broken::Rule(rule)) => rule.meaning.into_error(),
                Some(Broken::UnnamedReference) | None => StoreError::Db(err),
            });
        }
        self.changed = true;
        Ok(())
    }

    /// The rows, each set in this write's organisation (whatever they say).
    fn in_scope<A>(&self, rows: Vec<A>) -> Result<impl Iterator<Item = A> + use<A>, StoreError>
    where
        A: ActiveModelTrait,
        A::Entity: OrgOwned,
    {
        let organisation = self.scope()?.organisation_id();
        Ok(rows.into_iter().map(move |mut row| {
            row.set(<A::Entity as OrgOwned>::organisation_column(), organisation.into());
            row
        }))
    }

    /// Inserts a row of a table that belongs to no organisation.
    pub(crate) async fn insert_global<A>(&mut self, row: A) -> Result<<A::Entity as EntityTrait>::Model, StoreError>
    where
        A: ActiveModelTrait + Send,
        A::Entity: Global,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        self.insert_row(row).await
    }

    #[allow(clippy::disallowed_methods, reason = "the one insert, behind the scoped helpers above")]
    async fn insert_row<A>(&mut self, row: A) -> Result<<A::Entity as EntityTrait>::Model, StoreError>
    where
        A: ActiveModelTrait + Send,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        let probe = row.clone();
        match A::Entity::insert(row).exec_with_returning(&self.txn).await {
            Ok(model) => {
                self.changed = true;
                Ok(model)
            }
            Err(err) => Err(self.explain(err, &probe).await),
        }
    }

    /// Saves a changed versioned row if it is still at the version read as `before`, bumping
    /// the version; a concurrent edit makes it [`StoreError::VersionMismatch`].
    pub(crate) async fn save<A>(
        &mut self,
        before: &<A::Entity as EntityTrait>::Model,
        mut changed: A,
    ) -> Result<<A::Entity as EntityTrait>::Model, StoreError>
    where
        A: ActiveModelTrait + Send,
        A::Entity: Versioned,
    {
        let version = <A::Entity as Versioned>::version_of(before);
        changed.set(<A::Entity as Versioned>::version_column(), (version + 1).into());
        changed.set(<A::Entity as Versioned>::updated_at_column(), Utc::now().into());
        let probe = changed.clone();
        let update = scope::update::<A::Entity>(self.scope()?)
            .set(changed)
            .filter(<A::Entity as Versioned>::id_column().eq(<A::Entity as Versioned>::id_of(before)))
            .filter(<A::Entity as Versioned>::version_column().eq(version));
        match update.exec_with_returning(&self.txn).await {
            Ok(rows) => {
                let saved = rows.into_iter().next().ok_or(StoreError::VersionMismatch)?;
                self.changed = true;
                Ok(saved)
            }
            Err(err) => Err(self.explain(err, &probe).await),
        }
    }

    /// Runs an update of this organisation's rows of `E`, built from the scoped statement.
    pub(crate) async fn update<E: OrgOwned>(
        &mut self,
        build: impl FnOnce(UpdateMany<E>) -> UpdateMany<E>,
    ) -> Result<u64, StoreError> {
        let updated = build(scope::update::<E>(self.scope()?)).exec(&self.txn).await?.rows_affected;
        self.changed |= updated > 0;
        Ok(updated)
    }

    /// The change adding to `column` of each of this organisation's rows of `E` its own amount,
    /// one statement for them all: the counters a write deciding several requests at once moves
    /// (the rows locked and every request decided against them first; the table's `CHECK`
    /// stands behind that). `None` without amounts; made with [`Tx::at_once`].
    pub(crate) fn adding_to_each<E: OrgOwned>(
        &self,
        column: E::Column,
        amounts: &[(Uuid, i64)],
    ) -> Result<Option<Change>, StoreError> {
        let Some(((first, first_amount), rest)) = amounts.split_first() else { return Ok(None) };
        let sum = rest
            .iter()
            .fold(Expr::case(E::id_column().eq(*first), Expr::col(column).add(*first_amount)), |case, (id, amount)| {
                case.case(E::id_column().eq(*id), Expr::col(column).add(*amount))
            });
        let ids: Vec<Uuid> = amounts.iter().map(|(id, _)| *id).collect();
        let update = scope::update::<E>(self.scope()?)
            .col_expr(column, sum.finally(Expr::col(column)).into())
            .filter(E::id_column().is_in(ids));
        Ok(Some(Change::update(update, amounts.len() as u64)))
    }

    /// The change inserting many organisation-owned rows in this write's organisation (whatever
    /// they say), one statement for them all; `None` without rows; made with [`Tx::at_once`].
    /// The caller keeps each statement's bound values under the databases' limits.
    #[allow(clippy::disallowed_methods, reason = "the scoped bulk insert, next to the one insert")]
    pub(crate) fn inserting_many<A>(&self, rows: Vec<A>) -> Result<Option<Change>, StoreError>
    where
        A: ActiveModelTrait + Send,
        A::Entity: OrgOwned,
    {
        let count = rows.len() as u64;
        if count == 0 {
            return Ok(None);
        }
        Ok(Some(Change::insert(A::Entity::insert_many(self.in_scope(rows)?), count)))
    }

    /// Makes `changes` at once ([`at_once`]: one round trip on PostgreSQL). Each must touch the
    /// rows it says, or the write fails ([`StoreError::NotFound`]: a row it names is gone).
    pub(crate) async fn at_once(&mut self, changes: Vec<Option<Change>>) -> Result<(), StoreError> {
        let changes: Vec<Change> = changes.into_iter().flatten().collect();
        let expected: Vec<(String, u64)> =
            changes.iter().map(|change| (change.table().to_owned(), change.rows)).collect();
        let touched = match at_once::run(&self.txn, changes).await {
            Ok(touched) => touched,
            Err(err) => {
                let rule = expected.iter().find_map(|(table, _)| match constraints::broken(&err, table) {
                    Some(Broken::Rule(rule)) => Some(rule),
                    Some(Broken::UnnamedReference) | None => None,
                });
                return Err(rule.map_or(StoreError::Db(err), |rule| rule.meaning.into_error()));
            }
        };
        self.changed |= touched.iter().any(|rows| *rows > 0);
        if touched.iter().zip(&expected).any(|(rows, (_, expected))| rows != expected) {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Runs an update of this organisation's rows of `E` and returns them as they now are: a
    /// conditional counter update (`SET x = x + a WHERE x + a <= ceiling`) returns nothing when
    /// the condition refused it.
    pub(crate) async fn update_returning<E: OrgOwned>(
        &mut self,
        build: impl FnOnce(UpdateMany<E>) -> UpdateMany<E>,
    ) -> Result<Vec<E::Model>, StoreError> {
        let rows = build(scope::update::<E>(self.scope()?)).exec_with_returning(&self.txn).await?;
        self.changed |= !rows.is_empty();
        Ok(rows)
    }

    /// Inserts an organisation-owned row or, when one with the same `conflict` columns exists
    /// (they include the organisation column, so only this organisation's row is touched),
    /// applies `conflict`'s update to it - one statement. Returns the row as it now is, or `None`
    /// when the update's condition left the existing row alone.
    #[allow(clippy::disallowed_methods, reason = "the scoped upsert, next to the other helpers")]
    pub(crate) async fn upsert<A>(
        &mut self,
        row: A,
        conflict: OnConflict,
    ) -> Result<Option<<A::Entity as EntityTrait>::Model>, StoreError>
    where
        A: ActiveModelTrait + Send,
        A::Entity: OrgOwned,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        let rows = self.in_scope(vec![row])?;
        let written = A::Entity::insert_many(rows).on_conflict(conflict).exec_with_returning(&self.txn).await?;
        self.changed |= !written.is_empty();
        Ok(written.into_iter().next())
    }

    /// [`Tx::upsert`] for several rows in one statement; returns the primary keys of the rows
    /// inserted or updated (those the update's condition left alone are not among them). Only
    /// the keys: the caller built the rows, and a row may be long (a kept answer).
    #[allow(clippy::disallowed_methods, reason = "the scoped upsert, next to the other helpers")]
    pub(crate) async fn upsert_many<A>(
        &mut self,
        rows: Vec<A>,
        conflict: OnConflict,
    ) -> Result<Vec<<<A::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType>, StoreError>
    where
        A: ActiveModelTrait + Send,
        A::Entity: OrgOwned,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let rows = self.in_scope(rows)?;
        let written = A::Entity::insert_many(rows).on_conflict(conflict).exec_with_returning_keys(&self.txn).await?;
        self.changed |= !written.is_empty();
        Ok(written)
    }

    /// The change of [`Tx::upsert_many`], to make with others ([`Tx::at_commit`]): it must touch
    /// every row, inserted or updated; `None` without rows.
    pub(crate) fn upserting_many<A>(&self, rows: Vec<A>, conflict: OnConflict) -> Result<Option<Change>, StoreError>
    where
        A: ActiveModelTrait + Send,
        A::Entity: OrgOwned,
    {
        Ok(self.inserting_many(rows)?.map(|insert| insert.on_conflict(conflict)))
    }

    /// Deletes this organisation's rows of `E` chosen by `build` (rows that are part of an
    /// audited record, such as an agreement draft's lines, replaced with it).
    pub(crate) async fn delete<E: OrgOwned>(
        &mut self,
        build: impl FnOnce(DeleteMany<E>) -> DeleteMany<E>,
    ) -> Result<u64, StoreError> {
        let deleted = build(scope::delete::<E>(self.scope()?)).exec(&self.txn).await?.rows_affected;
        self.changed |= deleted > 0;
        Ok(deleted)
    }

    /// Runs a deletion of rows of a table that belongs to no organisation.
    pub(crate) async fn delete_global<E: Global>(
        &mut self,
        build: impl FnOnce(DeleteMany<E>) -> DeleteMany<E>,
    ) -> Result<u64, StoreError> {
        let deleted = build(scope::delete_global::<E>()).exec(&self.txn).await?.rows_affected;
        self.changed |= deleted > 0;
        Ok(deleted)
    }

    /// Translates a failed write of `row` into the business rule it broke, if it broke one.
    async fn explain<A: ActiveModelTrait>(&self, err: DbErr, row: &A) -> StoreError {
        let table = A::Entity::default().table_name().to_owned();
        match constraints::broken(&err, &table) {
            Some(Broken::Rule(rule)) => rule.meaning.into_error(),
            Some(Broken::UnnamedReference) => match self.missing_reference(&table, row).await {
                Ok(Some(error)) => error,
                Ok(None) | Err(_) => StoreError::Db(err),
            },
            None => StoreError::Db(err),
        }
    }

    /// Which of `table`'s references in `row` points at no row: asked of the database only when
    /// SQLite refused a write without naming the foreign key (it leaves the transaction usable).
    async fn missing_reference<A: ActiveModelTrait>(&self, table: &str, row: &A) -> Result<Option<StoreError>, DbErr> {
        for rule in constraints::references_of(table) {
            let mut probe = Query::select();
            probe.expr(Expr::val(1)).from(Alias::new(rule.target)).limit(1);
            // A reference with a null column is not checked by the database: not the culprit.
            let mut checkable = true;
            for (column, target_column) in rule.columns.iter().zip(rule.target_columns) {
                let value = <A::Entity as EntityTrait>::Column::iter()
                    .find(|c| c.as_str() == *column)
                    .map(|c| row.get(c))
                    .and_then(|value| match value {
                        ActiveValue::Set(value) | ActiveValue::Unchanged(value) => Some(value),
                        ActiveValue::NotSet => None,
                    })
                    .filter(|value| *value != value.as_null());
                match value {
                    Some(value) => {
                        probe.and_where(Expr::col(Alias::new(*target_column)).eq(value));
                    }
                    None => checkable = false,
                }
            }
            if checkable && self.txn.query_one(&probe).await?.is_none() {
                return Ok(Some(rule.meaning.into_error()));
            }
        }
        Ok(None)
    }
}
