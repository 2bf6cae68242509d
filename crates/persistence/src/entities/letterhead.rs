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

// One row per organisation: the organisation is the row's key, for the trail and the versioned save.
super::audited_and_versioned!(OrganisationId, organisation_id);
