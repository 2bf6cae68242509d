use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An outlet's application for a fiscal year, judged by the policy version it was created under.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub outlet_id: Uuid,
    pub company_id: Uuid,
    pub fiscal_year: i32,
    pub policy_version_id: Uuid,
    pub state: String,
    pub submitted_at: Option<DateTimeUtc>,
    /// The rubric's answers (`[{criterion, option}]`) as the verifier gave them.
    #[sea_orm(column_type = "Json", nullable)]
    pub score_answers: Option<Json>,
    pub score_points: Option<i32>,
    pub tier: Option<String>,
    /// The reason of the latest step that gave one (a revision request, a rejection).
    pub last_reason: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::entities::audited_and_versioned!();
