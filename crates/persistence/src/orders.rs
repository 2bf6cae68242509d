//! Orders (business rules 2, 5 and 7): issued under an active agreement line, only while the
//! company is eligible on the day, with its number, its commitment on the line's quota, the
//! agreement's ceiling and the budget line, and its audit event - all in one transaction.
//!
//! The three ceilings are moved in one order (line, agreement, budget line), by conditional
//! updates that refuse rather than overspend; a refusal rolls back whatever moved before it.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use mitra_domain::agreements::AgreementState;
use mitra_domain::audit::AuditAction;
use mitra_domain::eligibility::{Standing, press_council_holds};
use mitra_domain::money::Rupiah;
use mitra_domain::orders::{NewOrder, OrderState, OrderStep, StepRequest, amount};
use mitra_domain::policy::{FiscalYear, NumberedDocument, NumberingPattern, Policy};
use mitra_domain::press::{MediaType, PressCouncilStatus};
use mitra_domain::registry::CompanyStatus;
use mitra_domain::{Violation, ViolationCode, Violations};
use sea_orm::sea_query::LockType;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::agreements::{self, AgreementRecord, LineRecord};
use crate::at_once::Change;
use crate::columns::{rupiah, vocabulary};
use crate::entities::{agreement, agreement_line, budget_line, content_item, order, outlet, press_company, unit};
use crate::idempotency::{self, Answer, KeyUse, StoredResponse};
use crate::page::{Page, PageRequest};
use crate::registry::CompanyRecord;
use crate::scope::{self, OrgScope};
use crate::{AuditContext, Reference, Refusal, Store, StoreError, Tx, budget, numbering, policy};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRecord {
    pub id: Uuid,
    pub number: String,
    pub agreement_id: Uuid,
    pub agreement_line_id: Uuid,
    pub budget_line_id: Uuid,
    pub company_id: Uuid,
    pub outlet_id: Uuid,
    pub fiscal_year: FiscalYear,
    pub product: String,
    pub quantity: u32,
    /// The agreed price when the order was issued.
    pub unit_price: Rupiah,
    pub amount: Rupiah,
    pub subject: String,
    pub instructions: Option<String>,
    pub content_item_id: Option<Uuid>,
    pub issued_on: NaiveDate,
    pub due_from: NaiveDate,
    pub due_until: NaiveDate,
    pub state: OrderState,
    pub last_reason: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    /// Units the verified proofs show, once decided: what is paid for.
    pub verified_quantity: Option<u32>,
    pub published_on: Option<NaiveDate>,
}

impl TryFrom<order::Model> for OrderRecord {
    type Error = DbErr;

    fn try_from(row: order::Model) -> Result<Self, DbErr> {
        Ok(OrderRecord {
            id: row.id,
            number: row.number,
            agreement_id: row.agreement_id,
            agreement_line_id: row.agreement_line_id,
            budget_line_id: row.budget_line_id,
            company_id: row.company_id,
            outlet_id: row.outlet_id,
            fiscal_year: FiscalYear::parse(row.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?,
            product: row.product,
            quantity: u32::try_from(row.quantity).map_err(|err| DbErr::Type(err.to_string()))?,
            unit_price: rupiah(row.unit_price)?,
            amount: rupiah(row.amount)?,
            subject: row.subject,
            instructions: row.instructions,
            content_item_id: row.content_item_id,
            issued_on: row.issued_on,
            due_from: row.due_from,
            due_until: row.due_until,
            state: vocabulary(&row.state)?,
            last_reason: row.last_reason,
            created_by: row.created_by,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
            verified_quantity: row
                .verified_quantity
                .map(|units| u32::try_from(units).map_err(|err| DbErr::Type(err.to_string())))
                .transpose()?,
            published_on: row.published_on,
        })
    }
}

/// An order with the names a person recognises it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderView {
    pub order: OrderRecord,
    pub agreement_number: String,
    pub company_name: String,
    pub outlet_name: String,
    pub media_type: MediaType,
    pub content_title: Option<String>,
}

/// Issues an order under an agreement line on `today`: [`issue_many`] with one request, on
/// behalf of the write's own caller.
pub async fn issue(tx: &mut Tx, new: NewOrder, today: NaiveDate) -> Result<OrderView, StoreError> {
    let ctx = tx.context()?;
    issue_many(tx, vec![IssueRequest { ctx, new }], today).await?.pop().unwrap_or(Err(StoreError::NotFound))
}

