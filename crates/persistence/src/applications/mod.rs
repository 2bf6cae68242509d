//! The yearly call (steps 1-3 of the OKI mechanism): registration windows, an application per
//! outlet per fiscal year and the steps that carry it to a decision, its documents and its site
//! visit.
//!
//! An application is judged by the policy version current when it was made. Verifying and
//! approving find nothing in the way or are refused with the list of what is
//! ([`StoreError::NotReady`]); each step is journalled with its reason and, for decisions, the
//! evidence seen, and audited with the application's before and after.

pub mod documents;
pub mod visits;
pub mod windows;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use mitra_domain::applications::{ApplicationState, Blocker, Dossier, Step, StepRequest, VisitConclusion, blockers};
use mitra_domain::audit::AuditAction;
use mitra_domain::eligibility::{self, Answer, Evaluation};
use mitra_domain::policy::{FiscalYear, Policy, Requirement};
use mitra_domain::press::MediaType;
use mitra_domain::registry::CompanyStatus;
use sea_orm::sea_query::LockType;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use self::documents::DocumentRecord;
use crate::columns::{json, vocabulary};
use crate::entities::{application, application_step, outlet, press_company};
use crate::page::{Page, PageRequest};
use crate::registry::{company_on, facts_on, outlet_on};
use crate::scope::{self, OrgScope};
use crate::{Reference, Refusal, Store, StoreError, Tx, policy};

/// The rubric's answers and what they scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub answers: Vec<Answer>,
    pub points: u32,
    pub tier: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub id: Uuid,
    pub outlet_id: Uuid,
    pub company_id: Uuid,
    pub fiscal_year: FiscalYear,
    pub policy_version_id: Uuid,
    pub state: ApplicationState,
    pub submitted_at: Option<DateTime<Utc>>,
    pub score: Option<Score>,
    /// The reason of the latest step that gave one.
    pub last_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl TryFrom<application::Model> for ApplicationRecord {
    type Error = DbErr;

    fn try_from(row: application::Model) -> Result<Self, DbErr> {
        let score = match (row.score_answers, row.score_points, row.tier) {
            (Some(answers), Some(points), Some(tier)) => Some(Score {
                answers: json(answers)?,
                points: u32::try_from(points).map_err(|err| DbErr::Type(err.to_string()))?,
                tier,
            }),
            _ => None,
        };
        Ok(ApplicationRecord {
            id: row.id,
            outlet_id: row.outlet_id,
            company_id: row.company_id,
            fiscal_year: FiscalYear::parse(row.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?,
            policy_version_id: row.policy_version_id,
            state: vocabulary(&row.state)?,
            submitted_at: row.submitted_at,
            score,
            last_reason: row.last_reason,
            decided_at: row.decided_at,
            decided_by: row.decided_by,
            created_by: row.created_by,
            created_at: row.created_at,
            updated_at: row.updated_at,
            version: row.version,
        })
    }
}

/// An application with the names a person recognises it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationView {
    pub application: ApplicationRecord,
    pub outlet_name: String,
    pub media_type: MediaType,
    pub company_name: String,
}

