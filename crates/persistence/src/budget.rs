//! The budget (business rule 7): a unit's budget lines of a fiscal year, their ceilings and
//! revisions, and the counters that agreements, orders and payments move.
//!
//! The counters are never typed in. Each is moved by one conditional `UPDATE` in the transaction
//! that writes the agreement, order or payment that makes it up, and a CHECK on the table backs
//! the condition: two writers racing for the last rupiah cannot both have it.

use chrono::{DateTime, Utc};
use mitra_domain::audit::AuditAction;
use mitra_domain::budget::{CeilingRevision, Figures, NewBudgetLine};
use mitra_domain::policy::FiscalYear;
use sea_orm::sea_query::{Expr, ExprTrait, LockType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use uuid::Uuid;

use crate::columns::rupiah;
use crate::entities::{budget_line, budget_line_revision, unit};
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::{Reference, Refusal, Store, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLineRecord {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub fiscal_year: FiscalYear,
    pub account_code: String,
    pub name: String,
    /// The ceiling as first adopted (*pagu murni*); `figures.ceiling` is the one in force.
    pub original_ceiling: mitra_domain::money::Rupiah,
    pub figures: Figures,
    pub revisions: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<budget_line::Model> for BudgetLineRecord {
    type Error = DbErr;

    fn try_from(row: budget_line::Model) -> Result<Self, DbErr> {
        Ok(BudgetLineRecord {
            id: row.id,
            unit_id: row.unit_id,
            fiscal_year: FiscalYear::parse(row.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?,
            account_code: row.account_code,
            name: row.name,
            original_ceiling: rupiah(row.original_ceiling)?,
            figures: Figures {
                ceiling: rupiah(row.ceiling)?,
                allocated: rupiah(row.allocated)?,
                committed: rupiah(row.committed)?,
                realised: rupiah(row.realised)?,
            },
            revisions: row.revisions,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

/// A budget line with the unit a person recognises it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLineView {
    pub line: BudgetLineRecord,
    pub unit_code: String,
    pub unit_name: String,
}

pub async fn create(tx: &mut Tx, new: NewBudgetLine) -> Result<BudgetLineRecord, StoreError> {
    let now = Utc::now();
    let row = tx
        .insert(budget_line::ActiveModel {
            id: Set(Uuid::now_v7()),
            unit_id: Set(new.unit_id),
            fiscal_year: Set(new.fiscal_year.year()),
            account_code: Set(new.account_code),
            name: Set(new.name),
            original_ceiling: Set(new.ceiling.amount()),
            ceiling: Set(new.ceiling.amount()),
            allocated: Set(0),
            committed: Set(0),
            realised: Set(0),
            revisions: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::BudgetLineCreated, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// Renames a line or corrects its account code, if it is still at `expected_version`.
pub async fn rename(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    account_code: String,
    name: String,
) -> Result<BudgetLineRecord, StoreError> {
    let before = lock_line(tx, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let changed = budget_line::ActiveModel {
        id: Set(id),
        account_code: Set(account_code),
        name: Set(name),
        ..Default::default()
    };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::BudgetLineUpdated, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

/// Revises the ceiling (*pagu perubahan*), never below what agreements reserve or what orders
/// and payments use, and keeps the revision with its reason.
pub async fn revise(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    revision: CeilingRevision,
) -> Result<BudgetLineRecord, StoreError> {
    let before = lock_line(tx, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let ceiling = revision.ceiling.amount();
    if ceiling < before.allocated || ceiling < before.committed + before.realised {
        return Err(StoreError::Refused(Refusal::CeilingBelowCommitments));
    }
    let number = before.revisions + 1;
    let changed =
        budget_line::ActiveModel { id: Set(id), ceiling: Set(ceiling), revisions: Set(number), ..Default::default() };
    let after = tx.save(&before, changed).await?;
    tx.insert(budget_line_revision::ActiveModel {
        id: Set(Uuid::now_v7()),
        budget_line_id: Set(id),
        number: Set(number),
        from_ceiling: Set(before.ceiling),
        to_ceiling: Set(ceiling),
        reason: Set(revision.reason),
        actor_id: Set(tx.actor_id()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .await?;
    tx.record(AuditAction::BudgetLineRevised, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

/// Reserves `amount` of the line's unallocated ceiling for an agreement (or gives back a
/// negative amount). Refused when the line has not that much unallocated.
pub(crate) async fn allocate(tx: &mut Tx, id: Uuid, amount: i64) -> Result<(), StoreError> {
    move_counter(tx, id, budget_line::Column::Allocated, amount, |update| {
        update
            .filter(Expr::col(budget_line::Column::Allocated).add(amount).lte(Expr::col(budget_line::Column::Ceiling)))
    })
    .await
    .map_err(|refused| refused.unwrap_or(StoreError::Refused(Refusal::BudgetLineFullyAllocated)))
}

/// Commits `amount` for an order (or releases a negative amount). Refused when orders and
/// payments would pass the ceiling.
pub(crate) async fn commit(tx: &mut Tx, id: Uuid, amount: i64) -> Result<(), StoreError> {
    move_counter(tx, id, budget_line::Column::Committed, amount, |update| {
        update.filter(
            Expr::col(budget_line::Column::Committed)
                .add(Expr::col(budget_line::Column::Realised))
                .add(amount)
                .lte(Expr::col(budget_line::Column::Ceiling)),
        )
    })
    .await
    .map_err(|refused| refused.unwrap_or(StoreError::Refused(Refusal::BudgetExceeded)))
}

/// Turns an order's commitment into a payment: `committed` less what the order held, `realised`
/// plus what was paid (more when VAT came on top of the price). Refused when that would pass the
/// ceiling.
pub(crate) async fn realise(tx: &mut Tx, id: Uuid, held: i64, paid: i64) -> Result<(), StoreError> {
    let moved = tx
        .update::<budget_line::Entity>(|update| {
            update
                .col_expr(budget_line::Column::Committed, Expr::col(budget_line::Column::Committed).sub(held))
                .col_expr(budget_line::Column::Realised, Expr::col(budget_line::Column::Realised).add(paid))
                .filter(budget_line::Column::Id.eq(id))
                .filter(
                    Expr::col(budget_line::Column::Committed)
                        .sub(held)
                        .add(Expr::col(budget_line::Column::Realised))
                        .add(paid)
                        .lte(Expr::col(budget_line::Column::Ceiling)),
                )
        })
        .await?;
    if moved == 0 { Err(StoreError::Refused(Refusal::BudgetExceeded)) } else { Ok(()) }
}

/// Adds `amount` to `counter` of line `id`; an increase only where `guard` allows it. `Err(None)`
/// means the guard refused.
async fn move_counter(
    tx: &mut Tx,
    id: Uuid,
    counter: budget_line::Column,
    amount: i64,
    guard: impl FnOnce(sea_orm::UpdateMany<budget_line::Entity>) -> sea_orm::UpdateMany<budget_line::Entity>,
) -> Result<(), Option<StoreError>> {
    if amount == 0 {
        return Ok(());
    }
    let moved = tx
        .update::<budget_line::Entity>(|update| {
            let update =
                update.col_expr(counter, Expr::col(counter).add(amount)).filter(budget_line::Column::Id.eq(id));
            if amount > 0 { guard(update) } else { update }
        })
        .await
        .map_err(Some)?;
    if moved == 0 { Err(None) } else { Ok(()) }
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<BudgetLineView, StoreError> {
    let row = scope::find::<budget_line::Entity>(store.db(), scope, id).await?;
    Ok(views(store.db(), scope, vec![row.try_into()?]).await?.remove(0))
}

/// The line as the write sees it, for other areas' commands: an unknown id is an unknown
/// `budget_line_id`.
pub(crate) async fn line_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<BudgetLineView, StoreError> {
    let row = match scope::find::<budget_line::Entity>(conn, scope, id).await {
        Err(StoreError::NotFound) => return Err(StoreError::UnknownReference(Reference::BudgetLine)),
        found => found?,
    };
    Ok(views(conn, scope, vec![row.try_into()?]).await?.remove(0))
}

/// The unit a budget line belongs to, in one statement (an official number carries its code).
pub(crate) async fn unit_of_line(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    line_id: Uuid,
) -> Result<unit::Model, StoreError> {
    let line = scope::select::<budget_line::Entity>(scope)
        .select_only()
        .column(budget_line::Column::UnitId)
        .filter(budget_line::Column::Id.eq(line_id))
        .into_query();
    scope::select::<unit::Entity>(scope)
        .filter(unit::Column::Id.in_subquery(line))
        .one(conn)
        .await?
        .ok_or(StoreError::UnknownReference(Reference::BudgetLine))
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BudgetLineFilter {
    pub fiscal_year: Option<FiscalYear>,
    pub unit_id: Option<Uuid>,
}

/// Lines in the order they were adopted; the cursor is the last one's id (UUIDv7).
pub async fn list(
    store: &Store,
    scope: OrgScope,
    filter: &BudgetLineFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<BudgetLineView, Uuid>, StoreError> {
    let mut query = scope::select::<budget_line::Entity>(scope);
    if let Some(year) = filter.fiscal_year {
        query = query.filter(budget_line::Column::FiscalYear.eq(year.year()));
    }
    if let Some(unit_id) = filter.unit_id {
        query = query.filter(budget_line::Column::UnitId.eq(unit_id));
    }
    if let Some(after) = page.after {
        query = query.filter(budget_line::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(budget_line::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(BudgetLineRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    let page = Page::from_overfetch(records, page.limit, |line: &BudgetLineRecord| line.id);
    Ok(Page { items: views(store.db(), scope, page.items).await?, next: page.next })
}

/// A fiscal year's budget for publication: its lines' figures added up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearSummary {
    pub fiscal_year: FiscalYear,
    pub lines: u64,
    pub original_ceiling: mitra_domain::money::Rupiah,
    pub figures: Figures,
}

/// Adds up the year's lines (of one unit, if given), in the database.
pub async fn summary(
    store: &Store,
    scope: OrgScope,
    fiscal_year: FiscalYear,
    unit_id: Option<Uuid>,
) -> Result<YearSummary, StoreError> {
    use sea_orm::FromQueryResult;
    use sea_orm::sea_query::Func;

    #[derive(FromQueryResult)]
    struct Sums {
        lines: i64,
        original_ceiling: Option<i64>,
        ceiling: Option<i64>,
        allocated: Option<i64>,
        committed: Option<i64>,
        realised: Option<i64>,
    }
    let mut query = scope::select::<budget_line::Entity>(scope)
        .select_only()
        .column_as(Expr::col(budget_line::Column::Id).count(), "lines")
        .filter(budget_line::Column::FiscalYear.eq(fiscal_year.year()));
    for (column, name) in [
        (budget_line::Column::OriginalCeiling, "original_ceiling"),
        (budget_line::Column::Ceiling, "ceiling"),
        (budget_line::Column::Allocated, "allocated"),
        (budget_line::Column::Committed, "committed"),
        (budget_line::Column::Realised, "realised"),
    ] {
        // Cast: PostgreSQL sums a BIGINT into a NUMERIC.
        let sum = Func::cast_as(Func::sum(Expr::col(column)), sea_orm::sea_query::Alias::new("BIGINT"));
        query = query.column_as(Expr::expr(sum), name);
    }
    if let Some(unit_id) = unit_id {
        query = query.filter(budget_line::Column::UnitId.eq(unit_id));
    }
    let sums = query.into_model::<Sums>().one(store.db()).await?.ok_or(StoreError::NotFound)?;
    let amount = |value: Option<i64>| rupiah(value.unwrap_or(0));
    Ok(YearSummary {
        fiscal_year,
        lines: u64::try_from(sums.lines).unwrap_or(0),
        original_ceiling: amount(sums.original_ceiling)?,
        figures: Figures {
            ceiling: amount(sums.ceiling)?,
            allocated: amount(sums.allocated)?,
            committed: amount(sums.committed)?,
            realised: amount(sums.realised)?,
        },
    })
}

/// A ceiling's revision as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRecord {
    pub number: i32,
    pub from_ceiling: mitra_domain::money::Rupiah,
    pub to_ceiling: mitra_domain::money::Rupiah,
    pub reason: String,
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// The line's revisions, oldest first.
pub async fn revisions(store: &Store, scope: OrgScope, id: Uuid) -> Result<Vec<RevisionRecord>, StoreError> {
    scope::find::<budget_line::Entity>(store.db(), scope, id).await?;
    let rows = scope::select::<budget_line_revision::Entity>(scope)
        .filter(budget_line_revision::Column::BudgetLineId.eq(id))
        .order_by_asc(budget_line_revision::Column::Number)
        .all(store.db())
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(RevisionRecord {
                number: row.number,
                from_ceiling: rupiah(row.from_ceiling)?,
                to_ceiling: rupiah(row.to_ceiling)?,
                reason: row.reason,
                actor_id: row.actor_id,
                at: row.created_at,
            })
        })
        .collect()
}

/// Names the lines' units, reading the table once.
async fn views(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    lines: Vec<BudgetLineRecord>,
) -> Result<Vec<BudgetLineView>, StoreError> {
    let units = scope::by_id::<unit::Entity>(conn, scope, lines.iter().map(|line| line.unit_id)).await?;
    lines
        .into_iter()
        .map(|line| {
            let unit = units.iter().find(|unit| unit.id == line.unit_id).ok_or(StoreError::NotFound)?;
            Ok(BudgetLineView { unit_code: unit.code.clone(), unit_name: unit.name.clone(), line })
        })
        .collect()
}

/// The line, locked until the write ends: a revision weighs the counters it must not pass.
async fn lock_line(tx: &Tx, id: Uuid) -> Result<budget_line::Model, StoreError> {
    scope::select::<budget_line::Entity>(tx.scope()?)
        .filter(budget_line::Column::Id.eq(id))
        .lock(LockType::NoKeyUpdate)
        .one(tx.conn())
        .await?
        .ok_or(StoreError::NotFound)
}
