//! An application's documents: one current document per requirement of its policy, each
//! reviewed on its own (accepted, or rejected with a note), some with an expiry date.
//!
//! The file itself is in the file store under its SHA-256; a row here says what it is for, who
//! handed it in and what the review found.

use chrono::{DateTime, Days, NaiveDate, Utc};
use mitra_domain::applications::{ApplicationState, DocumentState, Review, ReviewStatus};
use mitra_domain::audit::AuditAction;
use mitra_domain::files::FileType;
use mitra_domain::policy::{FiscalYear, Requirement};
use mitra_domain::{Violation, ViolationCode};
use sea_orm::sea_query::{ExprTrait, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::{find_application, judged_by, lock_application};
use crate::columns::vocabulary;
use crate::entities::{application, application_document, outlet, press_company};
use crate::page::{Page, PageRequest};
use crate::scope::{self, OrgScope};
use crate::{Refusal, Store, StoreError, Tx};

/// A file in the file store, as a record refers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    pub sha256: String,
    pub name: String,
    pub file_type: FileType,
    pub size: i64,
}

impl FileRef {
    /// The reference as every table holding files stores it: `file_sha256`, `file_name`,
    /// `file_type`, `file_size`.
    pub(crate) fn from_columns(sha256: String, name: String, file_type: &str, size: i64) -> Result<FileRef, DbErr> {
        Ok(FileRef { sha256, name, file_type: vocabulary(file_type)?, size })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    pub id: Uuid,
    pub application_id: Uuid,
    pub requirement: String,
    pub file: FileRef,
    pub expires_on: Option<NaiveDate>,
    /// False once a newer document for the same requirement replaced it.
    pub current: bool,
    pub review: ReviewStatus,
    pub review_note: Option<String>,
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl DocumentRecord {
    pub(crate) fn state(&self) -> DocumentState {
        DocumentState { requirement: self.requirement.clone(), review: self.review, expires_on: self.expires_on }
    }
}

impl TryFrom<application_document::Model> for DocumentRecord {
    type Error = DbErr;

    fn try_from(row: application_document::Model) -> Result<Self, DbErr> {
        Ok(DocumentRecord {
            id: row.id,
            application_id: row.application_id,
            requirement: row.requirement_code,
            file: FileRef::from_columns(row.file_sha256, row.file_name, &row.file_type, row.file_size)?,
            expires_on: row.expires_on,
            current: row.current,
            review: vocabulary(&row.review_status)?,
            review_note: row.review_note,
            reviewed_by: row.reviewed_by,
            reviewed_at: row.reviewed_at,
            uploaded_by: row.uploaded_by,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

/// The requirement a document for `application_id` would meet, judged before its file is read:
/// the requirement's file types and size decide how the file is received. Refused while the
/// application takes no documents.
pub async fn requirement_for(
    store: &Store,
    scope: OrgScope,
    application_id: Uuid,
    code: &str,
) -> Result<Requirement, StoreError> {
    requirement_on(store.db(), scope, &find_application(store.db(), scope, application_id).await?, code).await
}

async fn requirement_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    application: &application::Model,
    code: &str,
) -> Result<Requirement, StoreError> {
    let state: ApplicationState = vocabulary(&application.state)?;
    if !state.takes_documents() {
        return Err(StoreError::Refused(Refusal::DocumentsClosed));
    }
    let (policy, media_type) = judged_by(conn, scope, application).await?;
    policy.requirements.into_iter().find(|r| r.code == code && r.media_types.contains(&media_type)).ok_or_else(|| {
        let violation =
            Violation::new("requirement", ViolationCode::UnknownReference, "no such requirement for this application");
        StoreError::Invalid(violation.into())
    })
}

/// Records a received file as the application's document for `code`, replacing the current one.
pub async fn add(
    tx: &mut Tx,
    application_id: Uuid,
    code: &str,
    file: FileRef,
    expires_on: Option<NaiveDate>,
) -> Result<DocumentRecord, StoreError> {
    let scope = tx.scope()?;
    let application = lock_application(tx, application_id).await?;
    let requirement = requirement_on(tx.conn(), scope, &application, code).await?;
    let expires_on = requirement.expiry(expires_on).map_err(|violation| StoreError::Invalid(violation.into()))?;
    let replaced = scope::select::<application_document::Entity>(scope)
        .filter(application_document::Column::ApplicationId.eq(application_id))
        .filter(application_document::Column::RequirementCode.eq(code))
        .filter(application_document::Column::Current.eq(true))
        .all(tx.conn())
        .await?;
    for before in replaced {
        let changed =
            application_document::ActiveModel { id: Set(before.id), current: Set(false), ..Default::default() };
        let after = tx.save(&before, changed).await?;
        tx.record(AuditAction::DocumentReplaced, Some(&before), Some(&after))?;
    }
    let now = Utc::now();
    let row = tx
        .insert(application_document::ActiveModel {
            id: Set(Uuid::now_v7()),
            application_id: Set(application_id),
            requirement_code: Set(requirement.code),
            file_sha256: Set(file.sha256),
            file_name: Set(file.name),
            file_type: Set(file.file_type.as_str().to_owned()),
            file_size: Set(file.size),
            expires_on: Set(expires_on),
            current: Set(true),
            review_status: Set(ReviewStatus::Pending.as_str().to_owned()),
            review_note: Set(None),
            reviewed_by: Set(None),
            reviewed_at: Set(None),
            uploaded_by: Set(tx.actor_id()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::DocumentAdded, None, Some(&row))?;
    Ok(row.try_into()?)
}

/// Accepts or rejects a current document of an application in review.
pub async fn review(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    review: Review,
) -> Result<DocumentRecord, StoreError> {
    let scope = tx.scope()?;
    let application_id = find(tx.conn(), scope, id).await?.application_id;
    let application = lock_application(tx, application_id).await?;
    // Read again under the application's lock: a replacement may have just committed.
    let before = find(tx.conn(), scope, id).await?;
    if !vocabulary::<ApplicationState>(&application.state)?.under_review() {
        return Err(StoreError::Refused(Refusal::NotUnderReview));
    }
    if !before.current {
        return Err(StoreError::Refused(Refusal::DocumentReplaced));
    }
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let changed = application_document::ActiveModel {
        id: Set(id),
        review_status: Set(review.status.as_str().to_owned()),
        review_note: Set(review.note),
        reviewed_by: Set(tx.actor_id()),
        reviewed_at: Set(Some(Utc::now())),
        ..Default::default()
    };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::DocumentReviewed, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<DocumentRecord, StoreError> {
    Ok(find(store.db(), scope, id).await?.try_into()?)
}

/// Every document of an application, replaced ones too: by requirement, newest first.
pub async fn list(store: &Store, scope: OrgScope, application_id: Uuid) -> Result<Vec<DocumentRecord>, StoreError> {
    find_application(store.db(), scope, application_id).await?;
    let rows = scope::select::<application_document::Entity>(scope)
        .filter(application_document::Column::ApplicationId.eq(application_id))
        .order_by_asc(application_document::Column::RequirementCode)
        .order_by_desc(application_document::Column::Id)
        .all(store.db())
        .await?;
    Ok(rows.into_iter().map(DocumentRecord::try_from).collect::<Result<Vec<_>, _>>()?)
}

/// The application's current documents, one per requirement.
pub(crate) async fn current_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    application_id: Uuid,
) -> Result<Vec<DocumentRecord>, StoreError> {
    let rows = scope::select::<application_document::Entity>(scope)
        .filter(application_document::Column::ApplicationId.eq(application_id))
        .filter(application_document::Column::Current.eq(true))
        .order_by_asc(application_document::Column::Id)
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(DocumentRecord::try_from).collect::<Result<Vec<_>, _>>()?)
}

/// A current document with an expiry date, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiringDocument {
    pub document: DocumentRecord,
    pub fiscal_year: FiscalYear,
    pub application_state: ApplicationState,
    pub company_id: Uuid,
    pub company_name: String,
    pub outlet_id: Uuid,
    pub outlet_name: String,
}

/// Current documents of live applications (not rejected, withdrawn or lapsed) that expire on
/// or before `today + within_days` - the expired ones first, as they are the most urgent. The
/// cursor is the last one's `(expires_on, id)`.
pub async fn expiring(
    store: &Store,
    scope: OrgScope,
    within_days: u32,
    today: NaiveDate,
    page: PageRequest<(NaiveDate, Uuid)>,
) -> Result<Page<ExpiringDocument, (NaiveDate, Uuid)>, StoreError> {
    let until = today.checked_add_days(Days::new(within_days.into())).unwrap_or(NaiveDate::MAX);
    let finished = ApplicationState::ALL.into_iter().filter(|state| state.is_final()).map(|state| state.as_str());
    let live = Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .and_where(application::Column::OrganisationId.eq(scope.organisation_id()))
        .and_where(application::Column::State.is_not_in(finished))
        .to_owned();
    let mut query = scope::select::<application_document::Entity>(scope)
        .filter(application_document::Column::Current.eq(true))
        .filter(application_document::Column::ExpiresOn.lte(until))
        .filter(application_document::Column::ApplicationId.in_subquery(live));
    if let Some((expires_on, id)) = page.after {
        query =
            query.filter(application_document::Column::ExpiresOn.gt(expires_on).or(
                application_document::Column::ExpiresOn.eq(expires_on).and(application_document::Column::Id.gt(id)),
            ));
    }
    let rows = query
        .order_by_asc(application_document::Column::ExpiresOn)
        .order_by_asc(application_document::Column::Id)
        .limit(page.limit + 1)
        .all(store.db())
        .await?;
    let documents = rows.into_iter().map(DocumentRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    let applications =
        scope::by_id::<application::Entity>(store.db(), scope, documents.iter().map(|d| d.application_id)).await?;
    let outlets = scope::by_id::<outlet::Entity>(store.db(), scope, applications.iter().map(|a| a.outlet_id)).await?;
    let companies =
        scope::by_id::<press_company::Entity>(store.db(), scope, applications.iter().map(|a| a.company_id)).await?;
    let mut items = Vec::with_capacity(documents.len());
    for document in documents {
        let application = applications.iter().find(|a| a.id == document.application_id).ok_or(StoreError::NotFound)?;
        let outlet = outlets.iter().find(|o| o.id == application.outlet_id).ok_or(StoreError::NotFound)?;
        let company = companies.iter().find(|c| c.id == application.company_id).ok_or(StoreError::NotFound)?;
        items.push(ExpiringDocument {
            fiscal_year: FiscalYear::parse(application.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?,
            application_state: vocabulary(&application.state)?,
            company_id: company.id,
            company_name: company.legal_name.clone(),
            outlet_id: outlet.id,
            outlet_name: outlet.name.clone(),
            document,
        });
    }
    Ok(Page::from_overfetch(items, page.limit, |item: &ExpiringDocument| {
        (item.document.expires_on.unwrap_or(NaiveDate::MAX), item.document.id)
    }))
}

async fn find(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<application_document::Model, StoreError> {
    scope::find::<application_document::Entity>(conn, scope, id).await
}
