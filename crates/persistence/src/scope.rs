//! Tenancy by construction: the organisation a piece of work acts for, and the only ways to
//! reach the tables.
//!
//! Every table is either owned by an organisation ([`OrgOwned`]) or belongs to no organisation
//! ([`Global`]); a table is never both. Queries of organisation-owned tables start from
//! [`select`] or [`update`], which put the organisation's filter in first, so reading
//! another organisation's rows cannot be written by accident. sea-orm's own entry points
//! (`Entity::find`, `update_many`, ...) are disallowed by `clippy.toml` everywhere but here.
#![allow(clippy::disallowed_methods)]

use sea_orm::sea_query::LockType;
use sea_orm::{
    ColumnTrait, DeleteMany, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationDef,
    Select, UpdateMany,
};
use uuid::Uuid;

/// The organisation a request acts for. Outside this crate it is built only by the caller
/// authentication of a request ([`crate::callers::authenticate`]) and by the console
/// ([`OrgScope::console`]); every query and command of organisation data takes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OrgScope {
    organisation_id: Uuid,
}

impl OrgScope {
    /// The scope of an organisation this crate found itself (a verified caller, the owner of a
    /// presented refresh token, a newly created organisation).
    pub(crate) fn of(organisation_id: Uuid) -> Self {
        Self { organisation_id }
    }

    /// The scope of the server's console (`mitra user ...`, `mitra audit verify`): the operator
    /// named the organisation explicitly. Disallowed by `clippy.toml` outside the console.
    pub fn console(organisation_id: Uuid) -> Self {
        Self { organisation_id }
    }

    pub fn organisation_id(&self) -> Uuid {
        self.organisation_id
    }
}

/// A table whose every row belongs to one organisation.
pub(crate) trait OrgOwned: EntityTrait {
    fn organisation_column() -> Self::Column;
    /// Every organisation-owned table is keyed by a UUID `id`; a table of one row per
    /// organisation (`letterheads`) is keyed by the organisation itself.
    fn id_column() -> Self::Column;
}

/// A table that belongs to no organisation (the organisations themselves, login throttling).
pub(crate) trait Global: EntityTrait {}

/// The organisation's rows of `E`.
pub(crate) fn select<E: OrgOwned>(scope: OrgScope) -> Select<E> {
    E::find().filter(E::organisation_column().eq(scope.organisation_id()))
}

/// An update of the organisation's rows of `E`; run it with [`crate::Tx::update`].
pub(crate) fn update<E: OrgOwned>(scope: OrgScope) -> UpdateMany<E> {
    E::update_many().filter(E::organisation_column().eq(scope.organisation_id()))
}

/// A deletion of the organisation's rows of `E`; run it with [`crate::Tx::delete`].
pub(crate) fn delete<E: OrgOwned>(scope: OrgScope) -> DeleteMany<E> {
    E::delete_many().filter(E::organisation_column().eq(scope.organisation_id()))
}

/// Rows of a table that belongs to no organisation.
pub(crate) fn select_global<E: Global>() -> Select<E> {
    E::find()
}

pub(crate) fn delete_global<E: Global>() -> DeleteMany<E> {
    E::delete_many()
}

/// Organisation-owned rows found by a credential before anyone is authenticated: a login name
/// or a refresh token's hash, unique across all organisations for exactly this reason. The
/// caller must take the scope from the row it finds.
pub(crate) fn select_for_authentication<E: OrgOwned>() -> Select<E> {
    E::find()
}

/// The organisation's rows of `E` with the given ids, in one query.
pub(crate) async fn by_id<E: OrgOwned>(
    conn: &impl sea_orm::ConnectionTrait,
    scope: OrgScope,
    ids: impl Iterator<Item = Uuid>,
) -> Result<Vec<E::Model>, sea_orm::DbErr> {
    match with_ids::<E>(scope, ids) {
        Some(query) => query.all(conn).await,
        None => Ok(Vec::new()),
    }
}

