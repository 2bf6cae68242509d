//! The demo organisation a brand-new embedded database starts with, so that a first run shows
//! a working system: Kabupaten Ogan Komering Ilir, its Diskominfo, and one user per role.

use mitra_domain::access::Role;
use mitra_domain::identity::{FullName, Username};
use mitra_domain::organisation::{OrganisationName, Slug, UnitCode, UnitName};
use mitra_persistence::users::NewUser;
use mitra_persistence::{AuditContext, OrgScope, Store, organisations, units, users};

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

/// Creates the demo data if the database has no organisation yet; returns the new logins.
pub async fn seed_if_empty(store: &Store) -> anyhow::Result<Option<Vec<DemoLogin>>> {
    if organisations::any_exists(store.connection()).await? {
        return Ok(None);
    }
    let organisation = organisations::create(
        store,
        OrganisationName::parse(ORGANISATION)?,
        Slug::parse(SLUG)?,
        Some("demo-seed".into()),
    )
    .await?;
    let ctx =
        AuditContext { scope: OrgScope::new(organisation.id), actor_id: None, request_id: Some("demo-seed".into()) };
    let unit = units::create(
        store,
        &ctx,
        UnitCode::parse("DISKOMINFO")?,
        UnitName::parse("Dinas Komunikasi dan Informatika")?,
    )
    .await?;
    let mut logins = Vec::new();
    for role in Role::ALL {
        let username = format!("{SLUG}.{}", role.as_str());
        let password = password::generate();
        let new = NewUser {
            username: Username::parse(&username)?,
            full_name: FullName::parse(people(role))?,
            email: None,
            role,
            unit_id: Some(unit.id),
            password_hash: password::hash(password.clone()).await.map_err(|err| anyhow::anyhow!("{err}"))?,
        };
        users::create(store, &ctx, new).await?;
        logins.push(DemoLogin { role, username, password });
    }
    Ok(Some(logins))
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
