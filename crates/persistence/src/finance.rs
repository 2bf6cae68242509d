//! Finance (business rules 6, 8 and 9): a company's invoice for its proof-verified orders with
//! the VAT registration of the invoice date, the acceptance record (*BAST*), and the payment
//! (SP2D) with PPh 23 withheld, only into the company's verified account as it was that day. An
//! invoice number is the company's once; an order is billed once; an invoice is paid once.
//!
//! A payment turns each order's commitment into realised spending on its agreement and budget
//! line, in the payment's transaction.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use mitra_domain::audit::AuditAction;
use mitra_domain::finance::{InvoiceState, NewInvoice, NewPayment, needs_stamp_duty, vat, withholding};
use mitra_domain::money::Rupiah;
use mitra_domain::orders::{OrderState, OrderStep};
use mitra_domain::policy::{FiscalYear, NumberedDocument};
use mitra_domain::{Violation, ViolationCode, Violations};
use sea_orm::sea_query::LockType;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use crate::columns::{rupiah, vocabulary};
use crate::entities::{agreement, agreement_line, bank_account, invoice, invoice_line, order, payment, press_company};
use crate::page::{Page, PageRequest};
use crate::registry::company_on;
use crate::scope::{self, OrgScope};
use crate::tx::Audited;
use crate::{Reference, Refusal, Store, StoreError, Tx, agreements, budget, numbering, orders, policy};

/// An order billed on an invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLineRecord {
    pub order_id: Uuid,
    pub order_number: String,
    pub quantity: u32,
    pub unit_price: Rupiah,
    pub amount: Rupiah,
    pub tax_inclusive: bool,
    pub base: Rupiah,
    pub vat: Rupiah,
    pub gross: Rupiah,
}

/// The payment of an invoice, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: Uuid,
    pub sp2d_number: String,
    pub sp2d_date: NaiveDate,
    pub gross: Rupiah,
    pub pph23_bp: u32,
    pub pph23: Rupiah,
    pub net: Rupiah,
    pub stamp_duty: bool,
    pub withholding_slip_number: Option<String>,
    pub bank_account_id: Uuid,
    pub bank_name: String,
    pub account_number: String,
    pub holder_name: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRecord {
    pub id: Uuid,
    pub company_id: Uuid,
    pub company_name: String,
    pub number: String,
    pub invoice_date: NaiveDate,
    pub fiscal_year: FiscalYear,
    /// The company was VAT-registered on the invoice date.
    pub vat_registered: bool,
    /// Verified quantities x unit prices.
    pub amount: Rupiah,
    pub base: Rupiah,
    pub vat: Rupiah,
    pub gross: Rupiah,
    pub stamp_duty: bool,
    pub state: InvoiceState,
    pub acceptance_number: Option<String>,
    pub accepted_on: Option<NaiveDate>,
    pub accepted_by: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    pub lines: Vec<InvoiceLineRecord>,
    pub payment: Option<PaymentRecord>,
}

/// The invoice with its lines, as the audit trail keeps it.
#[derive(Debug, Serialize)]
struct Snapshot {
    #[serde(flatten)]
    invoice: invoice::Model,
    lines: Vec<invoice_line::Model>,
}

impl Audited for Snapshot {
    fn entity_id(&self) -> String {
        self.invoice.id.to_string()
    }
}

