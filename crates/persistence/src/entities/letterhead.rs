use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An organisation's letterhead (*kop surat*) and signatory: one row per organisation, keyed by
/// the organisation itself.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "letterheads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    pub government: String,
    pub office: String,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub city: String,
    pub signatory_name: String,
    pub signatory_title: String,
    pub signatory_nip: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

// The organisation is the row's key: the trail and the versioned save name it by that.
impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.organisation_id.to_string()
    }
}

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
