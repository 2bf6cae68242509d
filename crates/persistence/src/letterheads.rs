//! The organisation's letterhead (*kop surat*) and signatory, printed on its letters: one record
//! per organisation, set as a whole with the version last read (0 before the first).

use chrono::{DateTime, Utc};
use mitra_domain::audit::AuditAction;
use mitra_domain::letters::Letterhead;
use sea_orm::ActiveValue::Set;
use sea_orm::ConnectionTrait;

use crate::entities::letterhead;
use crate::scope::{self, OrgScope};
use crate::{Store, StoreError, Tx, organisations};

/// The version of a letterhead that was never set.
pub const UNSET: i32 = 0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterheadRecord {
    pub government: String,
    pub office: String,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub city: String,
    pub signatory_name: String,
    pub signatory_title: String,
    pub signatory_nip: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
    /// [`UNSET`] until the letterhead is first set.
    pub version: i32,
}

impl LetterheadRecord {
    /// What an organisation that never set its letterhead prints: its own name, nothing else.
    fn unset(organisation_name: &str) -> Self {
        LetterheadRecord {
            government: organisation_name.to_uppercase(),
            office: String::new(),
            address: String::new(),
            phone: None,
            email: None,
            website: None,
            city: String::new(),
            signatory_name: String::new(),
            signatory_title: String::new(),
            signatory_nip: None,
            updated_at: None,
            version: UNSET,
        }
    }
}

impl From<letterhead::Model> for LetterheadRecord {
    fn from(row: letterhead::Model) -> Self {
        LetterheadRecord {
            government: row.government,
            office: row.office,
            address: row.address,
            phone: row.phone,
            email: row.email,
            website: row.website,
            city: row.city,
            signatory_name: row.signatory_name,
            signatory_title: row.signatory_title,
            signatory_nip: row.signatory_nip,
            updated_at: Some(row.updated_at),
            version: row.version,
        }
    }
}

/// The organisation's letterhead, or the unset one (version [`UNSET`]) showing its name.
pub async fn get(store: &Store, scope: OrgScope) -> Result<LetterheadRecord, StoreError> {
    match find_row(store.db(), scope).await? {
        Some(row) => Ok(row.into()),
        None => Ok(LetterheadRecord::unset(&organisations::get(store, scope).await?.name)),
    }
}

/// Sets the whole letterhead if it is still at `expected_version` ([`UNSET`] to set it first).
pub async fn set(tx: &mut Tx, expected_version: i32, value: Letterhead) -> Result<LetterheadRecord, StoreError> {
    let before = find_row(tx.conn(), tx.scope()?).await?;
    let current = before.as_ref().map_or(UNSET, |row| row.version);
    if current != expected_version {
        return Err(StoreError::VersionMismatch);
    }
    let fields = |mut row: letterhead::ActiveModel| {
        row.government = Set(value.government);
        row.office = Set(value.office);
        row.address = Set(value.address);
        row.phone = Set(value.phone);
        row.email = Set(value.email.map(mitra_domain::identity::Email::into_inner));
        row.website = Set(value.website);
        row.city = Set(value.city);
        row.signatory_name = Set(value.signatory_name);
        row.signatory_title = Set(value.signatory_title);
        row.signatory_nip = Set(value.signatory_nip.map(mitra_domain::letters::Nip::into_inner));
        row
    };
    let after = match before {
        Some(before) => {
            let after = tx.save(&before, fields(before.clone().into())).await?;
            tx.record(AuditAction::LetterheadUpdated, Some(&before), Some(&after))?;
            after
        }
        None => {
            let now = Utc::now();
            let row = letterhead::ActiveModel {
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            };
            let after = tx.insert(fields(row)).await?;
            tx.record(AuditAction::LetterheadCreated, None, Some(&after))?;
            after
        }
    };
    Ok(after.into())
}

async fn find_row(conn: &impl ConnectionTrait, scope: OrgScope) -> Result<Option<letterhead::Model>, StoreError> {
    match scope::find::<letterhead::Entity>(conn, scope, scope.organisation_id()).await {
        Ok(row) => Ok(Some(row)),
        Err(StoreError::NotFound) => Ok(None),
        Err(err) => Err(err),
    }
}
