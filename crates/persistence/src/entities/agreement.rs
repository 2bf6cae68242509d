use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An agreement with the company of an approved application; its lines are `agreement_lines`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "agreements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub number: String,
    pub application_id: Uuid,
    pub company_id: Uuid,
    pub outlet_id: Uuid,
    pub fiscal_year: i32,
    pub policy_version_id: Uuid,
    pub media_type: String,
    pub tier: String,
    pub kind: String,
    pub title: String,
    pub external_order_id: Option<String>,
    pub budget_line_id: Uuid,
    pub starts_on: Date,
    pub ends_on: Date,
    pub ceiling: i64,
    pub reserved: i64,
    pub committed: i64,
    pub realised: i64,
    pub state: String,
    pub ground: Option<String>,
    pub last_reason: Option<String>,
    pub amendments: i32,
    pub activated_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
