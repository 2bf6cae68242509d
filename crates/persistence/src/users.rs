//! The staff of an organisation who use Mitra, with their role and (optionally) unit.

use chrono::{DateTime, Utc};
use mitra_domain::access::Role;
use mitra_domain::audit::AuditAction;
use mitra_domain::identity::{Email, NewUser, SelfChange, UserChanges, Username, check_not_self};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::user;
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::{Store, StoreError, Tx, sessions};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub unit_id: Option<Uuid>,
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub role: Role,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<user::Model> for UserRecord {
    type Error = DbErr;

    fn try_from(row: user::Model) -> Result<Self, DbErr> {
        let role = row.role.parse::<Role>().map_err(|err| DbErr::Type(err.to_string()))?;
        Ok(UserRecord {
            id: row.id,
            organisation_id: row.organisation_id,
            unit_id: row.unit_id,
            username: row.username,
            full_name: row.full_name,
            email: row.email,
            role,
            active: row.active,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

/// A user with the hash of their password, for checking a login.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user: UserRecord,
    pub password_hash: String,
}

/// Enrols a user; a unit of another organisation is refused by the database itself
/// ([`crate::Reference::Unit`]).
pub async fn create(tx: &mut Tx, new: NewUser, password_hash: String) -> Result<UserRecord, StoreError> {
    let now = Utc::now();
    let row = tx
        .insert(user::ActiveModel {
            id: Set(Uuid::now_v7()),
            unit_id: Set(new.unit_id),
            username: Set(new.username.into_inner()),
            full_name: Set(new.full_name.into_inner()),
            email: Set(new.email.map(Email::into_inner)),
            role: Set(new.role.as_str().to_owned()),
            password_hash: Set(password_hash),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::UserCreated, None, Some(&row))?;
    Ok(UserRecord::try_from(row)?)
}

/// Applies `changes` if the user is still at `expected_version`. Nobody changes their own role.
pub async fn update(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    changes: UserChanges,
) -> Result<UserRecord, StoreError> {
    let before = find_row(tx.conn(), tx.scope()?, id).await?;
    if changes.role.is_some_and(|role| role.as_str() != before.role) {
        check_not_self(tx.actor_id(), id, SelfChange::ChangeRole)?;
    }
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let mut changed: user::ActiveModel = before.clone().into();
    if let Some(full_name) = changes.full_name {
        changed.full_name = Set(full_name.into_inner());
    }
    if let Some(email) = changes.email {
        changed.email = Set(email.map(Email::into_inner));
    }
    if let Some(role) = changes.role {
        changed.role = Set(role.as_str().to_owned());
    }
    if let Some(unit_id) = changes.unit_id {
        changed.unit_id = Set(unit_id);
    }
    save(tx, before, changed, AuditAction::UserUpdated).await
}

/// Disables or re-enables a login. Disabling also ends every session of the user at once;
/// nobody disables themselves. Asking for the state a user is already in changes nothing.
pub async fn set_active(tx: &mut Tx, id: Uuid, active: bool) -> Result<UserRecord, StoreError> {
    if !active {
        check_not_self(tx.actor_id(), id, SelfChange::Disable)?;
    }
    let before = find_row(tx.conn(), tx.scope()?, id).await?;
    if before.active == active {
        return Ok(UserRecord::try_from(before)?);
    }
    if !active {
        sessions::revoke_all_of_user(tx, id).await?;
    }
    let mut changed: user::ActiveModel = before.clone().into();
    changed.active = Set(active);
    let action = if active { AuditAction::UserEnabled } else { AuditAction::UserDisabled };
    save(tx, before, changed, action).await
}

/// Replaces the password hash and ends every session of the user.
pub async fn set_password(tx: &mut Tx, id: Uuid, password_hash: String) -> Result<UserRecord, StoreError> {
    let before = find_row(tx.conn(), tx.scope()?, id).await?;
    sessions::revoke_all_of_user(tx, id).await?;
    let mut changed: user::ActiveModel = before.clone().into();
    changed.password_hash = Set(password_hash);
    save(tx, before, changed, AuditAction::UserPasswordReset).await
}

async fn save(
    tx: &mut Tx,
    before: user::Model,
    changed: user::ActiveModel,
    action: AuditAction,
) -> Result<UserRecord, StoreError> {
    let after = tx.save(&before, changed).await?;
    tx.record(action, Some(&before), Some(&after))?;
    Ok(UserRecord::try_from(after)?)
}

/// The user, if they exist in the write's organisation and are still active.
pub(crate) async fn find_active(tx: &Tx, id: Uuid) -> Result<Option<UserRecord>, StoreError> {
    match find_row(tx.conn(), tx.scope()?, id).await {
        Ok(row) if row.active => Ok(Some(UserRecord::try_from(row)?)),
        Ok(_) | Err(StoreError::NotFound) => Ok(None),
        Err(err) => Err(err),
    }
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<UserRecord, StoreError> {
    Ok(UserRecord::try_from(find_row(store.db(), scope, id).await?)?)
}

/// Finds a login by name across all organisations: login happens before there is a scope, and
/// usernames are unique system-wide for exactly this reason.
pub async fn credentials_for_login(store: &Store, username: &Username) -> Result<Option<Credentials>, StoreError> {
    let row = scope::select_for_authentication::<user::Entity>()
        .filter(user::Column::Username.eq(username.as_str()))
        .one(store.db())
        .await?;
    match row {
        None => Ok(None),
        Some(row) => {
            let password_hash = row.password_hash.clone();
            Ok(Some(Credentials { user: UserRecord::try_from(row)?, password_hash }))
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// Matches part of the username, full name or e-mail address, ignoring case.
    pub text: Option<String>,
}

/// Users in creation order; the cursor is the last user's id (UUIDv7, so time-ordered).
pub async fn list(
    store: &Store,
    scope: OrgScope,
    filter: &UserFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<UserRecord, Uuid>, StoreError> {
    let mut query = scope::select::<user::Entity>(scope);
    if let Some(role) = filter.role {
        query = query.filter(user::Column::Role.eq(role.as_str()));
    }
    if let Some(active) = filter.active {
        query = query.filter(user::Column::Active.eq(active));
    }
    if let Some(text) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
        let matches = |col: user::Column| {
            Expr::expr(Func::lower(Expr::col(col))).like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            matches(user::Column::Username).or(matches(user::Column::FullName)).or(matches(user::Column::Email)),
        );
    }
    if let Some(after) = page.after {
        query = query.filter(user::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(user::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(UserRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |user: &UserRecord| user.id))
}

/// `%` and `_` typed by a user are searched for literally.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Usernames of the given users of the organisation, to label audit events with readable names.
pub async fn usernames(store: &Store, scope: OrgScope, ids: &[Uuid]) -> Result<Vec<(Uuid, String)>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = scope::select::<user::Entity>(scope)
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(store.db())
        .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.username)).collect())
}

async fn find_row(conn: &impl ConnectionTrait, scope: OrgScope, id: Uuid) -> Result<user::Model, StoreError> {
    scope::find::<user::Entity>(conn, scope, id).await
}
