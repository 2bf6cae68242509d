//! Login sessions (refresh-token families) and the record of failed logins.
//!
//! A login opens a family with one token. Each refresh rotates: the presented token is marked
//! rotated and a new one joins the family. Presenting a rotated token again means it was copied,
//! so the whole family is revoked and both the thief and the user must log in again.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::entities::{login_failure, refresh_token};
use crate::users::UserRecord;
use crate::{AuditContext, OrgScope, Store, StoreError, users};

/// Opens a session for a user who just proved their password, and records the login.
pub async fn open(
    store: &Store,
    user: &UserRecord,
    token_hash: String,
    expires_at: DateTime<Utc>,
    request_id: Option<String>,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let family_id = Uuid::now_v7();
    insert_token(&txn, user, family_id, token_hash, expires_at).await?;
    let ctx = AuditContext { scope: OrgScope::new(user.organisation_id), actor_id: Some(user.id), request_id };
    let change = Change {
        entity_type: "session",
        entity_id: family_id.to_string(),
        action: "session.login",
        before: None,
        after: Some(json!({ "user_id": user.id, "expires_at": expires_at.to_rfc3339() })),
    };
    audit::record(&txn, &ctx, change).await?;
    txn.commit().await?;
    Ok(())
}

async fn insert_token(
    txn: &DatabaseTransaction,
    user: &UserRecord,
    family_id: Uuid,
    token_hash: String,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        family_id: Set(family_id),
        user_id: Set(user.id),
        organisation_id: Set(user.organisation_id),
        token_hash: Set(token_hash),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
        rotated_at: Set(None),
        revoked_at: Set(None),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// What became of a presented refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The token was current: it is now rotated and `new_hash` is the session's token.
    Rotated(UserRecord),
    /// The token had been rotated already: the session is revoked.
    Reused,
    /// Unknown, expired or revoked token, or the user is disabled.
    Invalid,
}

pub async fn rotate(
    store: &Store,
    presented_hash: &str,
    new_hash: String,
    new_expires_at: DateTime<Utc>,
    request_id: Option<String>,
) -> Result<Rotation, StoreError> {
    let txn = store.write().await?;
    let now = Utc::now();
    let Some(token) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(presented_hash))
        .lock_exclusive()
        .one(&txn)
        .await?
    else {
        return Ok(Rotation::Invalid);
    };
    if token.revoked_at.is_some() || token.expires_at <= now {
        return Ok(Rotation::Invalid);
    }
    let scope = OrgScope::new(token.organisation_id);
    if token.rotated_at.is_some() {
        revoke_family(&txn, token.family_id, now).await?;
        let ctx = AuditContext { scope, actor_id: Some(token.user_id), request_id };
        let change = Change {
            entity_type: "session",
            entity_id: token.family_id.to_string(),
            action: "session.reuse_detected",
            before: None,
            after: Some(json!({ "user_id": token.user_id, "revoked": true })),
        };
        audit::record(&txn, &ctx, change).await?;
        txn.commit().await?;
        return Ok(Rotation::Reused);
    }
    let user = users::get(&txn, scope, token.user_id).await?;
    if !user.active {
        return Ok(Rotation::Invalid);
    }
    // Conditional on `rotated_at IS NULL`: of two concurrent refreshes with one token, one wins.
    let marked = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RotatedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(token.id))
        .filter(refresh_token::Column::RotatedAt.is_null())
        .exec(&txn)
        .await?;
    if marked.rows_affected != 1 {
        return Ok(Rotation::Invalid);
    }
    insert_token(&txn, &user, token.family_id, new_hash, new_expires_at).await?;
    txn.commit().await?;
    Ok(Rotation::Rotated(user))
}

/// Ends the session the token belongs to (logout). Unknown tokens are ignored: logging out twice
/// is not an error.
pub async fn close(store: &Store, presented_hash: &str, request_id: Option<String>) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let Some(token) =
        refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(presented_hash)).one(&txn).await?
    else {
        return Ok(());
    };
    if token.revoked_at.is_some() {
        return Ok(());
    }
    revoke_family(&txn, token.family_id, Utc::now()).await?;
    let ctx = AuditContext { scope: OrgScope::new(token.organisation_id), actor_id: Some(token.user_id), request_id };
    let change = Change {
        entity_type: "session",
        entity_id: token.family_id.to_string(),
        action: "session.logout",
        before: None,
        after: None,
    };
    audit::record(&txn, &ctx, change).await?;
    txn.commit().await?;
    Ok(())
}

async fn revoke_family(txn: &DatabaseTransaction, family_id: Uuid, now: DateTime<Utc>) -> Result<(), DbErr> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    Ok(())
}

/// Ends every session of a user (disabled, or password reset).
pub(crate) async fn revoke_all_of_user(txn: &DatabaseTransaction, user_id: Uuid) -> Result<(), DbErr> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    Ok(())
}

/// Failed logins under `key` since `since`, for the throttle to judge.
pub async fn failures_since<C: ConnectionTrait>(
    conn: &C,
    key: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, StoreError> {
    let rows = login_failure::Entity::find()
        .filter(login_failure::Column::ThrottleKey.eq(key))
        .filter(login_failure::Column::OccurredAt.gt(since))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|row| row.occurred_at).collect())
}

/// Records one failed login under each key, and forgets failures older than `forget_before`
/// so the table stays small.
pub async fn record_failure(
    store: &Store,
    keys: &[String],
    at: DateTime<Utc>,
    forget_before: DateTime<Utc>,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    login_failure::Entity::delete_many().filter(login_failure::Column::OccurredAt.lt(forget_before)).exec(&txn).await?;
    let rows = keys.iter().map(|key| login_failure::ActiveModel {
        id: Set(Uuid::now_v7()),
        throttle_key: Set(key.clone()),
        occurred_at: Set(at),
    });
    login_failure::Entity::insert_many(rows).exec_without_returning(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// A successful login wipes the slate for its username.
pub async fn clear_failures(store: &Store, key: &str) -> Result<(), StoreError> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::ThrottleKey.eq(key))
        .exec(store.connection())
        .await?;
    Ok(())
}
