//! Agreements (business rules 4 and 7): drafted for the company of an approved application,
//! priced line by line from the rate card of the policy it was approved under, numbered from the
//! organisation's pattern, and - once active - holding their ceiling on a budget line.
//!
//! The agreement and its lines are one audited record: every event carries the agreement with
//! its lines. Orders move the agreement's and its lines' counters through the `pub(crate)`
//! commands at the end, inside the order's own transaction.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use mitra_domain::agreements::{
    AgreementKind, AgreementLine, AgreementState, AgreementStep, Negotiation, StepRequest, TerminationGround, Terms,
};
use mitra_domain::applications::ApplicationState;
use mitra_domain::audit::AuditAction;
use mitra_domain::money::Rupiah;
use mitra_domain::policy::{FiscalYear, NumberedDocument, Policy};
use mitra_domain::press::MediaType;
use mitra_domain::registry::CompanyStatus;
use mitra_domain::{Violation, ViolationCode, Violations};
use sea_orm::sea_query::{Expr, ExprTrait, LockType};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use crate::applications::find_application;
use crate::budget::{self, BudgetLineView};
use crate::columns::{rupiah, vocabulary};
use crate::entities::{agreement, agreement_amendment, agreement_line, application, order, outlet, press_company};
use crate::page::{Page, PageRequest};
use crate::registry::company_on;
use crate::scope::{self, OrgScope};
use crate::tx::Audited;
use crate::{Reference, Refusal, Store, StoreError, Tx, numbering, policy};

/// A line as kept: its negotiation, the rate card entry it was priced by, and what is ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRecord {
    pub id: Uuid,
    pub product: String,
    pub quota: u32,
    /// Units on orders that were not declined or cancelled.
    pub ordered: u32,
    pub negotiation: Negotiation,
    pub rate_max: Rupiah,
    pub tax_inclusive: bool,
    pub legal_basis: String,
}

impl TryFrom<agreement_line::Model> for LineRecord {
    type Error = DbErr;

