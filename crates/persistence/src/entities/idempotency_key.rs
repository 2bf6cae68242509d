use sea_orm::entity::prelude::*;

/// A request's idempotency key and, once the first request finished, its response. Bookkeeping
/// of requests, not a change anyone made: written without audit events
/// ([`Exempt::IdempotencyKey`](crate::Exempt::IdempotencyKey)).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub key: String,
    pub user_id: Option<Uuid>,
    pub fingerprint: String,
    pub status: Option<i32>,
    pub response_body: Option<String>,
    pub response_location: Option<String>,
    pub response_etag: Option<String>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