/// Issues the orders of several requests of one organisation, each with its client's
/// idempotency key, in one write: the keys are claimed, the orders decided ([`issue_many`]), and
/// each request's answer, rendered by `answer`, kept with its key - one commit
/// ([`idempotency::run_keyed`]). If that write fails as a whole, each request is tried alone
/// ([`crate::each_alone_on_failure`]).
pub async fn issue_group(
    store: &Store,
    requests: Vec<(KeyUse, IssueRequest)>,
    today: NaiveDate,
    now: DateTime<Utc>,
    answer: impl Fn(Result<OrderView, StoreError>) -> StoredResponse,
) -> Vec<Result<Answer, StoreError>> {
    crate::each_alone_on_failure(requests, async |group| issue_keyed(store, group, today, now, &answer).await).await
}

async fn issue_keyed(
    store: &Store,
    requests: Vec<(KeyUse, IssueRequest)>,
    today: NaiveDate,
    now: DateTime<Utc>,
    answer: &impl Fn(Result<OrderView, StoreError>) -> StoredResponse,
) -> Result<Vec<Answer>, StoreError> {
    let Some((_, first)) = requests.first() else { return Ok(Vec::new()) };
    let ctx = first.ctx.clone();
    store
        .write(&ctx, async |tx| {
            idempotency::run_keyed(tx, requests, now, async |tx, fresh| issue_many(tx, fresh, today).await, answer)
                .await
        })
        .await
}

/// A request to issue an order, with who asked for it: its event names them.
#[derive(Debug, Clone)]
pub struct IssueRequest {
    pub ctx: AuditContext,
    pub new: NewOrder,
}

