use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A payment (SP2D) of an earlier year, imported.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "history_payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub batch_id: Uuid,
    pub sp2d_number: String,
    pub paid_on: Date,
    pub company_npwp: String,
    pub order_number: Option<String>,
    pub invoice_number: String,
    pub account_number: String,
    pub amount: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.id.to_string()
    }
}
