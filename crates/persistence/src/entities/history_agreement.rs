use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An agreement of an earlier year, imported.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "history_agreements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub batch_id: Uuid,
    pub number: String,
    pub fiscal_year: i32,
    pub company_npwp: String,
    pub outlet: String,
    pub unit_code: String,
    pub budget_line_code: String,
    pub budget_line_ceiling: i64,
    pub starts_on: Date,
    pub ends_on: Date,
    pub ceiling: i64,
    pub product: String,
    pub unit_price: i64,
    pub rate_card_price: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.id.to_string()
    }
}