/// Records a company's invoice for its proof-verified orders: each billed at the verified
/// quantity times the order's unit price, VAT by the company's registration on the invoice date
/// and by whether the agreed price included it. The orders become invoiced.
pub async fn record(tx: &mut Tx, new: NewInvoice) -> Result<InvoiceRecord, StoreError> {
    let scope = tx.scope()?;
    let company = match company_on(tx.conn(), scope, new.company_id).await {
        Err(StoreError::NotFound) => return Err(StoreError::UnknownReference(Reference::Company)),
        found => found?,
    };
    let vat_registered = company.profile.vat_registered_since.is_some_and(|since| since <= new.invoice_date);
    let mut violations = Violations::new();
    let mut billed = Vec::new();
    for (index, order_id) in new.order_ids.iter().enumerate() {
        let field = format!("order_ids[{index}]");
        let order = match orders::lock(tx, *order_id).await {
            Err(StoreError::NotFound) => {
                violations.push(Violation::new(field, ViolationCode::InvalidValue, "no such order"));
                continue;
            }
            found => found?,
        };
        if order.company_id != new.company_id {
            violations.push(Violation::new(field, ViolationCode::InvalidValue, "another company's order"));
        } else if vocabulary::<OrderState>(&order.state)? != OrderState::ProofVerified {
            violations.push(Violation::new(
                field,
                ViolationCode::InvalidValue,
                "only orders whose proof is verified are billed",
            ));
        } else {
            billed.push(order);
        }
    }
    violations.finish(|| Some(())).map_err(StoreError::Invalid)?;
    let first = billed.first().ok_or(StoreError::NotFound)?;
    let agreement = scope::find::<agreement::Entity>(tx.conn(), scope, first.agreement_id).await?;
    let tax = policy::rules_of(tx, agreement.policy_version_id).await?.tax;
    let now = Utc::now();
    let id = Uuid::now_v7();
    let mut lines = Vec::new();
    let (mut amount, mut base, mut vat_total, mut gross) = (0_i64, 0_i64, 0_i64, 0_i64);
    for order in &billed {
        let line = scope::find::<agreement_line::Entity>(tx.conn(), scope, order.agreement_line_id).await?;
        let quantity = order.verified_quantity.unwrap_or(order.quantity);
        let amount_of_line = rupiah(i64::from(quantity) * order.unit_price)?;
        let taxed = vat(amount_of_line, line.tax_inclusive, vat_registered, &tax);
        amount += amount_of_line.amount();
        base += taxed.base.amount();
        vat_total += taxed.vat.amount();
        gross += taxed.gross.amount();
        lines.push(invoice_line::ActiveModel {
            id: Set(Uuid::now_v7()),
            invoice_id: Set(id),
            order_id: Set(order.id),
            agreement_id: Set(order.agreement_id),
            budget_line_id: Set(order.budget_line_id),
            quantity: Set(quantity),
            unit_price: Set(order.unit_price),
            amount: Set(amount_of_line.amount()),
            tax_inclusive: Set(line.tax_inclusive),
            base: Set(taxed.base.amount()),
            vat: Set(taxed.vat.amount()),
            gross: Set(taxed.gross.amount()),
            ..Default::default()
        });
    }
    let row = tx
        .insert(invoice::ActiveModel {
            id: Set(id),
            company_id: Set(new.company_id),
            number: Set(new.number),
            invoice_date: Set(new.invoice_date),
            fiscal_year: Set(first.fiscal_year),
            vat_registered: Set(vat_registered),
            amount: Set(amount),
            base: Set(base),
            vat: Set(vat_total),
            gross: Set(gross),
            stamp_duty: Set(needs_stamp_duty(rupiah(gross)?, &tax)),
            state: Set(InvoiceState::Received.as_str().to_owned()),
            acceptance_number: Set(None),
            accepted_on: Set(None),
            accepted_by: Set(None),
            created_by: Set(tx.actor_id()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    let mut line_rows = Vec::new();
    for line in lines {
        line_rows.push(tx.insert(line).await?);
    }
    for order in billed {
        move_order(tx, order, OrderStep::Invoice).await?;
    }
    let after = Snapshot { invoice: row, lines: line_rows };
    tx.record(AuditAction::InvoiceRecorded, None, Some(&after))?;
    record_of(tx.conn(), scope, after.invoice).await
}

/// Signs the acceptance record (*BAST*) of an invoice's work, numbered from the organisation's
/// pattern, if the invoice is still at `expected_version`.
pub async fn accept(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    today: NaiveDate,
) -> Result<InvoiceRecord, StoreError> {
    let scope = tx.scope()?;
    let before = lock(tx, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    if vocabulary::<InvoiceState>(&before.state)? != InvoiceState::Received {
        return Err(StoreError::Refused(Refusal::StepNotAllowed));
    }
    let lines = lines_of(tx.conn(), scope, id).await?;
    let first = lines.first().ok_or(StoreError::NotFound)?;
    let agreement = scope::find::<agreement::Entity>(tx.conn(), scope, first.agreement_id).await?;
    let policy = policy::rules_of(tx, agreement.policy_version_id).await?;
    let unit_code = budget::unit_of_line(tx.conn(), scope, first.budget_line_id).await?.code;
    let number = numbering::next(tx, &policy, NumberedDocument::Acceptance, today.year(), &unit_code, today).await?;
    let changed = invoice::ActiveModel {
        id: Set(id),
        state: Set(InvoiceState::Accepted.as_str().to_owned()),
        acceptance_number: Set(Some(number)),
        accepted_on: Set(Some(today)),
        accepted_by: Set(tx.actor_id()),
        ..Default::default()
    };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::InvoiceAccepted, Some(&before), Some(&after))?;
    record_of(tx.conn(), scope, after).await
}

/// Pays an accepted invoice once, into a verified account of the invoicing company: gross as
/// invoiced, PPh 23 withheld on the amount before VAT at the policy's rate, net the rest. The
/// account and the rate are kept as they were. Each order becomes paid, and its commitment
/// realised on its agreement and budget line (refused if VAT on top would pass a ceiling).
pub async fn pay(tx: &mut Tx, id: Uuid, new: NewPayment) -> Result<InvoiceRecord, StoreError> {
    let scope = tx.scope()?;
    let before = lock(tx, id).await?;
    match vocabulary::<InvoiceState>(&before.state)? {
        InvoiceState::Accepted => {}
        InvoiceState::Received => return Err(StoreError::Refused(Refusal::InvoiceNotAccepted)),
        InvoiceState::Paid => return Err(StoreError::Conflict(crate::Conflict::InvoiceAlreadyPaid)),
    }
    let account =
        scope::find::<bank_account::Entity>(tx.conn(), scope, new.bank_account_id).await.map_err(|err| match err {
            StoreError::NotFound => StoreError::Invalid(Violations::from(Violation::new(
                "bank_account_id",
                ViolationCode::InvalidValue,
                "no such bank account",
            ))),
            other => other,
        })?;
    if account.company_id != before.company_id {
        return Err(StoreError::Refused(Refusal::AccountNotCompanys));
    }
    if account.verified_at.is_none() {
        return Err(StoreError::Refused(Refusal::AccountNotVerified));
    }
    let lines = lines_of(tx.conn(), scope, id).await?;
    let first = lines.first().ok_or(StoreError::NotFound)?;
    let agreement = scope::find::<agreement::Entity>(tx.conn(), scope, first.agreement_id).await?;
    let tax = policy::rules_of(tx, agreement.policy_version_id).await?.tax;
    let pph23 = withholding(rupiah(before.base)?, tax.pph23_bp);
    let row = tx
        .insert(payment::ActiveModel {
            id: Set(Uuid::now_v7()),
            invoice_id: Set(id),
            sp2d_number: Set(new.sp2d_number),
            sp2d_date: Set(new.sp2d_date),
            gross: Set(before.gross),
            pph23_bp: Set(i32::try_from(tax.pph23_bp).unwrap_or(i32::MAX)),
            pph23: Set(pph23.amount()),
            net: Set(before.gross - pph23.amount()),
            stamp_duty: Set(before.stamp_duty),
            withholding_slip_number: Set(new.withholding_slip_number),
            bank_account_id: Set(account.id),
            bank_name: Set(account.bank_name.clone()),
            account_number: Set(account.account_number.clone()),
            holder_name: Set(account.holder_name.clone()),
            created_by: Set(tx.actor_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::PaymentRecorded, None, Some(&row))?;
    for line in &lines {
        // Ceilings in the order issuing uses: agreement, then budget line.
        agreements::realise(tx, line.agreement_id, line.amount, line.gross).await?;
        budget::realise(tx, line.budget_line_id, line.amount, line.gross).await?;
        let order = orders::lock(tx, line.order_id).await?;
        move_order(tx, order, OrderStep::Pay).await?;
    }
    let changed =
        invoice::ActiveModel { id: Set(id), state: Set(InvoiceState::Paid.as_str().to_owned()), ..Default::default() };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::InvoicePaid, Some(&before), Some(&after))?;
    record_of(tx.conn(), scope, after).await
}

/// Moves a locked order by `step` and records it.
async fn move_order(tx: &mut Tx, before: order::Model, step: OrderStep) -> Result<(), StoreError> {
    let to = step.from(vocabulary(&before.state)?).ok_or(StoreError::Refused(Refusal::StepNotAllowed))?;
    let changed = order::ActiveModel { id: Set(before.id), state: Set(to.as_str().to_owned()), ..Default::default() };
    let after = tx.save(&before, changed).await?;
    tx.record(step.audit_action(), Some(&before), Some(&after))
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<InvoiceRecord, StoreError> {
    let row = scope::find::<invoice::Entity>(store.db(), scope, id).await?;
    record_of(store.db(), scope, row).await
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvoiceFilter {
    pub fiscal_year: Option<FiscalYear>,
    pub state: Option<InvoiceState>,
    pub company_id: Option<Uuid>,
}

/// Invoices in the order they were recorded; the cursor is the last one's id (UUIDv7).
pub async fn list(
    store: &Store,
    scope: OrgScope,
    filter: &InvoiceFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<InvoiceRecord, Uuid>, StoreError> {
    let mut query = scope::select::<invoice::Entity>(scope);
    if let Some(year) = filter.fiscal_year {
        query = query.filter(invoice::Column::FiscalYear.eq(year.year()));
    }
    if let Some(state) = filter.state {
        query = query.filter(invoice::Column::State.eq(state.as_str()));
    }
    if let Some(company_id) = filter.company_id {
        query = query.filter(invoice::Column::CompanyId.eq(company_id));
    }
    if let Some(after) = page.after {
        query = query.filter(invoice::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(invoice::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let page = Page::from_overfetch(rows, page.limit, |row: &invoice::Model| row.id);
    Ok(Page { items: records_of(store.db(), scope, page.items).await?, next: page.next })
}

/// What is owed to a company for work done: an order published, proven or invoiced, not paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwedItem {
    pub order_id: Uuid,
    pub order_number: String,
    pub company_id: Uuid,
    pub company_name: String,
    pub state: OrderState,
    /// The order's worth: verified quantity once decided, else as ordered.
    pub amount: Rupiah,
    /// Since when it is owed: the publication day.
    pub since: NaiveDate,
    pub age_days: i64,
    pub invoice_id: Option<Uuid>,
    pub invoice_number: Option<String>,
}

/// Orders whose work is done and not yet paid, oldest debt first: what a year end must not lose.
pub async fn owed(
    store: &Store,
    scope: OrgScope,
    fiscal_year: Option<FiscalYear>,
    today: NaiveDate,
) -> Result<Vec<OwedItem>, StoreError> {
    let mut query = scope::select::<order::Entity>(scope)
        .filter(order::Column::State.is_in(OrderState::OWED.iter().map(|state| state.as_str())));
    if let Some(year) = fiscal_year {
        query = query.filter(order::Column::FiscalYear.eq(year.year()));
    }
    let rows = query.order_by_asc(order::Column::PublishedOn).order_by_asc(order::Column::Id).all(store.db()).await?;
    let companies = scope::by_id::<press_company::Entity>(store.db(), scope, rows.iter().map(|r| r.company_id)).await?;
    let billed = if rows.is_empty() {
        Vec::new()
    } else {
        scope::select::<invoice_line::Entity>(scope)
            .filter(invoice_line::Column::OrderId.is_in(rows.iter().map(|r| r.id)))
            .all(store.db())
            .await?
    };
    let invoices = scope::by_id::<invoice::Entity>(store.db(), scope, billed.iter().map(|l| l.invoice_id)).await?;
    rows.into_iter()
        .map(|row| {
            let company = companies.iter().find(|c| c.id == row.company_id).ok_or(StoreError::NotFound)?;
            let line = billed.iter().find(|line| line.order_id == row.id);
            let invoice = line.and_then(|line| invoices.iter().find(|i| i.id == line.invoice_id));
            let since = row.published_on.unwrap_or(row.issued_on);
            let units = row.verified_quantity.unwrap_or(row.quantity);
            Ok(OwedItem {
                order_id: row.id,
                order_number: row.number,
                company_id: row.company_id,
                company_name: company.legal_name.clone(),
                state: vocabulary(&row.state)?,
                amount: line.map_or_else(|| rupiah(i64::from(units) * row.unit_price), |line| rupiah(line.gross))?,
                since,
                age_days: (today - since).num_days(),
                invoice_id: invoice.map(|i| i.id),
                invoice_number: invoice.map(|i| i.number.clone()),
            })
        })
        .collect()
}

async fn lock(tx: &Tx, id: Uuid) -> Result<invoice::Model, StoreError> {
    scope::select::<invoice::Entity>(tx.scope()?)
        .filter(invoice::Column::Id.eq(id))
        .lock(LockType::NoKeyUpdate)
        .one(tx.conn())
        .await?
        .ok_or(StoreError::NotFound)
}

async fn lines_of(conn: &impl ConnectionTrait, scope: OrgScope, id: Uuid) -> Result<Vec<invoice_line::Model>, DbErr> {
    scope::select::<invoice_line::Entity>(scope)
        .filter(invoice_line::Column::InvoiceId.eq(id))
        .order_by_asc(invoice_line::Column::Id)
        .all(conn)
        .await
}

/// The invoice with its lines (and their orders' numbers), company and payment.
async fn record_of(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    row: invoice::Model,
) -> Result<InvoiceRecord, StoreError> {
    records_of(conn, scope, vec![row]).await?.pop().ok_or(StoreError::NotFound)
}

/// Invoices with their lines, orders' numbers, companies and payments, reading each table once
/// for the whole page.
async fn records_of(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    rows: Vec<invoice::Model>,
) -> Result<Vec<InvoiceRecord>, StoreError> {
    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let all_lines = scope::select::<invoice_line::Entity>(scope)
        .filter(invoice_line::Column::InvoiceId.is_in(ids.clone()))
        .order_by_asc(invoice_line::Column::Id)
        .all(conn)
        .await?;
    let orders = scope::by_id::<order::Entity>(conn, scope, all_lines.iter().map(|l| l.order_id)).await?;
    let companies = scope::by_id::<press_company::Entity>(conn, scope, rows.iter().map(|r| r.company_id)).await?;
    let payments =
        scope::select::<payment::Entity>(scope).filter(payment::Column::InvoiceId.is_in(ids)).all(conn).await?;
    rows.into_iter()
        .map(|row| {
            let company_name = companies
                .iter()
                .find(|company| company.id == row.company_id)
                .map(|company| company.legal_name.clone())
                .ok_or(StoreError::NotFound)?;
            let id = row.id;
            let lines = all_lines.iter().filter(move |line| line.invoice_id == id);
            let payment = payments.iter().find(|payment| payment.invoice_id == id).cloned();
            assemble(row, company_name, lines, &orders, payment)
        })
        .collect()
}

fn assemble<'a>(
    row: invoice::Model,
    company_name: String,
    lines: impl Iterator<Item = &'a invoice_line::Model>,
    orders: &[order::Model],
    payment: Option<payment::Model>,
) -> Result<InvoiceRecord, StoreError> {
    let lines = lines
        .map(|line| {
            let number = orders.iter().find(|o| o.id == line.order_id).map(|o| o.number.clone()).unwrap_or_default();
            Ok(InvoiceLineRecord {
                order_id: line.order_id,
                order_number: number,
                quantity: u32::try_from(line.quantity).map_err(|err| DbErr::Type(err.to_string()))?,
                unit_price: rupiah(line.unit_price)?,
                amount: rupiah(line.amount)?,
                tax_inclusive: line.tax_inclusive,
                base: rupiah(line.base)?,
                vat: rupiah(line.vat)?,
                gross: rupiah(line.gross)?,
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    let payment = payment
        .map(|p| -> Result<PaymentRecord, DbErr> {
            Ok(PaymentRecord {
                id: p.id,
                sp2d_number: p.sp2d_number,
                sp2d_date: p.sp2d_date,
                gross: rupiah(p.gross)?,
                pph23_bp: u32::try_from(p.pph23_bp).map_err(|err| DbErr::Type(err.to_string()))?,
                pph23: rupiah(p.pph23)?,
                net: rupiah(p.net)?,
                stamp_duty: p.stamp_duty,
                withholding_slip_number: p.withholding_slip_number,
                bank_account_id: p.bank_account_id,
                bank_name: p.bank_name,
                account_number: p.account_number,
                holder_name: p.holder_name,
                created_by: p.created_by,
                created_at: p.created_at,
            })
        })
        .transpose()?;
    Ok(InvoiceRecord {
        id: row.id,
        company_id: row.company_id,
        company_name,
        number: row.number,
        invoice_date: row.invoice_date,
        fiscal_year: FiscalYear::parse(row.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?,
        vat_registered: row.vat_registered,
        amount: rupiah(row.amount)?,
        base: rupiah(row.base)?,
        vat: rupiah(row.vat)?,
        gross: rupiah(row.gross)?,
        stamp_duty: row.stamp_duty,
        state: vocabulary(&row.state)?,
        acceptance_number: row.acceptance_number,
        accepted_on: row.accepted_on,
        accepted_by: row.accepted_by,
        created_by: row.created_by,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
        lines,
        payment,
    })
}
