use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A person in a company's newsroom for a fiscal year: its editor-in-chief or a journalist.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "newsroom_people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub company_id: Uuid,
    pub fiscal_year: i32,
    pub full_name: String,
    pub role: String,
    /// Personal data: the NIK sealed with the configured key. Never in the audit trail.
    #[serde(skip_serializing)]
    pub nik_sealed: Vec<u8>,
    /// The NIK's keyed hash, to keep one person to one company a year. Never in the trail.
    #[serde(skip_serializing)]
    pub nik_lookup: String,
    pub nik_last_four: String,
    pub competence_level: Option<String>,
    pub competence_certificate: Option<String>,
    pub competence_date: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
