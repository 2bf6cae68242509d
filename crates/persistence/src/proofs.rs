//! Proofs of publication (business rules 6 and 9): handed in for an accepted order, which is then
//! published; reviewed one by one; and the order's proof decided - verified for the units the
//! verified proofs show (the rest of its commitment given back), or rejected for the company to
//! hand in another.
//!
//! A proof's address and content hash back one order only: `proof_fingerprints` holds them under
//! a unique index, so the second order is refused even when both arrive at the same moment. A
//! rejected proof gives its fingerprints up.
//!
//! Files that show a proof (a clipping's scan, a broadcast's recording) are attached while it
//! waits for review; their content hash joins its fingerprints, so one scan cannot back two
//! orders either. A decided proof's files no longer change.

use chrono::{DateTime, NaiveDate, Utc};
use mitra_domain::audit::AuditAction;
use mitra_domain::orders::{OrderState, OrderStep};
use mitra_domain::proofs::{NewProof, ProofDetails, ProofKind, ProofReview, ProofStatus, content_fingerprint};
use mitra_domain::{Violation, ViolationCode, Violations};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::applications::documents::FileRef;
use crate::columns::vocabulary;
use crate::entities::{order, proof, proof_file, proof_fingerprint};
use crate::orders::{self, OrderRecord};
use crate::scope::{self, OrgScope};
use crate::{Refusal, Store, StoreError, Tx, agreements, budget};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofRecord {
    pub id: Uuid,
    pub order_id: Uuid,
    pub kind: ProofKind,
    pub quantity: u32,
    pub paid_content_labelled: bool,
    pub details: ProofDetails,
    pub note: Option<String>,
    pub status: ProofStatus,
    pub review_note: Option<String>,
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
    /// The files attached, oldest first.
    pub files: Vec<ProofFileRecord>,
}

/// A file that shows a proof, kept in the file store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofFileRecord {
    pub id: Uuid,
    pub proof_id: Uuid,
    pub file: FileRef,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<proof_file::Model> for ProofFileRecord {
    type Error = DbErr;

    fn try_from(row: proof_file::Model) -> Result<Self, DbErr> {
        Ok(ProofFileRecord {
            id: row.id,
            proof_id: row.proof_id,
            file: FileRef::from_columns(row.file_sha256, row.file_name, &row.file_type, row.file_size)?,
            uploaded_by: row.uploaded_by,
            created_at: row.created_at,
        })
    }
}

impl TryFrom<proof::Model> for ProofRecord {
    type Error = DbErr;

    fn try_from(row: proof::Model) -> Result<Self, DbErr> {
        let count = |value: i32| u32::try_from(value).map_err(|err| DbErr::Type(err.to_string()));
        Ok(ProofRecord {
            id: row.id,
            order_id: row.order_id,
            kind: vocabulary(&row.kind)?,
            quantity: count(row.quantity)?,
            paid_content_labelled: row.paid_content_labelled,
            details: ProofDetails {
                url: row.url,
                captured_at: row.captured_at,
                content_sha256: row.content_sha256,
                edition: row.edition,
                published_on: row.published_on,
                page: row.page,
                aired_at: row.aired_at,
                duration_seconds: row.duration_seconds.map(count).transpose()?,
                received_by: row.received_by,
            },
            note: row.note,
            status: vocabulary(&row.status)?,
            review_note: row.review_note,
            reviewed_by: row.reviewed_by,
            reviewed_at: row.reviewed_at,
            created_by: row.created_by,
            created_at: row.created_at,
            version: row.version,
            files: Vec::new(),
        })
    }
}

