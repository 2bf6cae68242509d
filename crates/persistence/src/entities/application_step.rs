use sea_orm::entity::prelude::*;

/// The journal of an application's steps, written in the same transaction as the audited
/// change of the application itself; never changed afterwards.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub application_id: Uuid,
    pub step: String,
    pub from_state: String,
    pub to_state: String,
    pub reason: Option<String>,
    pub policy_version_id: Uuid,
    /// What a decision saw: `{blockers, evaluation, score}` at that moment.
    #[sea_orm(column_type = "Json", nullable)]
    pub evidence: Option<Json>,
    pub actor_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
