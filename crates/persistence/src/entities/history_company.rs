use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A company of an earlier year, imported.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "history_companies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub batch_id: Uuid,
    pub npwp: String,
    pub legal_name: String,
    pub eligible_from: Option<Date>,
    pub eligible_until: Option<Date>,
    pub verified_account: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.id.to_string()
    }
}
