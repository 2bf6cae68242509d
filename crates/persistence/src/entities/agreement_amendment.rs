use sea_orm::entity::prelude::*;

/// An amendment of an active agreement: its reason and the terms before and after. Written
/// with the audited change of the agreement; never changed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_amendments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub agreement_id: Uuid,
    pub number: i32,
    pub reason: String,
    #[sea_orm(column_type = "Json")]
    pub before: Json,
    #[sea_orm(column_type = "Json")]
    pub after: Json,
    pub actor_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