/// The organisation's rows of `E` with these ids, locked until the write ends (`FOR NO KEY
/// UPDATE`), in the order of their ids so that two writers locking overlapping sets queue
/// rather than deadlock. On SQLite the write already holds the database.
pub(crate) async fn locked_by_id<E: OrgOwned>(
    conn: &impl sea_orm::ConnectionTrait,
    scope: OrgScope,
    ids: impl Iterator<Item = Uuid>,
) -> Result<Vec<E::Model>, sea_orm::DbErr> {
    match with_ids::<E>(scope, ids) {
        Some(query) => {
            query.order_by_asc(E::id_column()).lock(sea_orm::sea_query::LockType::NoKeyUpdate).all(conn).await
        }
        None => Ok(Vec::new()),
    }
}

/// [`locked_by_id`], each row with the organisation's row of `F` that its `reference` column
/// names, read in the same query and not locked (`FOR NO KEY UPDATE OF` the table of `E` only):
/// one round trip instead of two for a write that needs both.
pub(crate) async fn locked_by_id_with<E: OrgOwned, F: OrgOwned>(
    conn: &impl sea_orm::ConnectionTrait,
    scope: OrgScope,
    ids: impl Iterator<Item = Uuid>,
    reference: E::Column,
) -> Result<Vec<(E::Model, F::Model)>, sea_orm::DbErr> {
    let Some(query) = with_ids::<E>(scope, ids) else { return Ok(Vec::new()) };
    // Joined on the organisation too: the row found is the organisation's own, as with `select`.
    let referenced: RelationDef = E::belongs_to(F::default())
        .from((E::organisation_column(), reference))
        .to((F::organisation_column(), F::id_column()))
        .into();
    let mut query = query.join(JoinType::InnerJoin, referenced).order_by_asc(E::id_column()).select_also(F::default());
    QueryTrait::query(&mut query).lock_with_tables(LockType::NoKeyUpdate, [E::default().table_ref()]);
    // The inner join found every referenced row: the foreign keys leave none missing.
    Ok(query.all(conn).await?.into_iter().filter_map(|(row, referenced)| Some((row, referenced?))).collect())
}

/// The query of the organisation's rows of `E` with these ids (each once); none without ids.
fn with_ids<E: OrgOwned>(scope: OrgScope, ids: impl Iterator<Item = Uuid>) -> Option<Select<E>> {
    let mut ids: Vec<Uuid> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    (!ids.is_empty()).then(|| select::<E>(scope).filter(E::id_column().is_in(ids)))
}

/// The organisation's row of `E` with `id`; not found when it is another organisation's.
pub(crate) async fn find<E: OrgOwned>(
    conn: &impl sea_orm::ConnectionTrait,
    scope: OrgScope,
    id: Uuid,
) -> Result<E::Model, crate::StoreError> {
    select::<E>(scope).filter(E::id_column().eq(id)).one(conn).await?.ok_or(crate::StoreError::NotFound)
}

macro_rules! org_owned {
    ($($entity:ident),+) => {
        org_owned!(keyed by Id: $($entity),+);
    };
    (keyed by $key:ident: $($entity:ident),+) => {
        $(impl OrgOwned for crate::entities::$entity::Entity {
            fn organisation_column() -> Self::Column {
                crate::entities::$entity::Column::OrganisationId
            }
            fn id_column() -> Self::Column {
                crate::entities::$entity::Column::$key
            }
        })+
    };
}

org_owned!(
    unit,
    user,
    refresh_token,
    audit_event,
    audit_checkpoint,
    regulation,
    policy_version,
    press_company,
    outlet,
    newsroom_person,
    press_council_record,
    bank_account,
    registration_window,
    application,
    application_step,
    application_document,
    site_visit,
    site_visit_photo,
    budget_line,
    budget_line_revision,
    number_sequence,
    agreement,
    agreement_line,
    agreement_amendment,
    order,
    idempotency_key,
    proof,
    proof_fingerprint,
    invoice,
    invoice_line,
    payment,
    content_item,
    content_attachment,
    proof_file,
    history_batch,
    history_company,
    history_agreement,
    history_order,
    history_payment
);

// One row per organisation (its settings), keyed by the organisation itself.
org_owned!(keyed by OrganisationId: open_data_settings, letterhead);

impl Global for crate::entities::organisation::Entity {}
impl Global for crate::entities::login_failure::Entity {}
