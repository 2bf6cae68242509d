use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One import of earlier years' records: the file as received, and who imported it when.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "history_batches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub rows: i32,
    pub imported_by: Option<Uuid>,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.id.to_string()
    }
}