/// Hands in a proof for an order on `today`. An accepted order (or one whose proof was
/// rejected) becomes published; a published one takes further proofs until it is decided.
pub async fn submit(tx: &mut Tx, order_id: Uuid, new: NewProof, today: NaiveDate) -> Result<ProofRecord, StoreError> {
    let order = orders::lock(tx, order_id).await?;
    let state: OrderState = vocabulary(&order.state)?;
    if !matches!(state, OrderState::Accepted | OrderState::ProofRejected | OrderState::Published) {
        return Err(StoreError::Refused(Refusal::ProofsClosed));
    }
    // No order, no payment: what was published before the order was written backs nothing.
    if new.details.published_on.is_some_and(|published| published < order.issued_on) {
        return Err(StoreError::Invalid(Violations::from(Violation::new(
            "published_on",
            ViolationCode::OutOfRange,
            format!("on or after the order was issued ({})", order.issued_on),
        ))));
    }
    let prints = new.fingerprints();
    for print in &prints {
        refuse_reuse(tx, order_id, print).await?;
    }
    let now = Utc::now();
    let details = new.details;
    let row = tx
        .insert(proof::ActiveModel {
            id: Set(Uuid::now_v7()),
            order_id: Set(order_id),
            kind: Set(new.kind.as_str().to_owned()),
            quantity: Set(i32::try_from(new.quantity).unwrap_or(i32::MAX)),
            paid_content_labelled: Set(new.paid_content_labelled),
            url: Set(details.url),
            captured_at: Set(details.captured_at),
            content_sha256: Set(details.content_sha256),
            edition: Set(details.edition),
            published_on: Set(details.published_on),
            page: Set(details.page),
            aired_at: Set(details.aired_at),
            duration_seconds: Set(details.duration_seconds.map(|s| i32::try_from(s).unwrap_or(i32::MAX))),
            received_by: Set(details.received_by),
            note: Set(new.note),
            status: Set(ProofStatus::Pending.as_str().to_owned()),
            review_note: Set(None),
            reviewed_by: Set(None),
            reviewed_at: Set(None),
            created_by: Set(tx.actor_id()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        })
        .await?;
    for print in prints {
        keep_fingerprint(tx, order_id, row.id, print).await?;
    }
    tx.record(AuditAction::ProofSubmitted, None, Some(&row))?;
    if state != OrderState::Published {
        let published_on = row.published_on.unwrap_or(today);
        let changed = order::ActiveModel {
            id: Set(order_id),
            state: Set(OrderState::Published.as_str().to_owned()),
            published_on: Set(Some(published_on)),
            ..Default::default()
        };
        let after = tx.save(&order, changed).await?;
        tx.record(OrderStep::Publish.audit_action(), Some(&order), Some(&after))?;
    }
    Ok(row.try_into()?)
}

/// Refused when `print` already backs another order, naming it.
async fn refuse_reuse(tx: &Tx, order_id: Uuid, print: &str) -> Result<(), StoreError> {
    let scope = tx.scope()?;
    let taken = scope::select::<proof_fingerprint::Entity>(scope)
        .filter(proof_fingerprint::Column::Fingerprint.eq(print))
        .one(tx.conn())
        .await?;
    if let Some(taken) = taken.filter(|taken| taken.order_id != order_id) {
        let other = scope::find::<order::Entity>(tx.conn(), scope, taken.order_id).await?;
        return Err(StoreError::ProofReused { order_id: other.id, number: other.number });
    }
    Ok(())
}

/// Keeps `print` for the order unless the order already holds it (another of its proofs). The
/// unique index refuses a twin written by a concurrent write for another order.
async fn keep_fingerprint(tx: &mut Tx, order_id: Uuid, proof_id: Uuid, print: String) -> Result<(), StoreError> {
    let mine = scope::select::<proof_fingerprint::Entity>(tx.scope()?)
        .filter(proof_fingerprint::Column::Fingerprint.eq(print.as_str()))
        .one(tx.conn())
        .await?;
    if mine.is_none() {
        tx.insert(proof_fingerprint::ActiveModel {
            id: Set(Uuid::now_v7()),
            fingerprint: Set(print),
            order_id: Set(order_id),
            proof_id: Set(proof_id),
            ..Default::default()
        })
        .await?;
    }
    Ok(())
}

/// What attaching a file did: attached it, or found the same content already on the proof (a
/// second click, a retried upload), which is answered as it is rather than kept twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attached {
    New(ProofFileRecord),
    AlreadyThere(ProofFileRecord),
}

