//! Earlier years' records, imported from CSV into a history area of their own (see
//! `mitra_domain::history`): the imports (batches) and the records they brought.

pub mod import;

use chrono::{DateTime, Utc};
use mitra_domain::history::{HistoryKind, HistoryRecord};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::{history_agreement, history_batch, history_company, history_order, history_payment};
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::{Store, StoreError};

pub use import::{Preview, import, preview};

/// One import: a file of one kind, stored whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchRecord {
    pub id: Uuid,
    pub kind: HistoryKind,
    pub file_name: String,
    pub sha256: String,
    pub rows: i32,
    pub imported_by: Option<Uuid>,
    pub imported_at: DateTime<Utc>,
}

impl TryFrom<history_batch::Model> for BatchRecord {
    type Error = StoreError;

    fn try_from(row: history_batch::Model) -> Result<Self, StoreError> {
        Ok(BatchRecord {
            id: row.id,
            kind: crate::columns::vocabulary(&row.kind)?,
            file_name: row.file_name,
            sha256: row.sha256,
            rows: row.rows,
            imported_by: row.imported_by,
            imported_at: row.imported_at,
        })
    }
}

/// One imported record: which import brought it, its number, and its columns as imported.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRecordView {
    pub id: Uuid,
    pub record: HistoryRecord,
    pub batch_id: Uuid,
    /// Its number: the NPWP of a company, the SP2D number of a payment.
    pub reference: String,
    /// Every column as imported, amounts in whole rupiah.
    pub fields: serde_json::Value,
}

/// Imports, newest first; the cursor is the last one's id (ids are time-ordered).
pub async fn list_batches(
    store: &Store,
    scope: OrgScope,
    page: PageRequest<Uuid>,
) -> Result<Page<BatchRecord, Uuid>, StoreError> {
    let mut query = scope::select::<history_batch::Entity>(scope);
    if let Some(before) = page.after {
        query = query.filter(history_batch::Column::Id.lt(before));
    }
    let rows = query.order_by_desc(history_batch::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(BatchRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetch(records, page.limit, |batch| batch.id))
}

/// One imported record of `kind`.
pub async fn get(store: &Store, scope: OrgScope, kind: HistoryKind, id: Uuid) -> Result<HistoryRecordView, StoreError> {
    fn view<M: Serialize>(
        id: Uuid,
        kind: HistoryKind,
        batch_id: Uuid,
        reference: String,
        row: &M,
    ) -> Result<HistoryRecordView, StoreError> {
        let mut fields = serde_json::to_value(row).map_err(|err| sea_orm::DbErr::Json(err.to_string()))?;
        if let Some(object) = fields.as_object_mut() {
            for internal in ["id", "organisation_id", "batch_id"] {
                object.remove(internal);
            }
        }
        Ok(HistoryRecordView { id, record: kind.record(), batch_id, reference, fields })
    }
    let db = store.db();
    match kind {
        HistoryKind::Companies => {
            let row = scope::find::<history_company::Entity>(db, scope, id).await?;
            view(row.id, kind, row.batch_id, row.npwp.clone(), &row)
        }
        HistoryKind::Agreements => {
            let row = scope::find::<history_agreement::Entity>(db, scope, id).await?;
            view(row.id, kind, row.batch_id, row.number.clone(), &row)
        }
        HistoryKind::Orders => {
            let row = scope::find::<history_order::Entity>(db, scope, id).await?;
            view(row.id, kind, row.batch_id, row.number.clone(), &row)
        }
        HistoryKind::Payments => {
            let row = scope::find::<history_payment::Entity>(db, scope, id).await?;
            view(row.id, kind, row.batch_id, row.sp2d_number.clone(), &row)
        }
    }
}