/// Issues orders for several requests of the write's organisation at once, each decided as if
/// it came alone after the ones before it: one answer per request, in their order.
///
/// A request is refused unless the agreement is active and `today` inside its period, the
/// company active and its Press Council standing valid today at the policy's minimum, the
/// publication window inside the agreement's period and not before today; and unless the
/// line's quota, the agreement's ceiling and the budget line's ceiling all still have room after
/// the requests accepted before it. A refusal changes nothing; the outer error fails them all.
///
/// Why together: every order of an organisation takes its yearly number, and every write its
/// audit chain head, so one organisation's orders queue on those two rows until each commits.
/// Taken together they queue once: the lines, agreements and budget lines are read and locked
/// once (in the order every writer of their counters keeps: lines, agreements, budget lines),
/// the requests are decided against those counters, and the accepted ones take one block of
/// numbers, then are written with one change per table, all sent at once, and one append to the
/// chain.
pub async fn issue_many(
    tx: &mut Tx,
    requests: Vec<IssueRequest>,
    today: NaiveDate,
) -> Result<Vec<Result<OrderView, StoreError>>, StoreError> {
    let scope = tx.scope()?;
    let conn = tx.conn();
    let lines =
        scope::locked_by_id::<agreement_line::Entity>(conn, scope, requests.iter().map(|r| r.new.agreement_line_id))
            .await?;
    // The outlets and units come with the rows that name them: two round trips fewer on the
    // path every order of the organisation waits behind.
    let (agreements, outlets): (Vec<_>, Vec<_>) = scope::locked_by_id_with::<agreement::Entity, outlet::Entity>(
        conn,
        scope,
        lines.iter().map(|l| l.agreement_id),
        agreement::Column::OutletId,
    )
    .await?
    .into_iter()
    .unzip();
    let (budget_lines, units): (Vec<_>, Vec<_>) = scope::locked_by_id_with::<budget_line::Entity, unit::Entity>(
        conn,
        scope,
        agreements.iter().map(|a| a.budget_line_id),
        budget_line::Column::UnitId,
    )
    .await?
    .into_iter()
    .unzip();
    let companies = scope::by_id::<press_company::Entity>(conn, scope, agreements.iter().map(|a| a.company_id)).await?;
    let contents =
        scope::by_id::<content_item::Entity>(conn, scope, requests.iter().filter_map(|r| r.new.content_item_id))
            .await?;
    let mut policies: Vec<(Uuid, Arc<Policy>)> = Vec::new();
    for agreement in &agreements {
        if !policies.iter().any(|(id, _)| *id == agreement.policy_version_id) {
            policies.push((agreement.policy_version_id, policy::rules_of(tx, agreement.policy_version_id).await?));
        }
    }
    let basis = Basis { lines, agreements, budget_lines, companies, outlets, units, contents, policies };

    // Each request against the counters as the ones accepted before it left them.
    let mut counters = Counters::of(&basis);
    let mut answers: Vec<Result<Accepted, StoreError>> = Vec::with_capacity(requests.len());
    for request in &requests {
        let decided = basis.decide(&request.new, today).and_then(|accepted| {
            counters.take(&accepted)?;
            Ok(accepted)
        });
        answers.push(decided);
    }

    let now = Utc::now();
    let mut numbers = Vec::new();
    for year in answers.iter().flatten().map(|a| a.agreement.fiscal_year).collect::<BTreeSet<_>>() {
        let count = answers.iter().flatten().filter(|a| a.agreement.fiscal_year == year).count();
        numbers.push((year, numbering::take_many(tx, NumberedDocument::Order, year.year(), count as u64).await?));
    }
    let mut views = Vec::with_capacity(requests.len());
    let mut written = Vec::new();
    for (request, answer) in requests.iter().zip(answers) {
        let accepted = match answer {
            Ok(accepted) => accepted,
            Err(refused) => {
                views.push(Err(refused));
                continue;
            }
        };
        let next = numbers.iter_mut().find(|(year, _)| *year == accepted.agreement.fiscal_year);
        let sequence = next.map(|(_, next)| std::mem::replace(next, *next + 1)).ok_or(StoreError::NotFound)?;
        let row = accepted.row(scope, request.ctx.actor_id, sequence, today, now);
        written.push((&request.ctx, row.clone()));
        views.push(accepted.view(row));
    }
    // The counters and the orders go in one round trip (see `at_once`): nothing here waits on
    // their answers but the count of rows each touched.
    let mut changes = counters.changes(tx)?;
    for chunk in written.chunks(INSERTED_TOGETHER) {
        changes.push(tx.inserting_many(chunk.iter().map(|(_, row)| row.clone().into_active_model()).collect())?);
    }
    tx.at_once(changes).await?;
    let own = tx.context()?;
    for (ctx, row) in &written {
        tx.act_for(ctx)?;
        tx.record(AuditAction::OrderIssued, None, Some(row))?;
    }
    tx.act_for(&own)?;
    Ok(views)
}

/// Orders per INSERT: well under both databases' limits on bound values (28 per order).
const INSERTED_TOGETHER: usize = 200;

/// What a group of requests stands on, read once.
struct Basis {
    lines: Vec<agreement_line::Model>,
    agreements: Vec<agreement::Model>,
    budget_lines: Vec<budget_line::Model>,
    companies: Vec<press_company::Model>,
    outlets: Vec<outlet::Model>,
    units: Vec<unit::Model>,
    contents: Vec<content_item::Model>,
    policies: Vec<(Uuid, Arc<Policy>)>,
}

/// A request that passed every rule but the counters, with what its order and answer need.
struct Accepted {
    new: NewOrder,
    line: LineRecord,
    agreement: AgreementRecord,
    company_name: String,
    outlet: outlet::Model,
    unit_code: String,
    content_title: Option<String>,
    pattern: NumberingPattern,
    quantity: i32,
    worth: i64,
}

