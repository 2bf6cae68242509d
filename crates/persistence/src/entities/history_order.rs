use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An order of an earlier year, imported.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "history_orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub batch_id: Uuid,
    pub number: String,
    pub agreement_number: String,
    pub issued_on: Date,
    pub quantity: i64,
    pub unit_price: i64,
    pub amount: i64,
    pub published_on: Option<Date>,
    pub proof_url: Option<String>,
    pub proof_verified: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.id.to_string()
    }
}
