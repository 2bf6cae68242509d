use sea_orm::entity::prelude::*;
use serde::Serialize;

/// What the Press Council's records said of a company when someone checked: evidenced, dated,
/// expiring. Never edited: a new check is a new record, and the newest is the standing.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "press_council_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub company_id: Uuid,
    pub status: String,
    pub certificate_number: Option<String>,
    pub certificate_date: Option<Date>,
    pub valid_until: Option<Date>,
    pub checked_on: Date,
    pub checked_by: Option<Uuid>,
    /// Where it was checked: the Press Council's data page, a certificate's number.
    pub evidence: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.id.to_string()
    }
}