    fn try_from(row: agreement_line::Model) -> Result<Self, DbErr> {
        let count = |value: i32| u32::try_from(value).map_err(|err| DbErr::Type(err.to_string()));
        Ok(LineRecord {
            id: row.id,
            product: row.product,
            quota: count(row.quota)?,
            ordered: count(row.ordered)?,
            negotiation: Negotiation {
                offered: rupiah(row.offered_price)?,
                reference: rupiah(row.reference_price)?,
                agreed: rupiah(row.agreed_price)?,
                note: row.negotiation_note,
            },
            rate_max: rupiah(row.rate_max)?,
            tax_inclusive: row.tax_inclusive,
            legal_basis: row.legal_basis,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementRecord {
    pub id: Uuid,
    pub number: String,
    pub application_id: Uuid,
    pub company_id: Uuid,
    pub outlet_id: Uuid,
    pub fiscal_year: FiscalYear,
    pub policy_version_id: Uuid,
    pub media_type: MediaType,
    pub tier: String,
    pub kind: AgreementKind,
    pub title: String,
    pub external_order_id: Option<String>,
    pub budget_line_id: Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub ceiling: Rupiah,
    /// What it holds on its budget line.
    pub reserved: Rupiah,
    /// Orders issued and not yet paid, declined or cancelled.
    pub committed: Rupiah,
    pub realised: Rupiah,
    pub state: AgreementState,
    pub ground: Option<TerminationGround>,
    pub last_reason: Option<String>,
    pub amendments: i32,
    pub activated_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    pub lines: Vec<LineRecord>,
}

impl AgreementRecord {
    pub(crate) fn from_rows(row: agreement::Model, lines: Vec<agreement_line::Model>) -> Result<Self, DbErr> {
        Ok(AgreementRecord {
            id: row.id,
            number: row.number,
            application_id: row.application_id,
            company_id: row.company_id,
            outlet_id: row.outlet_id,
            fiscal_year: FiscalYear::parse(row.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?,
            policy_version_id: row.policy_version_id,
            media_type: vocabulary(&row.media_type)?,
            tier: row.tier,
            kind: vocabulary(&row.kind)?,
            title: row.title,
            external_order_id: row.external_order_id,
            budget_line_id: row.budget_line_id,
            starts_on: row.starts_on,
            ends_on: row.ends_on,
            ceiling: rupiah(row.ceiling)?,
            reserved: rupiah(row.reserved)?,
            committed: rupiah(row.committed)?,
            realised: rupiah(row.realised)?,
            state: vocabulary(&row.state)?,
            ground: row.ground.as_deref().map(vocabulary).transpose()?,
            last_reason: row.last_reason,
            amendments: row.amendments,
            activated_at: row.activated_at,
            closed_at: row.closed_at,
            created_by: row.created_by,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
            lines: lines.into_iter().map(LineRecord::try_from).collect::<Result<_, _>>()?,
        })
    }

    /// What is left of the ceiling for new orders.
    pub fn remaining(&self) -> Rupiah {
        Rupiah::new(self.ceiling.amount() - self.committed.amount() - self.realised.amount()).unwrap_or(Rupiah::ZERO)
    }
}

/// An agreement with the names a person recognises it by, and its budget line's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementView {
    pub agreement: AgreementRecord,
    pub company_name: String,
    pub outlet_name: String,
    pub budget_line: BudgetLineView,
}

/// The agreement with its lines, as the audit trail and the amendment history keep it.
#[derive(Debug, Serialize)]
struct Snapshot {
    #[serde(flatten)]
    agreement: agreement::Model,
    lines: Vec<agreement_line::Model>,
}

impl Audited for Snapshot {
    fn entity_id(&self) -> String {
        self.agreement.id.to_string()
    }
}

/// What prices an agreement: the policy the company was approved under, the outlet's media
/// type and the tier its score reached, in the application's fiscal year.
struct Basis {
    year: FiscalYear,
    policy: Policy,
    media_type: MediaType,
    tier: String,
    application: application::Model,
}

async fn basis(conn: &impl ConnectionTrait, scope: OrgScope, application_id: Uuid) -> Result<Basis, StoreError> {
    let application = match find_application(conn, scope, application_id).await {
        Err(StoreError::NotFound) => return Err(StoreError::UnknownReference(Reference::Application)),
        found => found?,
    };
    let state: ApplicationState = vocabulary(&application.state)?;
    let Some(tier) = application.tier.clone().filter(|_| state == ApplicationState::Approved) else {
        return Err(StoreError::Refused(Refusal::ApplicationNotApproved));
    };
    let (policy, media_type) = crate::applications::judged_by(conn, scope, &application).await?;
    let year = FiscalYear::parse(application.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?;
    Ok(Basis { year, policy, media_type, tier, application })
}

/// Judges `terms` against the basis and the budget line they name, which must be of the same
/// fiscal year; answers the line.
async fn judge(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    terms: &Terms,
    basis: &Basis,
) -> Result<BudgetLineView, StoreError> {
    let judged = terms.judge(basis.year, &basis.policy, basis.media_type, &basis.tier);
    let line = budget::line_on(conn, scope, terms.budget_line_id).await?;
    let mut violations = judged.err().unwrap_or_default();
    if line.line.fiscal_year != basis.year {
        violations.push(Violation::new(
            "budget_line_id",
            ViolationCode::InvalidValue,
            format!("a budget line of fiscal year {}", basis.year.year()),
        ));
    }
    violations.finish(|| Some(line)).map_err(StoreError::Invalid)
}

/// Drafts an agreement for the company of approved application `application_id`, numbered now
/// from the organisation's pattern.
pub async fn create(
    tx: &mut Tx,
    application_id: Uuid,
    terms: Terms,
    today: NaiveDate,
) -> Result<AgreementRecord, StoreError> {
    let scope = tx.scope()?;
    let basis = basis(tx.conn(), scope, application_id).await?;
    if today.year() > basis.year.year() {
        return Err(StoreError::Refused(Refusal::FiscalYearOver));
    }
    let company = company_on(tx.conn(), scope, basis.application.company_id).await?;
    if company.status != CompanyStatus::Active {
        return Err(StoreError::Refused(Refusal::CompanyNotActive));
    }
    let budget_line = judge(tx.conn(), scope, &terms, &basis).await?;
    let number = numbering::next(
        tx,
        &basis.policy,
        NumberedDocument::Agreement,
        basis.year.year(),
        &budget_line.unit_code,
        today,
    )
    .await?;
    let now = Utc::now();
    let id = Uuid::now_v7();
    let row = tx
        .insert(agreement::ActiveModel {
            id: Set(id),
            number: Set(number),
            application_id: Set(application_id),
            company_id: Set(basis.application.company_id),
            outlet_id: Set(basis.application.outlet_id),
            fiscal_year: Set(basis.year.year()),
            policy_version_id: Set(basis.application.policy_version_id),
            media_type: Set(basis.media_type.as_str().to_owned()),
            tier: Set(basis.tier.clone()),
            kind: Set(terms.kind.as_str().to_owned()),
            title: Set(terms.title.clone()),
            external_order_id: Set(terms.external_order_id.clone()),
            budget_line_id: Set(terms.budget_line_id),
            starts_on: Set(terms.starts_on),
            ends_on: Set(terms.ends_on),
            ceiling: Set(terms.ceiling.amount()),
            reserved: Set(0),
            committed: Set(0),
            realised: Set(0),
            state: Set(AgreementState::Draft.as_str().to_owned()),
            ground: Set(None),
            last_reason: Set(None),
            amendments: Set(0),
            activated_at: Set(None),
            closed_at: Set(None),
            created_by: Set(tx.actor_id()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    let lines = write_lines(tx, id, &terms.lines, &basis, &[]).await?;
    let after = Snapshot { agreement: row, lines };
    tx.record(AuditAction::AgreementCreated, None, Some(&after))?;
    Ok(AgreementRecord::from_rows(after.agreement, after.lines)?)
}

/// Replaces a draft's terms, if it is still at `expected_version`.
pub async fn update_draft(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    terms: Terms,
    today: NaiveDate,
) -> Result<AgreementRecord, StoreError> {
    let scope = tx.scope()?;
    let before = lock(tx, id).await?;
    if before.agreement.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    if vocabulary::<AgreementState>(&before.agreement.state)? != AgreementState::Draft {
        return Err(StoreError::Refused(Refusal::AgreementNotDraft));
    }
    if today.year() > before.agreement.fiscal_year {
        return Err(StoreError::Refused(Refusal::FiscalYearOver));
    }
    let basis = basis(tx.conn(), scope, before.agreement.application_id).await?;
    judge(tx.conn(), scope, &terms, &basis).await?;
    tx.delete::<agreement_line::Entity>(|delete| delete.filter(agreement_line::Column::AgreementId.eq(id))).await?;
    let lines = write_lines(tx, id, &terms.lines, &basis, &[]).await?;
    let changed = terms_changed(id, &terms);
    let agreement = tx.save(&before.agreement, changed).await?;
    let after = Snapshot { agreement, lines };
    tx.record(AuditAction::AgreementUpdated, Some(&before), Some(&after))?;
    Ok(AgreementRecord::from_rows(after.agreement, after.lines)?)
}

/// Amends an active agreement's terms, keeping the terms before and after with the reason.
///
/// Its kind and budget line stay; a line keeps what was ordered under it, so its quota cannot
/// fall below that, and a product with orders cannot leave; the ceiling cannot fall below what
/// orders and payments use. A higher ceiling is reserved on the budget line, a lower one given
/// back, in the same transaction.
pub async fn amend(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    terms: Terms,
    reason: String,
    today: NaiveDate,
) -> Result<AgreementRecord, StoreError> {
    let scope = tx.scope()?;
    let before = lock(tx, id).await?;
    let current = &before.agreement;
    if current.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    if vocabulary::<AgreementState>(&current.state)? != AgreementState::Active {
        return Err(StoreError::Refused(Refusal::AgreementNotActive));
    }
    if today.year() > current.fiscal_year {
        return Err(StoreError::Refused(Refusal::FiscalYearOver));
    }
    let basis = basis(tx.conn(), scope, current.application_id).await?;
    let mut violations = match judge(tx.conn(), scope, &terms, &basis).await {
        Ok(_) => Violations::new(),
        Err(StoreError::Invalid(violations)) => violations,
        Err(other) => return Err(other),
    };
    if terms.kind.as_str() != current.kind {
        violations.push(Violation::new("kind", ViolationCode::InvalidValue, "an amendment keeps the agreement's kind"));
    }
    if terms.budget_line_id != current.budget_line_id {
        violations.push(Violation::new(
            "budget_line_id",
            ViolationCode::InvalidValue,
            "an amendment keeps the agreement's budget line",
        ));
    }
    if terms.ceiling.amount() < current.committed + current.realised {
        violations.push(Violation::new(
            "ceiling",
            ViolationCode::OutOfRange,
            format!(
                "orders and payments already use {}",
                Rupiah::new(current.committed + current.realised).unwrap_or_default()
            ),
        ));
    }
    for (index, line) in terms.lines.iter().enumerate() {
        if let Some(kept) = before.lines.iter().find(|kept| kept.product == line.product)
            && i64::from(line.quota) < i64::from(kept.ordered)
        {
            violations.push(Violation::new(
                format!("lines[{index}].quota"),
                ViolationCode::OutOfRange,
                format!("{} units are already ordered", kept.ordered),
            ));
        }
    }
    let removed: Vec<&agreement_line::Model> =
        before.lines.iter().filter(|kept| !terms.lines.iter().any(|line| line.product == kept.product)).collect();
    let ordered_under = if removed.is_empty() {
        Vec::new()
    } else {
        scope::select::<order::Entity>(scope)
            .filter(order::Column::AgreementLineId.is_in(removed.iter().map(|kept| kept.id)))
            .all(tx.conn())
            .await?
    };
    for kept in removed {
        if ordered_under.iter().any(|order| order.agreement_line_id == kept.id) {
            violations.push(Violation::new(
                "lines",
                ViolationCode::InvalidValue,
                format!("{} has orders: it stays on the agreement", kept.product),
            ));
        }
    }
    violations.finish(|| Some(())).map_err(StoreError::Invalid)?;
    budget::allocate(tx, current.budget_line_id, terms.ceiling.amount() - current.reserved).await?;
    let lines = write_lines(tx, id, &terms.lines, &basis, &before.lines).await?;
    let number = current.amendments + 1;
    let mut changed = terms_changed(id, &terms);
    changed.reserved = Set(terms.ceiling.amount());
    changed.amendments = Set(number);
    changed.last_reason = Set(Some(reason.clone()));
    let agreement = tx.save(current, changed).await?;
    let after = Snapshot { agreement, lines };
    let json = |snapshot: &Snapshot| serde_json::to_value(snapshot).map_err(|err| DbErr::Json(err.to_string()));
    tx.insert(agreement_amendment::ActiveModel {
        id: Set(Uuid::now_v7()),
        agreement_id: Set(id),
        number: Set(number),
        reason: Set(reason),
        before: Set(json(&before)?),
        after: Set(json(&after)?),
        actor_id: Set(tx.actor_id()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .await?;
    tx.record(AuditAction::AgreementAmended, Some(&before), Some(&after))?;
    Ok(AgreementRecord::from_rows(after.agreement, after.lines)?)
}

/// Takes a step of the agreement's life if it is still at `expected_version`.
///
/// Activating reserves the ceiling on the budget line (refused when the line has not that much
/// unallocated) and needs the company active; closing (completing, terminating, expiring) keeps
/// reserved only what orders and payments use and gives the rest back to the line.
pub async fn take_step(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    request: StepRequest,
    today: NaiveDate,
) -> Result<AgreementRecord, StoreError> {
    let scope = tx.scope()?;
    let before = lock(tx, id).await?;
    let current = &before.agreement;
    let from: AgreementState = vocabulary(&current.state)?;
    let step = request.step;
    let to = step.from(from).ok_or(StoreError::Refused(Refusal::StepNotAllowed))?;
    if current.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let now = Utc::now();
    let mut changed = agreement::ActiveModel { id: Set(id), state: Set(to.as_str().to_owned()), ..Default::default() };
    match step {
        AgreementStep::Activate => {
            if today > current.ends_on || today.year() > current.fiscal_year {
                return Err(StoreError::Refused(Refusal::FiscalYearOver));
            }
            let company = company_on(tx.conn(), scope, current.company_id).await?;
            if company.status != CompanyStatus::Active {
                return Err(StoreError::Refused(Refusal::CompanyNotActive));
            }
            // The application may have lapsed or the rate card's basis moved since drafting.
            let basis = basis(tx.conn(), scope, current.application_id).await?;
            let terms = terms_of(&AgreementRecord::from_rows(current.clone(), before.lines.clone())?);
            judge(tx.conn(), scope, &terms, &basis).await?;
            budget::allocate(tx, current.budget_line_id, current.ceiling).await?;
            changed.reserved = Set(current.ceiling);
            changed.activated_at = Set(Some(now));
            policy::mark_used(tx, current.policy_version_id).await?;
        }
        AgreementStep::Complete | AgreementStep::Terminate | AgreementStep::Expire => {
            if step == AgreementStep::Expire && today <= current.ends_on {
                return Err(StoreError::Refused(Refusal::AgreementNotEnded));
            }
            let used = current.committed + current.realised;
            budget::allocate(tx, current.budget_line_id, used - current.reserved).await?;
            changed.reserved = Set(used);
            changed.closed_at = Set(Some(now));
            changed.ground = Set(request.ground.map(|ground| ground.as_str().to_owned()));
        }
    }
    if request.reason.is_some() {
        changed.last_reason = Set(request.reason);
    }
    let agreement = tx.save(current, changed).await?;
    let after = Snapshot { agreement, lines: before.lines.clone() };
    tx.record(step.audit_action(), Some(&before), Some(&after))?;
    Ok(AgreementRecord::from_rows(after.agreement, after.lines)?)
}

/// Why the sweep closed an agreement, as its `last_reason` and audit event show it.
pub const EXPIRY_REASON: &str = "Masa berlaku perjanjian telah berakhir";

/// Expires every active agreement whose period ended before `today`, in every organisation,
/// each in its own audited write by no user (the system): what its orders and payments do not
/// use goes back to its budget line, as an officer's expiry would give it. Nothing else about
/// the agreement changes, and its orders are still published, invoiced and paid after it. Run
/// by the server every hour; returns how many agreements it expired. An agreement another write
/// changed meanwhile is left for the next run.
pub async fn expire_ended(store: &Store, today: NaiveDate) -> Result<usize, StoreError> {
    let mut expired = 0;
    for organisation in crate::organisations::all(store).await? {
        let scope = OrgScope::of(organisation.id);
        let ended = scope::select::<agreement::Entity>(scope)
            .filter(agreement::Column::State.eq(AgreementState::Active.as_str()))
            .filter(agreement::Column::EndsOn.lt(today))
            .order_by_asc(agreement::Column::Id)
            .all(store.db())
            .await?;
        for row in ended {
            let request =
                StepRequest::new(AgreementStep::Expire, None, Some(EXPIRY_REASON)).map_err(StoreError::Invalid)?;
            let step = store
                .write_as(scope, None, Some(format!("expiry-{today}")), async |tx| {
                    take_step(tx, row.id, row.version, request, today).await
                })
                .await;
            match step {
                Ok(_) => expired += 1,
                Err(StoreError::VersionMismatch | StoreError::Refused(Refusal::StepNotAllowed)) => {}
                Err(err) => return Err(err),
            }
        }
    }
    Ok(expired)
}

/// The terms an agreement holds now, as a draft or an amendment would restate them.
pub fn terms_of(agreement: &AgreementRecord) -> Terms {
    Terms {
        kind: agreement.kind,
        title: agreement.title.clone(),
        external_order_id: agreement.external_order_id.clone(),
        budget_line_id: agreement.budget_line_id,
        starts_on: agreement.starts_on,
        ends_on: agreement.ends_on,
        ceiling: agreement.ceiling,
        lines: agreement
            .lines
            .iter()
            .map(|line| AgreementLine {
                product: line.product.clone(),
                quota: line.quota,
                negotiation: line.negotiation.clone(),
            })
            .collect(),
    }
}

fn terms_changed(id: Uuid, terms: &Terms) -> agreement::ActiveModel {
    agreement::ActiveModel {
        id: Set(id),
        kind: Set(terms.kind.as_str().to_owned()),
        title: Set(terms.title.clone()),
        external_order_id: Set(terms.external_order_id.clone()),
        budget_line_id: Set(terms.budget_line_id),
        starts_on: Set(terms.starts_on),
        ends_on: Set(terms.ends_on),
        ceiling: Set(terms.ceiling.amount()),
        ..Default::default()
    }
}

/// Writes the lines with the rate card entry each is priced by. A product that was on the
/// agreement before (`kept`) keeps its row, and so what was ordered under it and the orders that
/// point at it; a kept product that is no longer on the terms is deleted (amendments refuse that
/// for a product with orders before they get here).
async fn write_lines(
    tx: &mut Tx,
    agreement_id: Uuid,
    lines: &[AgreementLine],
    basis: &Basis,
    kept: &[agreement_line::Model],
) -> Result<Vec<agreement_line::Model>, StoreError> {
    let mut rows = Vec::with_capacity(lines.len());
    for (position, line) in lines.iter().enumerate() {
        let rate = basis.policy.rate(basis.media_type, &basis.tier, &line.product).ok_or_else(|| {
            StoreError::Invalid(Violations::from(Violation::new(
                format!("lines[{position}].product"),
                ViolationCode::InvalidValue,
                "the rate card has no price for this product",
            )))
        })?;
        let priced = agreement_line::ActiveModel {
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            quota: Set(i32::try_from(line.quota).unwrap_or(i32::MAX)),
            offered_price: Set(line.negotiation.offered.amount()),
            reference_price: Set(line.negotiation.reference.amount()),
            agreed_price: Set(line.negotiation.agreed.amount()),
            rate_max: Set(rate.max_unit_price.amount()),
            tax_inclusive: Set(rate.tax_inclusive),
            legal_basis: Set(rate.legal_basis.clone()),
            negotiation_note: Set(line.negotiation.note.clone()),
            ..Default::default()
        };
        let row = match kept.iter().find(|row| row.product == line.product) {
            Some(earlier) => tx
                .update_returning::<agreement_line::Entity>(|update| {
                    update.set(priced).filter(agreement_line::Column::Id.eq(earlier.id))
                })
                .await?
                .into_iter()
                .next()
                .ok_or(StoreError::NotFound)?,
            None => {
                tx.insert(agreement_line::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    agreement_id: Set(agreement_id),
                    product: Set(line.product.clone()),
                    ordered: Set(0),
                    ..priced
                })
                .await?
            }
        };
        rows.push(row);
    }
    let gone: Vec<Uuid> =
        kept.iter().filter(|row| !lines.iter().any(|line| line.product == row.product)).map(|row| row.id).collect();
    if !gone.is_empty() {
        tx.delete::<agreement_line::Entity>(|delete| delete.filter(agreement_line::Column::Id.is_in(gone))).await?;
    }
    Ok(rows)
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<AgreementView, StoreError> {
    let row = scope::find::<agreement::Entity>(store.db(), scope, id).await?;
    Ok(views(store.db(), scope, vec![row]).await?.remove(0))
}

/// Which agreements to list; the filters combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgreementFilter {
    pub fiscal_year: Option<FiscalYear>,
    pub state: Option<AgreementState>,
    pub company_id: Option<Uuid>,
    pub budget_line_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
}

/// Agreements in the order they were drafted; the cursor is the last one's id (UUIDv7).
pub async fn list(
    store: &Store,
    scope: OrgScope,
    filter: &AgreementFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<AgreementView, Uuid>, StoreError> {
    let mut query = scope::select::<agreement::Entity>(scope);
    if let Some(year) = filter.fiscal_year {
        query = query.filter(agreement::Column::FiscalYear.eq(year.year()));
    }
    if let Some(state) = filter.state {
        query = query.filter(agreement::Column::State.eq(state.as_str()));
    }
    if let Some(company_id) = filter.company_id {
        query = query.filter(agreement::Column::CompanyId.eq(company_id));
    }
    if let Some(budget_line_id) = filter.budget_line_id {
        query = query.filter(agreement::Column::BudgetLineId.eq(budget_line_id));
    }
    if let Some(application_id) = filter.application_id {
        query = query.filter(agreement::Column::ApplicationId.eq(application_id));
    }
    if let Some(after) = page.after {
        query = query.filter(agreement::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(agreement::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let page = Page::from_overfetch(rows, page.limit, |row: &agreement::Model| row.id);
    Ok(Page { items: views(store.db(), scope, page.items).await?, next: page.next })
}

/// An amendment as kept: the terms before and after, with the lines.
#[derive(Debug, Clone, PartialEq)]
pub struct AmendmentRecord {
    pub number: i32,
    pub reason: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// The agreement's amendments, oldest first.
pub async fn amendments(store: &Store, scope: OrgScope, id: Uuid) -> Result<Vec<AmendmentRecord>, StoreError> {
    scope::find::<agreement::Entity>(store.db(), scope, id).await?;
    let rows = scope::select::<agreement_amendment::Entity>(scope)
        .filter(agreement_amendment::Column::AgreementId.eq(id))
        .order_by_asc(agreement_amendment::Column::Number)
        .all(store.db())
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| AmendmentRecord {
            number: row.number,
            reason: row.reason,
            before: row.before,
            after: row.after,
            actor_id: row.actor_id,
            at: row.created_at,
        })
        .collect())
}

/// Reads agreements with their lines, companies, outlets and budget lines, each table once.
async fn views(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    rows: Vec<agreement::Model>,
) -> Result<Vec<AgreementView>, StoreError> {
    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let lines = if ids.is_empty() {
        Vec::new()
    } else {
        scope::select::<agreement_line::Entity>(scope)
            .filter(agreement_line::Column::AgreementId.is_in(ids))
            .order_by_asc(agreement_line::Column::Position)
            .all(conn)
            .await?
    };
    let companies = scope::by_id::<press_company::Entity>(conn, scope, rows.iter().map(|r| r.company_id)).await?;
    let outlets = scope::by_id::<outlet::Entity>(conn, scope, rows.iter().map(|r| r.outlet_id)).await?;
    let mut budget_lines = Vec::new();
    for id in rows.iter().map(|row| row.budget_line_id) {
        if !budget_lines.iter().any(|line: &BudgetLineView| line.line.id == id) {
            budget_lines.push(budget::line_on(conn, scope, id).await?);
        }
    }
    rows.into_iter()
        .map(|row| {
            let company = companies.iter().find(|c| c.id == row.company_id).ok_or(StoreError::NotFound)?;
            let outlet = outlets.iter().find(|o| o.id == row.outlet_id).ok_or(StoreError::NotFound)?;
            let budget_line =
                budget_lines.iter().find(|line| line.line.id == row.budget_line_id).ok_or(StoreError::NotFound)?;
            let own = lines.iter().filter(|line| line.agreement_id == row.id).cloned().collect();
            Ok(AgreementView {
                company_name: company.legal_name.clone(),
                outlet_name: outlet.name.clone(),
                budget_line: budget_line.clone(),
                agreement: AgreementRecord::from_rows(row, own)?,
            })
        })
        .collect()
}

/// The agreement and its lines, the agreement locked until the write ends.
async fn lock(tx: &Tx, id: Uuid) -> Result<Snapshot, StoreError> {
    let scope = tx.scope()?;
    let agreement = scope::select::<agreement::Entity>(scope)
        .filter(agreement::Column::Id.eq(id))
        .lock(LockType::NoKeyUpdate)
        .one(tx.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let lines = scope::select::<agreement_line::Entity>(scope)
        .filter(agreement_line::Column::AgreementId.eq(id))
        .order_by_asc(agreement_line::Column::Position)
        .all(tx.conn())
        .await?;
    Ok(Snapshot { agreement, lines })
}

// ---- what orders move, inside the order's transaction ----------------------------------------

/// Takes `quantity` units of the line's quota (or gives back a negative quantity).
pub(crate) async fn take_units(tx: &mut Tx, line_id: Uuid, quantity: i32) -> Result<(), StoreError> {
    let moved = tx
        .update::<agreement_line::Entity>(|update| {
            let update = update
                .col_expr(agreement_line::Column::Ordered, Expr::col(agreement_line::Column::Ordered).add(quantity))
                .filter(agreement_line::Column::Id.eq(line_id));
            if quantity > 0 {
                update.filter(
                    Expr::col(agreement_line::Column::Ordered)
                        .add(quantity)
                        .lte(Expr::col(agreement_line::Column::Quota)),
                )
            } else {
                update
            }
        })
        .await?;
    if moved == 0 { Err(StoreError::Refused(Refusal::LineQuotaExceeded)) } else { Ok(()) }
}

/// Releases `amount` an order had committed (declined, cancelled). A closed agreement reserves
/// only what it uses, so it gives the amount back to its budget line too.
pub(crate) async fn release(tx: &mut Tx, agreement_id: Uuid, amount: i64) -> Result<(), StoreError> {
    let rows = tx
        .update_returning::<agreement::Entity>(|update| {
            update
                .col_expr(agreement::Column::Committed, Expr::col(agreement::Column::Committed).sub(amount))
                .filter(agreement::Column::Id.eq(agreement_id))
        })
        .await?;
    let row = rows.into_iter().next().ok_or(StoreError::NotFound)?;
    if !vocabulary::<AgreementState>(&row.state)?.reserves_ceiling() && row.state != AgreementState::Draft.as_str() {
        tx.update::<agreement::Entity>(|update| {
            update
                .col_expr(agreement::Column::Reserved, Expr::col(agreement::Column::Reserved).sub(amount))
                .filter(agreement::Column::Id.eq(agreement_id))
        })
        .await?;
        budget::allocate(tx, row.budget_line_id, -amount).await?;
    }
    Ok(())
}

/// Turns an order's commitment into a payment on its agreement: `committed` less what the order
/// held, `realised` plus what was paid. Refused when that would pass the ceiling. A closed
/// agreement reserves what it uses, so the difference moves its reservation on the budget line.
pub(crate) async fn realise(tx: &mut Tx, agreement_id: Uuid, held: i64, paid: i64) -> Result<(), StoreError> {
    let rows = tx
        .update_returning::<agreement::Entity>(|update| {
            update
                .col_expr(agreement::Column::Committed, Expr::col(agreement::Column::Committed).sub(held))
                .col_expr(agreement::Column::Realised, Expr::col(agreement::Column::Realised).add(paid))
                .filter(agreement::Column::Id.eq(agreement_id))
                .filter(
                    Expr::col(agreement::Column::Committed)
                        .sub(held)
                        .add(Expr::col(agreement::Column::Realised))
                        .add(paid)
                        .lte(Expr::col(agreement::Column::Ceiling)),
                )
        })
        .await?;
    let row = rows.into_iter().next().ok_or(StoreError::Refused(Refusal::AgreementCeilingExceeded))?;
    let state: AgreementState = vocabulary(&row.state)?;
    if !state.reserves_ceiling() && state != AgreementState::Draft && paid != held {
        tx.update::<agreement::Entity>(|update| {
            update
                .col_expr(agreement::Column::Reserved, Expr::col(agreement::Column::Reserved).add(paid - held))
                .filter(agreement::Column::Id.eq(agreement_id))
        })
        .await?;
        budget::allocate(tx, row.budget_line_id, paid - held).await?;
    }
    Ok(())
}
