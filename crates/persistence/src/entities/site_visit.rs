use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The site visit (*verifikasi faktual*) of an application: one per application.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "site_visits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub application_id: Uuid,
    pub visited_on: Date,
    /// The team members' names, in order.
    #[sea_orm(column_type = "Json")]
    pub team: Json,
    /// `[{item, ok, note}]`.
    #[sea_orm(column_type = "Json")]
    pub checklist: Json,
    pub conclusion: String,
    pub notes: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