impl Basis {
    /// The rules one request must pass before it may move the counters, in the order a person
    /// would check them.
    fn decide(&self, new: &NewOrder, today: NaiveDate) -> Result<Accepted, StoreError> {
        let line = self
            .lines
            .iter()
            .find(|line| line.id == new.agreement_line_id)
            .ok_or(StoreError::UnknownReference(Reference::AgreementLine))?;
        let agreement = self.agreements.iter().find(|a| a.id == line.agreement_id).ok_or(StoreError::NotFound)?;
        let agreement = AgreementRecord::from_rows(agreement.clone(), Vec::new())?;
        let line: LineRecord = line.clone().try_into()?;
        if agreement.state != AgreementState::Active {
            return Err(StoreError::Refused(Refusal::AgreementNotActive));
        }
        if today < agreement.starts_on || today > agreement.ends_on {
            return Err(StoreError::Refused(Refusal::OutsideAgreementPeriod));
        }
        let company = self.companies.iter().find(|c| c.id == agreement.company_id).ok_or(StoreError::NotFound)?;
        let company: CompanyRecord = company.clone().try_into()?;
        if company.status != CompanyStatus::Active {
            return Err(StoreError::Refused(Refusal::CompanyNotActive));
        }
        let (_, policy) =
            self.policies.iter().find(|(id, _)| *id == agreement.policy_version_id).ok_or(StoreError::NotFound)?;
        let standing = match company.press_council_status {
            PressCouncilStatus::None => None,
            status => Some(Standing { value: status, valid_until: company.press_council_valid_until }),
        };
        if !press_council_holds(policy, agreement.media_type, standing.as_ref(), today) {
            return Err(StoreError::Refused(Refusal::PressCouncilNotValid));
        }
        let mut violations = Violations::new();
        if new.due_from < today {
            violations.push(Violation::new(
                "due_from",
                ViolationCode::OutOfRange,
                "an order is issued before publication",
            ));
        }
        if new.due_until > agreement.ends_on {
            violations.push(Violation::new(
                "due_until",
                ViolationCode::OutOfRange,
                format!("inside the agreement's period, which ends on {}", agreement.ends_on),
            ));
        }
        let content_title = match new.content_item_id {
            None => None,
            Some(id) => Some(
                self.contents
                    .iter()
                    .find(|c| c.id == id)
                    .ok_or(StoreError::UnknownReference(Reference::ContentItem))?
                    .title
                    .clone(),
            ),
        };
        let worth = amount(new.quantity, line.negotiation.agreed);
        if worth.is_none() {
            violations.push(Violation::new("quantity", ViolationCode::OutOfRange, "too large an amount"));
        }
        violations.finish(|| Some(())).map_err(StoreError::Invalid)?;
        let pattern = policy
            .numbering_of(NumberedDocument::Order)
            .ok_or(StoreError::Refused(Refusal::NoNumberingPattern))?
            .clone();
        let outlet = self.outlets.iter().find(|o| o.id == agreement.outlet_id).ok_or(StoreError::NotFound)?.clone();
        let budget_line = self.budget_lines.iter().find(|b| b.id == agreement.budget_line_id);
        let unit_code = budget_line
            .and_then(|b| self.units.iter().find(|u| u.id == b.unit_id))
            .ok_or(StoreError::UnknownReference(Reference::BudgetLine))?
            .code
            .clone();
        Ok(Accepted {
            new: new.clone(),
            quantity: i32::try_from(new.quantity).unwrap_or(i32::MAX),
            worth: worth.unwrap_or_default().amount(),
            line,
            agreement,
            company_name: company.profile.legal_name,
            outlet,
            unit_code,
            content_title,
            pattern,
        })
    }
}

/// The three counters an order moves, as the group's accepted requests leave them.
struct Counters {
    /// Per agreement line: ordered, quota.
    lines: Vec<(Uuid, i64, i64)>,
    /// Per agreement: committed + realised, ceiling.
    agreements: Vec<(Uuid, i64, i64)>,
    /// Per budget line: committed + realised, ceiling.
    budget_lines: Vec<(Uuid, i64, i64)>,
    /// What the accepted requests add, per row, in the order the rows were locked.
    moved: [Vec<(Uuid, i64)>; 3],
}

impl Counters {
    fn of(basis: &Basis) -> Self {
        Counters {
            lines: basis.lines.iter().map(|l| (l.id, i64::from(l.ordered), i64::from(l.quota))).collect(),
            agreements: basis.agreements.iter().map(|a| (a.id, a.committed + a.realised, a.ceiling)).collect(),
            budget_lines: basis.budget_lines.iter().map(|b| (b.id, b.committed + b.realised, b.ceiling)).collect(),
            moved: Default::default(),
        }
    }

