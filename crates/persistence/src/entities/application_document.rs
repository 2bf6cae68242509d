use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A document handed in for one of the policy's requirements; the file lives in the file store
/// under its SHA-256. A newer document for the same requirement makes this one not `current`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "application_documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub application_id: Uuid,
    pub requirement_code: String,
    pub file_sha256: String,
    pub file_name: String,
    pub file_type: String,
    pub file_size: i64,
    pub expires_on: Option<Date>,
    pub current: bool,
    pub review_status: String,
    pub review_note: Option<String>,
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
