use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A written order under an agreement line, with its unit price frozen when it was issued.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub number: String,
    pub agreement_id: Uuid,
    pub agreement_line_id: Uuid,
    pub budget_line_id: Uuid,
    pub company_id: Uuid,
    pub outlet_id: Uuid,
    pub fiscal_year: i32,
    pub product: String,
    pub quantity: i32,
    pub unit_price: i64,
    pub amount: i64,
    pub subject: String,
    pub instructions: Option<String>,
    pub content_item_id: Option<Uuid>,
    pub issued_on: Date,
    pub due_from: Date,
    pub due_until: Date,
    pub state: String,
    pub last_reason: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    /// Units the verified proofs show: what is paid for.
    pub verified_quantity: Option<i32>,
    pub published_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
