//! Orders (business rules 2, 5 and 7): issued under an active agreement line, only while the
//! company is eligible on the day, with its number, its commitment on the line's quota, the
//! agreement's ceiling and the budget line, and its audit event - all in one transaction.
//!
//! The three ceilings are moved in one order (line, agreement, budget line), by conditional
//! updates that refuse rather than overspend; a refusal rolls back whatever moved before it.

use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::agreements::AgreementState;
use mitra_domain::audit::AuditAction;
use mitra_domain::eligibility::{Standing, press_council_holds};
use mitra_domain::money::Rupiah;
use mitra_domain::orders::{NewOrder, OrderState, OrderStep, StepRequest, amount};
use mitra_domain::policy::{FiscalYear, NumberedDocument};
use mitra_domain::press::{MediaType, PressCouncilStatus};
use mitra_domain::registry::CompanyStatus;
use mitra_domain::{Violation, ViolationCode, Violations};
use sea_orm::sea_query::LockType;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::agreements::{self, OrderBasis};
use crate::columns::{rupiah, vocabulary};
use crate::entities::{content_item, order, outlet, press_company};
use crate::page::{Page, PageRequest};
use crate::registry::company_on;
use crate::scope::{self, OrgScope};
use crate::{Reference, Refusal, Store, StoreError, Tx, budget, numbering, policy};

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

/// Issues an order under an agreement line on `today`.
///
/// Refused unless the agreement is active and `today` inside its period, the company active and
/// its Press Council standing valid today at the policy's minimum, the publication window
/// inside the agreement's period and not before today; and unless the line's quota, the
/// agreement's ceiling and the budget line's ceiling all still have room.
pub async fn issue(tx: &mut Tx, new: NewOrder, today: NaiveDate) -> Result<OrderView, StoreError> {
    let scope = tx.scope()?;
    let OrderBasis { agreement, line } = agreements::order_basis(tx, new.agreement_line_id).await?;
    if agreement.state != AgreementState::Active {
        return Err(StoreError::Refused(Refusal::AgreementNotActive));
    }
    if today < agreement.starts_on || today > agreement.ends_on {
        return Err(StoreError::Refused(Refusal::OutsideAgreementPeriod));
    }
    let company = company_on(tx.conn(), scope, agreement.company_id).await?;
    if company.status != CompanyStatus::Active {
        return Err(StoreError::Refused(Refusal::CompanyNotActive));
    }
    let policy = policy::rules_of(tx, agreement.policy_version_id).await?;
    let standing = match company.press_council_status {
        PressCouncilStatus::None => None,
        status => Some(Standing { value: status, valid_until: company.press_council_valid_until }),
    };
    if !press_council_holds(&policy, agreement.media_type, standing.as_ref(), today) {
        return Err(StoreError::Refused(Refusal::PressCouncilNotValid));
    }
    let mut violations = Violations::new();
    if new.due_from < today {
        violations.push(Violation::new("due_from", ViolationCode::OutOfRange, "an order is issued before publication"));
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
        Some(content_item_id) => match scope::find::<content_item::Entity>(tx.conn(), scope, content_item_id).await {
            Err(StoreError::NotFound) => return Err(StoreError::UnknownReference(Reference::ContentItem)),
            found => Some(found?.title),
        },
    };
    let unit_price = line.negotiation.agreed;
    let worth = amount(new.quantity, unit_price);
    if worth.is_none() {
        violations.push(Violation::new("quantity", ViolationCode::OutOfRange, "too large an amount"));
    }
    violations.finish(|| Some(())).map_err(StoreError::Invalid)?;
    let worth = worth.unwrap_or_default().amount();
    let quantity = i32::try_from(new.quantity).unwrap_or(i32::MAX);

    // Read before the first lock is taken: from the ceilings on, orders under the same budget
    // line, and from the number on every order of the organisation, wait for this one to commit.
    let outlet = scope::find::<outlet::Entity>(tx.conn(), scope, agreement.outlet_id).await?;
    let unit_code = budget::unit_of_line(tx.conn(), scope, agreement.budget_line_id).await?.code;

    // The ceilings, always in this order so that concurrent writers queue rather than deadlock.
    agreements::take_units(tx, line.id, quantity).await?;
    agreements::commit(tx, agreement.id, worth).await?;
    budget::commit(tx, agreement.budget_line_id, worth).await?;

    let number =
        numbering::next(tx, &policy, NumberedDocument::Order, agreement.fiscal_year.year(), &unit_code, today).await?;
    let now = Utc::now();
    let row = tx
        .insert(order::ActiveModel {
            id: Set(Uuid::now_v7()),
            number: Set(number),
            agreement_id: Set(agreement.id),
            agreement_line_id: Set(line.id),
            budget_line_id: Set(agreement.budget_line_id),
            company_id: Set(agreement.company_id),
            outlet_id: Set(agreement.outlet_id),
            fiscal_year: Set(agreement.fiscal_year.year()),
            product: Set(line.product.clone()),
            quantity: Set(quantity),
            unit_price: Set(unit_price.amount()),
            amount: Set(worth),
            subject: Set(new.subject),
            instructions: Set(new.instructions),
            content_item_id: Set(new.content_item_id),
            issued_on: Set(today),
            due_from: Set(new.due_from),
            due_until: Set(new.due_until),
            state: Set(OrderState::Issued.as_str().to_owned()),
            last_reason: Set(None),
            created_by: Set(tx.actor_id()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            verified_quantity: Set(None),
            published_on: Set(None),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::OrderIssued, None, Some(&row))?;
    // The answer is built from what this write read: the agreement, the company, the outlet.
    Ok(OrderView {
        order: row.try_into()?,
        agreement_number: agreement.number,
        company_name: company.profile.legal_name,
        outlet_name: outlet.name,
        media_type: vocabulary(&outlet.media_type)?,
        content_title,
    })
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
    use crate::entities::agreement;
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
