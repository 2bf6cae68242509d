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

impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.organisation_id.to_string()
    }
}

/// The organisation is the row's key: its id is the organisation's.
impl crate::tx::Versioned for Entity {
    fn id_column() -> Column {
        Column::OrganisationId
    }
    fn version_column() -> Column {
        Column::Version
    }
    fn updated_at_column() -> Column {
        Column::UpdatedAt
    }
    fn version_of(model: &Model) -> i32 {
        model.version
    }
    fn id_of(model: &Model) -> Uuid {
        model.organisation_id
    }
}
