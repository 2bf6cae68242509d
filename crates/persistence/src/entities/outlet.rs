use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A medium a press company publishes through: a newspaper, a news site, a station.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "outlets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub company_id: Uuid,
    pub media_type: String,
    pub name: String,
    pub url: Option<String>,
    /// A station's frequency or channel.
    pub frequency: Option<String>,
    pub scale: String,
    pub first_published: Option<Date>,
    pub periodicity: String,
    /// Copies per edition, as claimed.
    pub circulation: Option<i64>,
    /// Visits per month, as claimed.
    pub monthly_visitors: Option<i64>,
    /// Where the claims come from (an audit, an analytics report).
    pub claims_evidence: Option<String>,
    pub broadcast_licence: Option<String>,
    pub broadcast_licence_until: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
