use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A product an agreement buys: quota, negotiation and the rate card entry it was priced by.
/// Written and changed only with its agreement, whose audit event carries the lines.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "agreement_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub agreement_id: Uuid,
    pub position: i32,
    pub product: String,
    pub quota: i32,
    pub ordered: i32,
    pub offered_price: i64,
    pub reference_price: i64,
    pub agreed_price: i64,
    pub rate_max: i64,
    pub tax_inclusive: bool,
    pub legal_basis: String,
    pub negotiation_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