    /// Takes the request's units and amount if all three have room, else the first refusal
    /// (line, agreement, budget line) and nothing moves.
    fn take(&mut self, order: &Accepted) -> Result<(), StoreError> {
        let room = |counters: &[(Uuid, i64, i64)], id: Uuid, more: i64| {
            counters
                .iter()
                .find(|(row, _, _)| *row == id)
                .is_some_and(|(_, used, limit)| used.checked_add(more).is_some_and(|total| total <= *limit))
        };
        let quantity = i64::from(order.quantity);
        if !room(&self.lines, order.line.id, quantity) {
            return Err(StoreError::Refused(Refusal::LineQuotaExceeded));
        }
        if !room(&self.agreements, order.agreement.id, order.worth) {
            return Err(StoreError::Refused(Refusal::AgreementCeilingExceeded));
        }
        if !room(&self.budget_lines, order.agreement.budget_line_id, order.worth) {
            return Err(StoreError::Refused(Refusal::BudgetExceeded));
        }
        let targets = [
            (&mut self.lines, order.line.id, quantity),
            (&mut self.agreements, order.agreement.id, order.worth),
            (&mut self.budget_lines, order.agreement.budget_line_id, order.worth),
        ];
        for ((counters, id, more), moved) in targets.into_iter().zip(self.moved.iter_mut()) {
            if let Some((_, used, _)) = counters.iter_mut().find(|(row, _, _)| *row == id) {
                *used += more;
            }
            match moved.iter_mut().find(|(row, _)| *row == id) {
                Some((_, total)) => *total += more,
                None => moved.push((id, more)),
            }
        }
        Ok(())
    }

    /// The changes moving the counters by what was taken, one per table.
    fn changes(&self, tx: &Tx) -> Result<Vec<Option<Change>>, StoreError> {
        let [lines, agreements, budget_lines] = &self.moved;
        Ok(vec![
            tx.adding_to_each::<agreement_line::Entity>(agreement_line::Column::Ordered, lines)?,
            tx.adding_to_each::<agreement::Entity>(agreement::Column::Committed, agreements)?,
            tx.adding_to_each::<budget_line::Entity>(budget_line::Column::Committed, budget_lines)?,
        ])
    }
}

