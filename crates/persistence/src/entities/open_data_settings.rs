use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An organisation's open data (OCDS) publication settings; keyed by the organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "open_data_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    pub ocid_prefix: String,
    pub publisher_name: String,
    pub publisher_uri: Option<String>,
    pub license_url: String,
    pub publication_policy_url: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

// One row per organisation: the organisation is the row's key, for the trail and the versioned save.
super::audited_and_versioned!(OrganisationId, organisation_id);
