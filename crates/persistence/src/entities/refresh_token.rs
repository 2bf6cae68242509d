use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One refresh token of a login session. Tokens of one login form a family: each use rotates
/// the token, and presenting a rotated one again revokes the whole family.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "refresh_tokens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub family_id: Uuid,
    pub user_id: Uuid,
    pub organisation_id: Uuid,
    /// SHA-256 of the token: a stolen database does not yield usable tokens. Secret all the
    /// same: never in the audit trail.
    #[serde(skip_serializing)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub rotated_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// A session's events are about the family, the session as the user knows it.
impl crate::tx::Audited for Model {
    fn entity_id(&self) -> String {
        self.family_id.to_string()
    }
}
