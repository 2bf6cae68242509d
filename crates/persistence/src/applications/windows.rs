//! Registration windows: the periods in which a fiscal year's applications are taken.

use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::applications::Window;
use mitra_domain::audit::AuditAction;
use mitra_domain::policy::FiscalYear;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entities::registration_window;
use crate::scope::{self, OrgScope};
use crate::{Store, StoreError, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowRecord {
    pub id: Uuid,
    pub window: Window,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<registration_window::Model> for WindowRecord {
    type Error = DbErr;

    fn try_from(row: registration_window::Model) -> Result<Self, DbErr> {
        let year = FiscalYear::parse(row.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?;
        Ok(WindowRecord {
            id: row.id,
            window: Window { fiscal_year: year, opens_on: row.opens_on, closes_on: row.closes_on, note: row.note },
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

fn window_row(window: Window) -> registration_window::ActiveModel {
    registration_window::ActiveModel {
        fiscal_year: Set(window.fiscal_year.year()),
        opens_on: Set(window.opens_on),
        closes_on: Set(window.closes_on),
        note: Set(window.note),
        ..Default::default()
    }
}

pub async fn create(tx: &mut Tx, window: Window) -> Result<WindowRecord, StoreError> {
    let now = Utc::now();
    let row = tx
        .insert(registration_window::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..window_row(window)
        })
        .await?;
    tx.record(AuditAction::RegistrationWindowCreated, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// Moves or re-announces a window if it is still at `expected_version`. Applications already
/// made stay: a window is checked when an application is made and first submitted.
pub async fn update(tx: &mut Tx, id: Uuid, expected_version: i32, window: Window) -> Result<WindowRecord, StoreError> {
    let before = find(tx.conn(), tx.scope()?, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let after = tx.save(&before, registration_window::ActiveModel { id: Set(id), ..window_row(window) }).await?;
    tx.record(AuditAction::RegistrationWindowUpdated, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<WindowRecord, StoreError> {
    Ok(find(store.db(), scope, id).await?.try_into()?)
}

/// The windows, latest opening first; optionally of one fiscal year. A region opens one or two
/// a year, so the list is not paged.
pub async fn list(
    store: &Store,
    scope: OrgScope,
    fiscal_year: Option<FiscalYear>,
) -> Result<Vec<WindowRecord>, StoreError> {
    let mut query = scope::select::<registration_window::Entity>(scope);
    if let Some(year) = fiscal_year {
        query = query.filter(registration_window::Column::FiscalYear.eq(year.year()));
    }
    let rows = query
        .order_by_desc(registration_window::Column::OpensOn)
        .order_by_desc(registration_window::Column::Id)
        .all(store.db())
        .await?;
    Ok(rows.into_iter().map(WindowRecord::try_from).collect::<Result<Vec<_>, _>>()?)
}

/// A window of `fiscal_year` open on `on`, if any.
pub(crate) async fn open_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    fiscal_year: FiscalYear,
    on: NaiveDate,
) -> Result<Option<registration_window::Model>, StoreError> {
    Ok(scope::select::<registration_window::Entity>(scope)
        .filter(registration_window::Column::FiscalYear.eq(fiscal_year.year()))
        .filter(registration_window::Column::OpensOn.lte(on))
        .filter(registration_window::Column::ClosesOn.gte(on))
        .one(conn)
        .await?)
}

async fn find(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<registration_window::Model, StoreError> {
    scope::find::<registration_window::Entity>(conn, scope, id).await
}
