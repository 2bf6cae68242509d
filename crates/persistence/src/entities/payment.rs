use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A payment (SP2D) of an invoice, with the withholding and the account paid into as they were.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub invoice_id: Uuid,
    pub sp2d_number: String,
    pub sp2d_date: Date,
    pub gross: i64,
    pub pph23_bp: i32,
    pub pph23: i64,
    pub net: i64,
    pub stamp_duty: bool,
    pub withholding_slip_number: Option<String>,
    pub bank_account_id: Uuid,
    pub bank_name: String,
    pub account_number: String,
    pub holder_name: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.id.to_string()
    }
}
