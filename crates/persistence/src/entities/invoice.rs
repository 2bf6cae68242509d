use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A company's invoice for proof-verified orders (its lines are `invoice_lines`), with the VAT
/// registration of the invoice date and the acceptance record.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub company_id: Uuid,
    pub number: String,
    pub invoice_date: Date,
    pub fiscal_year: i32,
    pub vat_registered: bool,
    pub amount: i64,
    pub base: i64,
    pub vat: i64,
    pub gross: i64,
    pub stamp_duty: bool,
    pub state: String,
    pub acceptance_number: Option<String>,
    pub accepted_on: Option<Date>,
    pub accepted_by: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
