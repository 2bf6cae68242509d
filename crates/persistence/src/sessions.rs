//! Login sessions (refresh-token families) and the record of failed logins.
//!
//! A login opens a family with one token. Each refresh rotates: the presented token is marked
//! rotated and a new one joins the family. Presenting a rotated token again means it was copied,
//! so the whole family is revoked and both the thief and the user must log in again.

use chrono::{DateTime, Utc};
use mitra_domain::audit::AuditAction;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entities::{login_failure, refresh_token};
use crate::scope::{self, OrgScope};
use crate::users::UserRecord;
use crate::{Exempt, Store, StoreError, Tx, users};

/// A refresh token as the database keeps it: its hash, and when it stops working.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub hash: String,
    pub expires_at: DateTime<Utc>,
}

/// Opens a session for a user who just proved their password: forgets their failed attempts
/// under `throttle_key`, stores the first token of a new family, and records the login.
pub async fn open(
    store: &Store,
    user: &UserRecord,
    token: NewToken,
    throttle_key: &str,
    request_id: Option<String>,
) -> Result<(), StoreError> {
    let scope = OrgScope::of(user.organisation_id);
    store
        .write_as(scope, Some(user.id), request_id, async |tx| {
            tx.delete_global::<login_failure::Entity>(|delete| {
                delete.filter(login_failure::Column::ThrottleKey.eq(throttle_key))
            })
            .await?;
            let row = insert_token(tx, user.id, Uuid::now_v7(), token).await?;
            tx.record(AuditAction::SessionLogin, None, Some(&row))
        })
        .await
}

async fn insert_token(
    tx: &mut Tx,
    user_id: Uuid,
    family_id: Uuid,
    token: NewToken,
) -> Result<refresh_token::Model, StoreError> {
    tx.insert(refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        family_id: Set(family_id),
        user_id: Set(user_id),
        token_hash: Set(token.hash),
        created_at: Set(Utc::now()),
        expires_at: Set(token.expires_at),
        rotated_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    })
    .await
}

/// What became of a presented refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The token was current: it is now rotated and the new token is the session's.
    Rotated(UserRecord),
    /// The token had been rotated already: the session is revoked.
    Reused,
    /// Unknown, expired or revoked token, or the user is disabled.
    Invalid,
}

/// Exchanges a presented token (by its hash) for `next`. Not audited ([`Exempt::SessionRotation`])
/// unless the token was stolen: that is recorded.
pub async fn rotate(
    store: &Store,
    presented_hash: &str,
    next: NewToken,
    request_id: Option<String>,
) -> Result<Rotation, StoreError> {
    store
        .write_exempt(Exempt::SessionRotation, request_id, async |tx| {
            let now = Utc::now();
            let Some(token) = scope::select_for_authentication::<refresh_token::Entity>()
                .filter(refresh_token::Column::TokenHash.eq(presented_hash))
                .lock_exclusive()
                .one(tx.conn())
                .await?
            else {
                return Ok(Rotation::Invalid);
            };
            if token.revoked_at.is_some() || token.expires_at <= now {
                return Ok(Rotation::Invalid);
            }
            tx.enter(OrgScope::of(token.organisation_id), Some(token.user_id));
            if token.rotated_at.is_some() {
                end_family(tx, &token, AuditAction::SessionReuseDetected).await?;
                return Ok(Rotation::Reused);
            }
            let Some(user) = users::find_active(tx, token.user_id).await? else {
                return Ok(Rotation::Invalid);
            };
            // Conditional on `rotated_at IS NULL`: of two concurrent refreshes with one token, one wins.
            let marked = tx
                .update::<refresh_token::Entity>(|update| {
                    update
                        .col_expr(refresh_token::Column::RotatedAt, Expr::value(now))
                        .filter(refresh_token::Column::Id.eq(token.id))
                        .filter(refresh_token::Column::RotatedAt.is_null())
                })
                .await?;
            if marked != 1 {
                return Ok(Rotation::Invalid);
            }
            insert_token(tx, user.id, token.family_id, next).await?;
            Ok(Rotation::Rotated(user))
        })
        .await
}

/// Ends the session the token belongs to (logout). Unknown or already revoked tokens change
/// nothing: logging out twice is not an error.
pub async fn close(store: &Store, presented_hash: &str, request_id: Option<String>) -> Result<(), StoreError> {
    let token = scope::select_for_authentication::<refresh_token::Entity>()
        .filter(refresh_token::Column::TokenHash.eq(presented_hash))
        .one(store.db())
        .await?;
    let Some(token) = token.filter(|token| token.revoked_at.is_none()) else {
        return Ok(());
    };
    store
        .write_as(OrgScope::of(token.organisation_id), Some(token.user_id), request_id, async |tx| {
            end_family(tx, &token, AuditAction::SessionLogout).await
        })
        .await
}

/// Revokes the family of `token` and records why, with the presented token before and after.
async fn end_family(tx: &mut Tx, token: &refresh_token::Model, action: AuditAction) -> Result<(), StoreError> {
    let now = Utc::now();
    tx.update::<refresh_token::Entity>(|update| {
        update
            .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
            .filter(refresh_token::Column::FamilyId.eq(token.family_id))
            .filter(refresh_token::Column::RevokedAt.is_null())
    })
    .await?;
    let revoked = refresh_token::Model { revoked_at: Some(now), ..token.clone() };
    tx.record(action, Some(token), Some(&revoked))
}

/// Ends every session of a user (disabled, or password reset), inside the write that does so.
pub(crate) async fn revoke_all_of_user(tx: &mut Tx, user_id: Uuid) -> Result<(), StoreError> {
    tx.update::<refresh_token::Entity>(|update| {
        update
            .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
            .filter(refresh_token::Column::UserId.eq(user_id))
            .filter(refresh_token::Column::RevokedAt.is_null())
    })
    .await?;
    Ok(())
}

/// Failed logins under `key` since `since`, for the throttle to judge.
pub async fn failures_since(store: &Store, key: &str, since: DateTime<Utc>) -> Result<Vec<DateTime<Utc>>, StoreError> {
    let rows = scope::select_global::<login_failure::Entity>()
        .filter(login_failure::Column::ThrottleKey.eq(key))
        .filter(login_failure::Column::OccurredAt.gt(since))
        .all(store.db())
        .await?;
    Ok(rows.into_iter().map(|row| row.occurred_at).collect())
}

/// Records one failed login under each key, and forgets failures older than `forget_before`
/// so the table stays small. Not audited ([`Exempt::LoginThrottle`]).
pub async fn record_failure(
    store: &Store,
    keys: &[String],
    at: DateTime<Utc>,
    forget_before: DateTime<Utc>,
) -> Result<(), StoreError> {
    store
        .write_exempt(Exempt::LoginThrottle, None, async |tx| {
            tx.delete_global::<login_failure::Entity>(|delete| {
                delete.filter(login_failure::Column::OccurredAt.lt(forget_before))
            })
            .await?;
            for key in keys {
                tx.insert_global(login_failure::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    throttle_key: Set(key.clone()),
                    occurred_at: Set(at),
                })
                .await?;
            }
            Ok(())
        })
        .await
}