impl Accepted {
    fn row(
        &self,
        scope: OrgScope,
        created_by: Option<Uuid>,
        sequence: u64,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> order::Model {
        let year = self.agreement.fiscal_year.year();
        order::Model {
            id: Uuid::now_v7(),
            organisation_id: scope.organisation_id(),
            number: self.pattern.render(sequence, year, today.month(), &self.unit_code),
            agreement_id: self.agreement.id,
            agreement_line_id: self.line.id,
            budget_line_id: self.agreement.budget_line_id,
            company_id: self.agreement.company_id,
            outlet_id: self.agreement.outlet_id,
            fiscal_year: year,
            product: self.line.product.clone(),
            quantity: self.quantity,
            unit_price: self.line.negotiation.agreed.amount(),
            amount: self.worth,
            subject: self.new.subject.clone(),
            instructions: self.new.instructions.clone(),
            content_item_id: self.new.content_item_id,
            issued_on: today,
            due_from: self.new.due_from,
            due_until: self.new.due_until,
            state: OrderState::Issued.as_str().to_owned(),
            last_reason: None,
            created_by,
            created_at: now,
            updated_at: now,
            version: 1,
            verified_quantity: None,
            published_on: None,
        }
    }

    /// The answer, built from what the write read: the agreement, the company, the outlet.
    fn view(self, row: order::Model) -> Result<OrderView, StoreError> {
        Ok(OrderView {
            order: row.try_into()?,
            agreement_number: self.agreement.number,
            company_name: self.company_name,
            media_type: vocabulary(&self.outlet.media_type)?,
            outlet_name: self.outlet.name,
            content_title: self.content_title,
        })
    }
}

/// Takes a step of the order's life if it is still at `expected_version`; declining and
/// cancelling give its units and amount back to the line, the agreement and the budget line.
pub async fn take_step(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    request: StepRequest,
) -> Result<OrderRecord, StoreError> {
    let before = lock(tx, id).await?;
    let from: OrderState = vocabulary(&before.state)?;
    let step = request.step;
    // Publication, proof decisions, invoicing and payment are taken by the areas that record them.
    if !matches!(step, OrderStep::Accept | OrderStep::Decline | OrderStep::Cancel) {
        return Err(StoreError::Refused(Refusal::StepNotAllowed));
    }
    let to = step.from(from).ok_or(StoreError::Refused(Refusal::StepNotAllowed))?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    if step.releases_commitment() {
        agreements::take_units(tx, before.agreement_line_id, -before.quantity).await?;
        agreements::release(tx, before.agreement_id, before.amount).await?;
        budget::commit(tx, before.budget_line_id, -before.amount).await?;
    }
    let mut changed = order::ActiveModel { id: Set(id), state: Set(to.as_str().to_owned()), ..Default::default() };
    if request.reason.is_some() {
        changed.last_reason = Set(request.reason);
    }
    let after = tx.save(&before, changed).await?;
    tx.record(step.audit_action(), Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<OrderView, StoreError> {
    let row = scope::find::<order::Entity>(store.db(), scope, id).await?;
    Ok(views(store.db(), scope, vec![row.try_into()?]).await?.remove(0))
}

/// Which orders to list; the filters combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderFilter {
    pub fiscal_year: Option<FiscalYear>,
    pub state: Option<OrderState>,
    pub agreement_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub budget_line_id: Option<Uuid>,
}

/// Orders in the order they were issued; the cursor is the last one's id (UUIDv7).
pub async fn list(
    store: &Store,
    scope: OrgScope,
    filter: &OrderFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<OrderView, Uuid>, StoreError> {
    let mut query = scope::select::<order::Entity>(scope);
    if let Some(year) = filter.fiscal_year {
        query = query.filter(order::Column::FiscalYear.eq(year.year()));
    }
    if let Some(state) = filter.state {
        query = query.filter(order::Column::State.eq(state.as_str()));
    }
    if let Some(agreement_id) = filter.agreement_id {
        query = query.filter(order::Column::AgreementId.eq(agreement_id));
    }
    if let Some(company_id) = filter.company_id {
        query = query.filter(order::Column::CompanyId.eq(company_id));
    }
    if let Some(budget_line_id) = filter.budget_line_id {
        query = query.filter(order::Column::BudgetLineId.eq(budget_line_id));
    }
    if let Some(after) = page.after {
        query = query.filter(order::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(order::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(OrderRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    let page = Page::from_overfetch(records, page.limit, |order: &OrderRecord| order.id);
    Ok(Page { items: views(store.db(), scope, page.items).await?, next: page.next })
}

/// Names the orders' agreements, companies and outlets, reading each table once.
async fn views(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    records: Vec<OrderRecord>,
) -> Result<Vec<OrderView>, StoreError> {
    let agreements = scope::by_id::<agreement::Entity>(conn, scope, records.iter().map(|r| r.agreement_id)).await?;
    let companies = scope::by_id::<press_company::Entity>(conn, scope, records.iter().map(|r| r.company_id)).await?;
    let outlets = scope::by_id::<outlet::Entity>(conn, scope, records.iter().map(|r| r.outlet_id)).await?;
    let contents =
        scope::by_id::<content_item::Entity>(conn, scope, records.iter().filter_map(|r| r.content_item_id)).await?;
    records
        .into_iter()
        .map(|order| {
            let agreement = agreements.iter().find(|a| a.id == order.agreement_id).ok_or(StoreError::NotFound)?;
            let company = companies.iter().find(|c| c.id == order.company_id).ok_or(StoreError::NotFound)?;
            let outlet = outlets.iter().find(|o| o.id == order.outlet_id).ok_or(StoreError::NotFound)?;
            Ok(OrderView {
                agreement_number: agreement.number.clone(),
                company_name: company.legal_name.clone(),
                outlet_name: outlet.name.clone(),
                media_type: vocabulary(&outlet.media_type)?,
                content_title: order
                    .content_item_id
                    .and_then(|id| contents.iter().find(|c| c.id == id))
                    .map(|c| c.title.clone()),
                order,
            })
        })
        .collect()
}

/// The order, locked until the write ends: every change to an order or what hangs from it
/// (proofs, invoice lines) takes it first.
pub(crate) async fn lock(tx: &Tx, id: Uuid) -> Result<order::Model, StoreError> {
    scope::select::<order::Entity>(tx.scope()?)
        .filter(order::Column::Id.eq(id))
        .lock(LockType::NoKeyUpdate)
        .one(tx.conn())
        .await?
        .ok_or(StoreError::NotFound)
}
