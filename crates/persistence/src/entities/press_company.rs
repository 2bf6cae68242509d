use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A press company (*perusahaan pers*) as registered with the organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "press_companies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub legal_name: String,
    pub legal_form: String,
    pub deed_number: Option<String>,
    pub deed_date: Option<Date>,
    pub ahu_number: Option<String>,
    pub ahu_date: Option<Date>,
    pub nib: Option<String>,
    /// 16 digits.
    pub npwp: String,
    pub vat_registered: bool,
    pub vat_registered_since: Option<Date>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub staff_count: Option<i32>,
    /// Whole rupiah.
    pub paid_up_capital: Option<i64>,
    pub local_office: Option<bool>,
    pub association: Option<String>,
    pub status: String,
    pub status_reason: Option<String>,
    pub status_since: Date,
    pub press_council_status: String,
    pub press_council_valid_until: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
