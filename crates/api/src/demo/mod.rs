//! The demo organisation a brand-new embedded database starts with, so that a first run shows
//! a working system: Kabupaten Ogan Komering Ilir, its Diskominfo, one user per role, and its
//! policy for the year in progress from the OKI standard, a press registry to work on, the yearly
//! call under way, and the year's money: budget lines, agreements, orders, proofs, invoices, payments.

mod applications;
mod money;
mod press;

use chrono::Datelike;
use mitra_domain::access::Role;
use mitra_domain::identity::{Email, FullName, NewUser, Password, Username};
use mitra_domain::letters::{Letterhead, Nip};
use mitra_domain::open_data::{DEFAULT_LICENSE, OcidPrefix, OpenDataSettings, PublicAddress, PublisherName};
use mitra_domain::organisation::{NewUnit, OrganisationName, Slug, UnitCode, UnitName};
use mitra_domain::policy::FiscalYear;
use mitra_domain::presets;
use mitra_persistence::files::FileStore;
use mitra_persistence::policy::{self, PolicySource};
use mitra_persistence::{Store, StoreError, letterheads, open_data, organisations, units, users};

use mitra_persistence::calendar::jakarta_today;

use crate::auth::password;

/// A login created for the demo; the password exists only in this value and on the console.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub role: Role,
    pub username: String,
    pub password: String,
}

const ORGANISATION: &str = "Pemerintah Kabupaten Ogan Komering Ilir";
const SLUG: &str = "oki";

fn people(role: Role) -> &'static str {
    match role {
        Role::Admin => "Administrator Diskominfo",
        Role::Verifier => "Verifikator Media",
        Role::Officer => "Petugas Kemitraan Media",
        Role::Treasurer => "Bendahara Pengeluaran",
        Role::Auditor => "Auditor Inspektorat",
    }
}

/// The kop surat of Diskominfo OKI and its head, who signs the letters.
fn letterhead() -> anyhow::Result<Letterhead> {
    Ok(Letterhead {
        government: "PEMERINTAH KABUPATEN OGAN KOMERING ILIR".to_owned(),
        office: "DINAS KOMUNIKASI DAN INFORMATIKA".to_owned(),
        address: "Jalan Letnan Mukhtar Saleh, Kompleks Perkantoran Pemkab OKI, Kayuagung 30611".to_owned(),
        phone: Some("(0712) 321001".to_owned()),
        email: Some(Email::parse("diskominfo@okikab.go.id")?),
        website: Some("diskominfo.okikab.go.id".to_owned()),
        city: "Kayuagung".to_owned(),
        signatory_name: "Ahmad Rizal, S.Kom., M.Si.".to_owned(),
        signatory_title: "Kepala Dinas Komunikasi dan Informatika".to_owned(),
        signatory_nip: Some(Nip::parse("197805122005011003")?),
    })
}

/// Creates the demo data, in one write, if the database has no organisation yet; returns the
/// new logins.
pub async fn seed_if_empty(store: &Store, files: &FileStore) -> anyhow::Result<Option<Vec<DemoLogin>>> {
    if organisations::any_exists(store).await? {
        return Ok(None);
    }
    Ok(Some(seed_organisation(store, files, ORGANISATION, SLUG).await?))
}

/// Creates an organisation named `name` at `slug` with the demo's year - its unit, one user per
/// role, its policy, registry, call and money - in one write, made by the same commands an
/// officer's clicks run; returns its logins. The demo is one; a volume of them measures the
/// reports (`mitra volume seed`).
pub async fn seed_organisation(
    store: &Store,
    files: &FileStore,
    name: &str,
    slug: &str,
) -> anyhow::Result<Vec<DemoLogin>> {
    let mut accounts = Vec::new();
    for role in Role::ALL {
        let username = format!("{slug}.{}", role.as_str());
        let password = password::generate();
        let hash = password::hash(Password::parse(&password)?).await.map_err(|err| anyhow::anyhow!("{err}"))?;
        let user = NewUser {
            username: Username::parse(&username)?,
            full_name: FullName::parse(people(role))?,
            email: None,
            role,
            unit_id: None,
        };
        accounts.push((user, hash, DemoLogin { role, username, password }));
    }
    let (name, slug) = (OrganisationName::parse(name)?, Slug::parse(slug)?);
    // The region's standard for the year in progress, so the policy area has something to show.
    let preset = presets::load("oki")?;
    let demo_files = money::DemoFiles {
        documents: applications::files(files, &preset.policy).await?,
        recording: money::recording(files).await?,
    };
    let policy = preset.policy.clone();
    let today = jakarta_today();
    let this_year = FiscalYear::parse(jakarta_today().year())?;
    let unit =
        NewUnit { code: UnitCode::parse("DISKOMINFO")?, name: UnitName::parse("Dinas Komunikasi dan Informatika")? };
    let open_data = open_data_settings()?;
    let letterhead = letterhead()?;
    let logins = store
        .adopt(Some("demo-seed".into()), async |tx| {
            organisations::create(tx, name, slug).await?;
            let unit = units::create(tx, unit).await?;
            letterheads::set(tx, letterheads::UNSET, letterhead).await?;
            let mut logins = Vec::new();
            for (user, hash, login) in accounts {
                users::create(tx, NewUser { unit_id: Some(unit.id), ..user }, hash).await?;
                logins.push(login);
            }
            policy::create_version(tx, this_year, PolicySource::Preset(Box::new(preset))).await?;
            let outlets = press::seed(tx, this_year, today).await?;
            applications::seed(tx, this_year, today, &policy, &outlets, &demo_files.documents).await?;
            money::seed(tx, this_year, today, &policy, &outlets, &demo_files, unit.id).await?;
            open_data::set(tx, open_data).await?;
            Ok::<_, StoreError>(logins)
        })
        .await?;
    Ok(logins)
}

/// OKI publishes its year as open data (OCDS) under a demo prefix: a real one is registered
/// with the Open Contracting Partnership.
fn open_data_settings() -> anyhow::Result<OpenDataSettings> {
    Ok(OpenDataSettings {
        ocid_prefix: OcidPrefix::parse("ocds-oki001")?,
        publisher_name: PublisherName::parse("Dinas Komunikasi dan Informatika Kabupaten Ogan Komering Ilir")?,
        publisher_uri: Some(PublicAddress::parse("https://diskominfo.okikab.go.id")?),
        license_url: PublicAddress::parse(DEFAULT_LICENSE)?,
        publication_policy_url: None,
    })
}

/// The console text that shows the demo logins once.
pub fn describe(logins: &[DemoLogin], url: &str) -> String {
    let mut text = format!(
        "\nA new database was created with the demo organisation \"{ORGANISATION}\".\n\
         Log in at {url} with one of these (shown only now; passwords are random):\n\n  \
         role       username        password\n"
    );
    for login in logins {
        text.push_str(&format!("  {:<10} {:<15} {}\n", login.role.as_str(), login.username, login.password));
    }
    text
}
