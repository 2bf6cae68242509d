use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An order billed on an invoice: verified quantity x unit price, and its taxes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "invoice_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub invoice_id: Uuid,
    pub order_id: Uuid,
    pub agreement_id: Uuid,
    pub budget_line_id: Uuid,
    pub quantity: i32,
    pub unit_price: i64,
    pub amount: i64,
    pub tax_inclusive: bool,
    pub base: i64,
    pub vat: i64,
    pub gross: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
