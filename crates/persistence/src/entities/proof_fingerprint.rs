use sea_orm::entity::prelude::*;

/// A proof's address or content hash, unique in the organisation: it backs one order only.
/// Written and removed with the audited proof it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proof_fingerprints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub fingerprint: String,
    pub order_id: Uuid,
    pub proof_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
