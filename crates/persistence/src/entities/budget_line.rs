use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A unit's budget line of a fiscal year (*DPA*). `allocated`, `committed` and `realised` are
/// moved only by the agreements, orders and payments that make them up.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "budget_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub unit_id: Uuid,
    pub fiscal_year: i32,
    pub account_code: String,
    pub name: String,
    pub original_ceiling: i64,
    pub ceiling: i64,
    pub allocated: i64,
    pub committed: i64,
    pub realised: i64,
    pub revisions: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