/// Opens an application of `outlet_id` for `fiscal_year`, judged by the year's current policy
/// version; only while one of the year's windows is open, and only for an active company.
pub async fn create(
    tx: &mut Tx,
    outlet_id: Uuid,
    fiscal_year: FiscalYear,
    today: NaiveDate,
) -> Result<ApplicationRecord, StoreError> {
    let scope = tx.scope()?;
    if today.year() > fiscal_year.year() {
        return Err(StoreError::Refused(Refusal::FiscalYearOver));
    }
    let outlet = match outlet_on(tx.conn(), scope, outlet_id).await {
        Err(StoreError::NotFound) => return Err(StoreError::UnknownReference(Reference::Outlet)),
        found => found?,
    };
    let company = company_on(tx.conn(), scope, outlet.profile.company_id).await?;
    if company.status != CompanyStatus::Active {
        return Err(StoreError::Refused(Refusal::CompanyNotActive));
    }
    ensure_window_open(tx.conn(), scope, fiscal_year, today).await?;
    let policy = match policy::current_version_on(tx.conn(), scope, fiscal_year).await {
        Err(StoreError::NotFound) => return Err(StoreError::Refused(Refusal::NoPolicyForYear)),
        found => found?,
    };
    let now = Utc::now();
    let row = tx
        .insert(application::ActiveModel {
            id: Set(Uuid::now_v7()),
            outlet_id: Set(outlet_id),
            company_id: Set(company.id),
            fiscal_year: Set(fiscal_year.year()),
            policy_version_id: Set(policy.id),
            state: Set(ApplicationState::Draft.as_str().to_owned()),
            submitted_at: Set(None),
            score_answers: Set(None),
            score_points: Set(None),
            tier: Set(None),
            last_reason: Set(None),
            decided_at: Set(None),
            decided_by: Set(None),
            created_by: Set(tx.actor_id()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    tx.record(AuditAction::ApplicationCreated, None, Some(&row))?;
    Ok(row.try_into()?)
}

async fn ensure_window_open(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    fiscal_year: FiscalYear,
    today: NaiveDate,
) -> Result<(), StoreError> {
    match windows::open_on(conn, scope, fiscal_year, today).await? {
        Some(_) => Ok(()),
        None => Err(StoreError::Refused(Refusal::NoOpenWindow)),
    }
}

/// Takes a step of the application's state machine if it is still at `expected_version`.
///
/// A step must leave from the current state; once the fiscal year is over only `lapse` is
/// left, and only then. A first submission needs an open window. Verifying and approving need
/// an empty list of blockers. Decisions freeze the policy version they used and keep what they
/// saw in the journal.
pub async fn take_step(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    request: StepRequest,
    today: NaiveDate,
) -> Result<ApplicationRecord, StoreError> {
    let scope = tx.scope()?;
    let before = lock_application(tx, id).await?;
    let from: ApplicationState = vocabulary(&before.state)?;
    let step = request.step;
    let to = step.from(from).ok_or(StoreError::Refused(Refusal::StepNotAllowed))?;
    let year_over = today.year() > before.fiscal_year;
    match (step, year_over) {
        (Step::Lapse, false) => return Err(StoreError::Refused(Refusal::FiscalYearNotOver)),
        (Step::Lapse, true) => {}
        (_, true) => return Err(StoreError::Refused(Refusal::FiscalYearOver)),
        (_, false) => {}
    }
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    if step == Step::Submit && from == ApplicationState::Draft {
        let year = FiscalYear::parse(before.fiscal_year).map_err(|err| DbErr::Type(err.to_string()))?;
        ensure_window_open(tx.conn(), scope, year, today).await?;
    }
    let mut evidence = None;
    if step.is_decision() {
        let readiness = readiness_on(tx.conn(), scope, &before, today).await?;
        if step.needs_readiness() && !readiness.blockers.is_empty() {
            return Err(StoreError::NotReady(readiness.blockers));
        }
        evidence = Some(json!({
            "blockers": readiness.blockers,
            "evaluation": readiness.evaluation,
            "score": readiness.score.as_ref().map(|s| json!({ "points": s.points, "tier": s.tier })),
            "site_visit": readiness.visit,
        }));
        policy::mark_used(tx, before.policy_version_id).await?;
    }
    let now = Utc::now();
    let mut changed =
        application::ActiveModel { id: Set(id), state: Set(to.as_str().to_owned()), ..Default::default() };
    if step == Step::Submit {
        changed.submitted_at = Set(Some(now));
    }
    if request.reason.is_some() {
        changed.last_reason = Set(request.reason.clone());
    }
    if matches!(step, Step::Approve | Step::Reject) {
        changed.decided_at = Set(Some(now));
        changed.decided_by = Set(tx.actor_id());
    }
    let after = tx.save(&before, changed).await?;
    tx.insert(application_step::ActiveModel {
        id: Set(Uuid::now_v7()),
        application_id: Set(id),
        step: Set(step.as_str().to_owned()),
        from_state: Set(from.as_str().to_owned()),
        to_state: Set(to.as_str().to_owned()),
        reason: Set(request.reason),
        policy_version_id: Set(before.policy_version_id),
        evidence: Set(evidence),
        actor_id: Set(tx.actor_id()),
        created_at: Set(now),
        ..Default::default()
    })
    .await?;
    tx.record(step.audit_action(), Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

/// Lapses every application of a fiscal year that has ended and that no final step closed
/// (approvals too: a partnership is for one year); answers how many lapsed.
pub async fn lapse_year(tx: &mut Tx, fiscal_year: FiscalYear, today: NaiveDate) -> Result<u64, StoreError> {
    if today.year() <= fiscal_year.year() {
        return Err(StoreError::Refused(Refusal::FiscalYearNotOver));
    }
    let open: Vec<&str> = Step::Lapse.from_states().iter().map(|state| state.as_str()).collect();
    let rows = scope::select::<application::Entity>(tx.scope()?)
        .filter(application::Column::FiscalYear.eq(fiscal_year.year()))
        .filter(application::Column::State.is_in(open))
        .order_by_asc(application::Column::Id)
        .all(tx.conn())
        .await?;
    let mut lapsed = 0;
    for row in rows {
        let request = StepRequest { step: Step::Lapse, reason: None };
        take_step(tx, row.id, row.version, request, today).await?;
        lapsed += 1;
    }
    Ok(lapsed)
}

/// Scores the rubric for an application in review; the points give its tier.
pub async fn score(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    answers: Vec<Answer>,
) -> Result<ApplicationRecord, StoreError> {
    let scope = tx.scope()?;
    let before = lock_application(tx, id).await?;
    if !vocabulary::<ApplicationState>(&before.state)?.under_review() {
        return Err(StoreError::Refused(Refusal::NotUnderReview));
    }
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let (policy, media_type) = judged_by(tx.conn(), scope, &before).await?;
    let scored = eligibility::score(&policy, media_type, &answers).map_err(StoreError::Invalid)?;
    let changed = application::ActiveModel {
        id: Set(id),
        score_answers: Set(Some(serde_json::to_value(&answers).map_err(|err| DbErr::Json(err.to_string()))?)),
        score_points: Set(Some(i32::try_from(scored.points).unwrap_or(i32::MAX))),
        tier: Set(Some(scored.tier)),
        ..Default::default()
    };
    let after = tx.save(&before, changed).await?;
    tx.record(AuditAction::ApplicationScored, Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

/// A requirement of the application's policy for its media type, and its current document.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementStatus {
    pub requirement: Requirement,
    pub document: Option<DocumentRecord>,
}

/// Where an application stands against its policy today: the rules rule by rule, each
/// requirement and its document, the score, the visit, and what blocks a decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Readiness {
    pub on: NaiveDate,
    pub evaluation: Evaluation,
    pub requirements: Vec<RequirementStatus>,
    pub score: Option<Score>,
    pub visit: Option<VisitConclusion>,
    pub blockers: Vec<Blocker>,
}

/// Evaluates the application now, from the registry as it stands (run on demand).
pub async fn readiness(store: &Store, scope: OrgScope, id: Uuid, today: NaiveDate) -> Result<Readiness, StoreError> {
    let row = find_application(store.db(), scope, id).await?;
    readiness_on(store.db(), scope, &row, today).await
}

async fn readiness_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    row: &application::Model,
    today: NaiveDate,
) -> Result<Readiness, StoreError> {
    let application = ApplicationRecord::try_from(row.clone())?;
    let (policy, media_type) = judged_by(conn, scope, row).await?;
    let company = company_on(conn, scope, application.company_id).await?;
    let facts = facts_on(conn, scope, application.outlet_id, application.fiscal_year, today).await?;
    let evaluation = eligibility::evaluate(&policy, &facts);
    let current = documents::current_on(conn, scope, application.id).await?;
    let states: Vec<_> = current.iter().map(DocumentRecord::state).collect();
    let visit = visits::conclusion_on(conn, scope, application.id).await?;
    let blockers = blockers(&Dossier {
        policy: &policy,
        media_type,
        company_status: company.status,
        documents: &states,
        evaluation: &evaluation,
        scored: application.score.is_some(),
        visit,
        on: today,
    });
    let requirements = policy
        .requirements
        .iter()
        .filter(|requirement| requirement.media_types.contains(&media_type))
        .map(|requirement| RequirementStatus {
            requirement: requirement.clone(),
            document: current.iter().find(|d| d.requirement == requirement.code).cloned(),
        })
        .collect();
    Ok(Readiness { on: today, evaluation, requirements, score: application.score, visit, blockers })
}

/// The policy an application is judged by, and its outlet's media type.
pub(crate) async fn judged_by(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    application: &application::Model,
) -> Result<(Policy, MediaType), StoreError> {
    let policy = policy::version_on(conn, scope, application.policy_version_id).await?.policy;
    let outlet = outlet_on(conn, scope, application.outlet_id).await?;
    Ok((policy, outlet.profile.media_type))
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<ApplicationView, StoreError> {
    let row = find_application(store.db(), scope, id).await?;
    Ok(views(store.db(), scope, vec![row.try_into()?]).await?.remove(0))
}

/// Which applications to list; the filters combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationFilter {
    pub fiscal_year: Option<FiscalYear>,
    pub state: Option<ApplicationState>,
    pub company_id: Option<Uuid>,
    pub outlet_id: Option<Uuid>,
}

/// Applications in the order they were made; the cursor is the last one's id (UUIDv7).
pub async fn list(
    store: &Store,
    scope: OrgScope,
    filter: &ApplicationFilter,
    page: PageRequest<Uuid>,
) -> Result<Page<ApplicationView, Uuid>, StoreError> {
    let mut query = scope::select::<application::Entity>(scope);
    if let Some(year) = filter.fiscal_year {
        query = query.filter(application::Column::FiscalYear.eq(year.year()));
    }
    if let Some(state) = filter.state {
        query = query.filter(application::Column::State.eq(state.as_str()));
    }
    if let Some(company_id) = filter.company_id {
        query = query.filter(application::Column::CompanyId.eq(company_id));
    }
    if let Some(outlet_id) = filter.outlet_id {
        query = query.filter(application::Column::OutletId.eq(outlet_id));
    }
    if let Some(after) = page.after {
        query = query.filter(application::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(application::Column::Id).limit(page.limit + 1).all(store.db()).await?;
    let records = rows.into_iter().map(ApplicationRecord::try_from).collect::<Result<Vec<_>, _>>()?;
    let page = Page::from_overfetch(records, page.limit, |record: &ApplicationRecord| record.id);
    Ok(Page { items: views(store.db(), scope, page.items).await?, next: page.next })
}

/// Names the applications' outlets and companies, reading each table once.
async fn views(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    records: Vec<ApplicationRecord>,
) -> Result<Vec<ApplicationView>, StoreError> {
    let outlets = scope::by_id::<outlet::Entity>(conn, scope, records.iter().map(|r| r.outlet_id)).await?;
    let companies = scope::by_id::<press_company::Entity>(conn, scope, records.iter().map(|r| r.company_id)).await?;
    records
        .into_iter()
        .map(|application| {
            let outlet = outlets.iter().find(|o| o.id == application.outlet_id).ok_or(StoreError::NotFound)?;
            let company = companies.iter().find(|c| c.id == application.company_id).ok_or(StoreError::NotFound)?;
            Ok(ApplicationView {
                outlet_name: outlet.name.clone(),
                media_type: vocabulary(&outlet.media_type)?,
                company_name: company.legal_name.clone(),
                application,
            })
        })
        .collect()
}

/// One journalled step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRecord {
    pub id: Uuid,
    pub step: Step,
    pub from: ApplicationState,
    pub to: ApplicationState,
    pub reason: Option<String>,
    pub policy_version_id: Uuid,
    pub evidence: Option<serde_json::Value>,
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// The application's steps, oldest first.
pub async fn steps(store: &Store, scope: OrgScope, id: Uuid) -> Result<Vec<StepRecord>, StoreError> {
    find_application(store.db(), scope, id).await?;
    let rows = scope::select::<application_step::Entity>(scope)
        .filter(application_step::Column::ApplicationId.eq(id))
        .order_by_asc(application_step::Column::Id)
        .all(store.db())
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(StepRecord {
                id: row.id,
                step: vocabulary(&row.step)?,
                from: vocabulary(&row.from_state)?,
                to: vocabulary(&row.to_state)?,
                reason: row.reason,
                policy_version_id: row.policy_version_id,
                evidence: row.evidence,
                actor_id: row.actor_id,
                at: row.created_at,
            })
        })
        .collect()
}

/// The application, locked until the write ends. Every change to an application or to what
/// hangs from it (documents and their review, the visit, the score, a step) takes this lock
/// first, so a decision judges exactly what it saves: a document cannot be rejected between a
/// verification's check and its commit. NO KEY UPDATE, like the audit head: rows inserted
/// under the application only take KEY SHARE on it. (On SQLite a write holds the whole database.)
pub(crate) async fn lock_application(tx: &Tx, id: Uuid) -> Result<application::Model, StoreError> {
    scope::select::<application::Entity>(tx.scope()?)
        .filter(application::Column::Id.eq(id))
        .lock(LockType::NoKeyUpdate)
        .one(tx.conn())
        .await?
        .ok_or(StoreError::NotFound)
}

pub(crate) async fn find_application(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<application::Model, StoreError> {
    scope::find::<application::Entity>(conn, scope, id).await
}