/// Attaches a file already kept in the file store to a proof still waiting for review. The
/// caller has checked its type against the proof kind's [`ProofKind::evidence`].
pub async fn attach(tx: &mut Tx, proof_id: Uuid, file: FileRef) -> Result<Attached, StoreError> {
    let scope = tx.scope()?;
    let proof = scope::find::<proof::Entity>(tx.conn(), scope, proof_id).await?;
    // Every change to what hangs from an order takes the order first, so a review waits for this.
    orders::lock(tx, proof.order_id).await?;
    let proof = scope::find::<proof::Entity>(tx.conn(), scope, proof_id).await?;
    if vocabulary::<ProofStatus>(&proof.status)? != ProofStatus::Pending {
        return Err(StoreError::Refused(Refusal::ProofAlreadyReviewed));
    }
    let kind: ProofKind = vocabulary(&proof.kind)?;
    if !kind.evidence().types.contains(&file.file_type) {
        let wanted = kind.evidence().types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ");
        return Err(StoreError::Invalid(Violations::from(Violation::new(
            "file",
            ViolationCode::InvalidFormat,
            format!("a {} proof takes {wanted}", kind.as_str()),
        ))));
    }
    let same = scope::select::<proof_file::Entity>(scope)
        .filter(proof_file::Column::ProofId.eq(proof_id))
        .filter(proof_file::Column::FileSha256.eq(file.sha256.as_str()))
        .one(tx.conn())
        .await?;
    if let Some(same) = same {
        return Ok(Attached::AlreadyThere(same.try_into()?));
    }
    let print = content_fingerprint(&file.sha256);
    refuse_reuse(tx, proof.order_id, &print).await?;
    let row = tx
        .insert(proof_file::ActiveModel {
            id: Set(Uuid::now_v7()),
            proof_id: Set(proof_id),
            file_sha256: Set(file.sha256),
            file_name: Set(file.name),
            file_type: Set(file.file_type.as_str().to_owned()),
            file_size: Set(file.size),
            uploaded_by: Set(tx.actor_id()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .await?;
    keep_fingerprint(tx, proof.order_id, proof_id, print).await?;
    tx.record(AuditAction::ProofFileAdded, None, Some(&row))?;
    Ok(Attached::New(row.try_into()?))
}

/// One file of a proof, for download.
pub async fn file(store: &Store, scope: OrgScope, id: Uuid) -> Result<ProofFileRecord, StoreError> {
    Ok(scope::find::<proof_file::Entity>(store.db(), scope, id).await?.try_into()?)
}

/// Fills in each proof's files, reading them in one statement.
async fn with_files(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    mut proofs: Vec<ProofRecord>,
) -> Result<Vec<ProofRecord>, StoreError> {
    if proofs.is_empty() {
        return Ok(proofs);
    }
    let rows = scope::select::<proof_file::Entity>(scope)
        .filter(proof_file::Column::ProofId.is_in(proofs.iter().map(|proof| proof.id)))
        .order_by_asc(proof_file::Column::Id)
        .all(conn)
        .await?;
    for row in rows {
        let file = ProofFileRecord::try_from(row)?;
        if let Some(proof) = proofs.iter_mut().find(|proof| proof.id == file.proof_id) {
            proof.files.push(file);
        }
    }
    Ok(proofs)
}

/// Verifies or rejects one proof of a published order, if it is still at `expected_version`. A
/// paid item's proof must show the paid-content label to be verified; a rejected proof gives up
/// its address and hash, so they can back a corrected submission.
pub async fn review(
    tx: &mut Tx,
    id: Uuid,
    expected_version: i32,
    review: ProofReview,
) -> Result<ProofRecord, StoreError> {
    let scope = tx.scope()?;
    let proof = scope::find::<proof::Entity>(tx.conn(), scope, id).await?;
    let order = orders::lock(tx, proof.order_id).await?;
    let before = scope::find::<proof::Entity>(tx.conn(), scope, id).await?;
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    if vocabulary::<ProofStatus>(&before.status)? != ProofStatus::Pending {
        return Err(StoreError::Refused(Refusal::ProofAlreadyReviewed));
    }
    if vocabulary::<OrderState>(&order.state)? != OrderState::Published {
        return Err(StoreError::Refused(Refusal::ProofsClosed));
    }
    let kind: ProofKind = vocabulary(&before.kind)?;
    if review.status == ProofStatus::Verified && kind.needs_paid_label() && !before.paid_content_labelled {
        return Err(StoreError::Refused(Refusal::PaidContentNotLabelled));
    }
    let files = with_files(tx.conn(), scope, vec![before.clone().try_into()?]).await?.remove(0).files;
    if review.status == ProofStatus::Verified && kind.evidence().required && files.is_empty() {
        return Err(StoreError::Refused(Refusal::ProofEvidenceMissing));
    }
    let changed = proof::ActiveModel {
        id: Set(id),
        status: Set(review.status.as_str().to_owned()),
        review_note: Set(review.note),
        reviewed_by: Set(tx.actor_id()),
        reviewed_at: Set(Some(Utc::now())),
        ..Default::default()
    };
    let after = tx.save(&before, changed).await?;
    if review.status == ProofStatus::Rejected {
        tx.delete::<proof_fingerprint::Entity>(|delete| delete.filter(proof_fingerprint::Column::ProofId.eq(id)))
            .await?;
        // A fingerprint names the first of the order's proofs that showed it: another proof of
        // the order still showing the same address or file keeps it tied to this order.
        let others = with_files(tx.conn(), scope, of_order_on(tx.conn(), scope, order.id).await?).await?;
        for other in others.into_iter().filter(|other| other.id != id && other.status != ProofStatus::Rejected) {
            let files = other.files.iter().map(|file| content_fingerprint(&file.file.sha256));
            for print in other.details.fingerprints().into_iter().chain(files) {
                keep_fingerprint(tx, order.id, other.id, print).await?;
            }
        }
    }
    tx.record(AuditAction::ProofReviewed, Some(&before), Some(&after))?;
    Ok(ProofRecord { files, ..after.try_into()? })
}

/// Decides a published order's proof, if the order is still at `expected_version`: verified for
/// the units its verified proofs show (at most the quantity ordered), giving the rest of its
/// units and amount back; or rejected, for the company to hand in another. Nothing may wait for
/// review.
pub async fn decide(
    tx: &mut Tx,
    order_id: Uuid,
    expected_version: i32,
    step: OrderStep,
    reason: Option<String>,
) -> Result<OrderRecord, StoreError> {
    let scope = tx.scope()?;
    let before = orders::lock(tx, order_id).await?;
    let from: OrderState = vocabulary(&before.state)?;
    let to = step.from(from).ok_or(StoreError::Refused(Refusal::StepNotAllowed))?;
    if !matches!(step, OrderStep::VerifyProof | OrderStep::RejectProof) {
        return Err(StoreError::Refused(Refusal::StepNotAllowed));
    }
    if before.version != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let proofs = of_order_on(tx.conn(), scope, order_id).await?;
    if proofs.iter().any(|proof| proof.status == ProofStatus::Pending) {
        return Err(StoreError::Refused(Refusal::ProofsPending));
    }
    let verified: u32 = proofs.iter().filter(|p| p.status == ProofStatus::Verified).map(|p| p.quantity).sum();
    let rejected = proofs.iter().any(|p| p.status == ProofStatus::Rejected);
    let mut changed =
        order::ActiveModel { id: Set(order_id), state: Set(to.as_str().to_owned()), ..Default::default() };
    match step {
        OrderStep::VerifyProof => {
            if verified == 0 {
                return Err(StoreError::Refused(Refusal::NoDecidingProof));
            }
            let units = i32::try_from(verified).unwrap_or(i32::MAX).min(before.quantity);
            // What was ordered but not shown is not owed: its units and amount go back.
            let unshown = before.quantity - units;
            if unshown > 0 {
                let amount = i64::from(unshown) * before.unit_price;
                agreements::take_units(tx, before.agreement_line_id, -unshown).await?;
                agreements::release(tx, before.agreement_id, amount).await?;
                budget::commit(tx, before.budget_line_id, -amount).await?;
            }
            changed.verified_quantity = Set(Some(units));
        }
        _ => {
            if verified > 0 || !rejected {
                return Err(StoreError::Refused(Refusal::NoDecidingProof));
            }
        }
    }
    if reason.is_some() {
        changed.last_reason = Set(reason);
    }
    let after = tx.save(&before, changed).await?;
    tx.record(step.audit_action(), Some(&before), Some(&after))?;
    Ok(after.try_into()?)
}

/// The order's proofs, oldest first.
pub async fn of_order(store: &Store, scope: OrgScope, order_id: Uuid) -> Result<Vec<ProofRecord>, StoreError> {
    scope::find::<order::Entity>(store.db(), scope, order_id).await?;
    with_files(store.db(), scope, of_order_on(store.db(), scope, order_id).await?).await
}

async fn of_order_on(
    conn: &impl ConnectionTrait,
    scope: OrgScope,
    order_id: Uuid,
) -> Result<Vec<ProofRecord>, StoreError> {
    let rows = scope::select::<proof::Entity>(scope)
        .filter(proof::Column::OrderId.eq(order_id))
        .order_by_asc(proof::Column::Id)
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(ProofRecord::try_from).collect::<Result<_, _>>()?)
}

pub async fn get(store: &Store, scope: OrgScope, id: Uuid) -> Result<ProofRecord, StoreError> {
    let proof = scope::find::<proof::Entity>(store.db(), scope, id).await?.try_into()?;
    Ok(with_files(store.db(), scope, vec![proof]).await?.remove(0))
}
