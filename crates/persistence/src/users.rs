//! The staff of an organisation who use Mitra, with their role and (optionally) unit.

use chrono::{DateTime, Utc};
use mitra_domain::access::Role;
use mitra_domain::identity::{Email, FullName, Username};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::entities::user;
use crate::page::{Page, PageRequest};
use crate::{AuditContext, Conflict, OrgScope, Store, StoreError, sessions, units};

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

impl UserRecord {
    /// What the audit trail keeps of a user: never the password hash.
    fn snapshot(&self) -> Value {
        json!({
            "id": self.id,
            "username": self.username,
            "full_name": self.full_name,
            "email": self.email,
            "role": self.role.as_str(),
            "unit_id": self.unit_id,
            "active": self.active,
            "version": self.version,
        })
    }
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

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: Username,
    pub full_name: FullName,
    pub email: Option<Email>,
    pub role: Role,
    pub unit_id: Option<Uuid>,
    pub password_hash: String,
}

pub async fn create(store: &Store, ctx: &AuditContext, new: NewUser) -> Result<UserRecord, StoreError> {
    let txn = store.write().await?;
    if let Some(unit_id) = new.unit_id
        && !units::exists(&txn, ctx.scope, unit_id).await?
    {
        return Err(StoreError::UnknownUnit);
    }
    let now = Utc::now();
    let row = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(ctx.scope.organisation_id()),
        unit_id: Set(new.unit_id),
        username: Set(new.username.into_inner()),
        full_name: Set(new.full_name.into_inner()),
        email: Set(new.email.map(Email::into_inner)),
        role: Set(new.role.as_str().to_owned()),
        password_hash: Set(new.password_hash),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    };
    let inserted = user::Entity::insert(row)
        .exec_with_returning(&txn)
        .await
        .map_err(|err| StoreError::unique(err, Conflict::UsernameTaken))?;
    let record = UserRecord::try_from(inserted)?;
    let change = Change {
        entity_type: "user",
        entity_id: record.id.to_string(),
        action: "user.created",
        before: None,
        after: Some(record.snapshot()),
    };
    audit::record(&txn, ctx, change).await?;
    txn.commit().await?;
    Ok(record)
}

async fn find_row<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> Result<user::Model, StoreError> {
    user::Entity::find_by_id(id)
        .filter(user::Column::OrganisationId.eq(scope.organisation_id()))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> Result<UserRecord, StoreError> {
    Ok(UserRecord::try_from(find_row(conn, scope, id).await?)?)
}

/// Finds a login by name across all organisations: login happens before there is a scope, and
/// usernames are unique system-wide for exactly this reason.
pub async fn credentials_for_login<C: ConnectionTrait>(
    conn: &C,
    username: &Username,
) -> Result<Option<Credentials>, StoreError> {
    let row = user::Entity::find().filter(user::Column::Username.eq(username.as_str())).one(conn).await?;
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
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    filter: &UserFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<UserRecord, Uuid>, StoreError> {
    let mut query = user::Entity::find().filter(user::Column::OrganisationId.eq(scope.organisation_id()));
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
    let rows = query.order_by_asc(user::Column::Id).limit(page.limit + 1).all(conn).await?;
    let records = rows.into_iter().map(UserRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |user: &UserRecord| user.id))
}

/// `%` and `_` typed by a user are searched for literally.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub full_name: Option<FullName>,
    /// `Some(None)` clears the address.
    pub email: Option<Option<Email>>,
    pub role: Option<Role>,
    /// `Some(None)` takes the user out of any unit.
    pub unit_id: Option<Option<Uuid>>,
}

/// Applies `changes` if the user is still at `expected_version`.
pub async fn update(
    store: &Store,
    ctx: &AuditContext,
    id: Uuid,
    expected_version: i32,
    changes: UserChanges,
) -> Result<UserRecord, StoreError> {
    let txn = store.write().await?;
    let row = find_row(&txn, ctx.scope, id).await?;
    if row.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    if let Some(Some(unit_id)) = changes.unit_id
        && !units::exists(&txn, ctx.scope, unit_id).await?
    {
        return Err(StoreError::UnknownUnit);
    }
    let mut active: user::ActiveModel = row.clone().into();
    if let Some(full_name) = changes.full_name {
        active.full_name = Set(full_name.into_inner());
    }
    if let Some(email) = changes.email {
        active.email = Set(email.map(Email::into_inner));
    }
    if let Some(role) = changes.role {
        active.role = Set(role.as_str().to_owned());
    }
    if let Some(unit_id) = changes.unit_id {
        active.unit_id = Set(unit_id);
    }
    let updated = save(&txn, ctx, row, active, "user.updated").await?;
    txn.commit().await?;
    Ok(updated)
}

/// Disables or re-enables a login. Disabling also ends every session of the user at once.
pub async fn set_active(store: &Store, ctx: &AuditContext, id: Uuid, active: bool) -> Result<UserRecord, StoreError> {
    let txn = store.write().await?;
    let row = find_row(&txn, ctx.scope, id).await?;
    if row.active == active {
        return Ok(UserRecord::try_from(row)?);
    }
    if !active {
        sessions::revoke_all_of_user(&txn, id).await?;
    }
    let mut changed: user::ActiveModel = row.clone().into();
    changed.active = Set(active);
    let action = if active { "user.enabled" } else { "user.disabled" };
    let updated = save(&txn, ctx, row, changed, action).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Replaces the password hash and ends every session of the user.
pub async fn set_password(
    store: &Store,
    ctx: &AuditContext,
    id: Uuid,
    password_hash: String,
) -> Result<UserRecord, StoreError> {
    let txn = store.write().await?;
    let row = find_row(&txn, ctx.scope, id).await?;
    sessions::revoke_all_of_user(&txn, id).await?;
    let mut changed: user::ActiveModel = row.clone().into();
    changed.password_hash = Set(password_hash);
    let updated = save(&txn, ctx, row, changed, "user.password_reset").await?;
    txn.commit().await?;
    Ok(updated)
}

/// Writes a changed user with a bumped version and records the change.
async fn save(
    txn: &DatabaseTransaction,
    ctx: &AuditContext,
    before: user::Model,
    mut changed: user::ActiveModel,
    action: &str,
) -> Result<UserRecord, StoreError> {
    let version = before.version;
    let before = UserRecord::try_from(before)?;
    changed.updated_at = Set(Utc::now());
    changed.version = Set(version + 1);
    // Conditional on the version read: a concurrent edit makes this match no row.
    let updated = user::Entity::update_many()
        .set(changed)
        .filter(user::Column::Id.eq(before.id))
        .filter(user::Column::Version.eq(version))
        .exec_with_returning(txn)
        .await?;
    let after = UserRecord::try_from(updated.into_iter().next().ok_or(StoreError::VersionMismatch)?)?;
    let change = Change {
        entity_type: "user",
        entity_id: after.id.to_string(),
        action,
        before: Some(before.snapshot()),
        after: Some(after.snapshot()),
    };
    audit::record(txn, ctx, change).await?;
    Ok(after)
}

/// Usernames of the given users of the organisation, to label audit events with readable names.
pub async fn usernames<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, String)>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(scope.organisation_id()))
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.username)).collect())
}
