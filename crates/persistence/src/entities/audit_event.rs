use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub sequence: i64,
    /// The instant as epoch microseconds: exactly what the hash covers, on every database.
    pub occurred_at_micros: i64,
    pub actor_id: Option<Uuid>,
    pub entity_type: String,
    pub entity_id: String,
    pub action: String,
    pub before_state: Option<String>,
    pub after_state: Option<String>,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
