use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A proof of publication handed in for an order, and its review.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "proofs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub order_id: Uuid,
    pub kind: String,
    pub quantity: i32,
    pub paid_content_labelled: bool,
    pub url: Option<String>,
    pub captured_at: Option<DateTimeUtc>,
    pub content_sha256: Option<String>,
    pub edition: Option<String>,
    pub published_on: Option<Date>,
    pub page: Option<String>,
    pub aired_at: Option<Time>,
    pub duration_seconds: Option<i32>,
    pub received_by: Option<String>,
    pub note: Option<String>,
    pub status: String,
    pub review_note: Option<String>,
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
