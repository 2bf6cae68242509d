use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A file that shows a proof (a scan, a recording, a screenshot), kept in the file store.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "proof_files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub proof_id: Uuid,
    pub file_sha256: String,
    pub file_name: String,
    pub file_type: String,
    pub file_size: i64,
    pub uploaded_by: Option<Uuid>,
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
