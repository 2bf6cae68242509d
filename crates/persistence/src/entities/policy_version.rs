use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One revision of an organisation's policy for a fiscal year. The latest revision of a year is
/// the one new applications use; a revision a decision has used is frozen (`used_at`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "policy_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub fiscal_year: i32,
    pub revision: i32,
    /// Where the content was copied from: `preset:oki`, or `version:<id>`.
    pub source: String,
    pub regulation_id: Option<Uuid>,
    /// The policy document (`mitra_domain::policy::Policy`), judged whole before every write.
    #[sea_orm(column_type = "JsonBinary")]
    pub content: Json,
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
