//! The administration commands of the server's console: adopting a region, managing users,
//! verifying audit chains. The operator names the organisation (by slug, or through a user), so
//! this is the one place outside a request that chooses an organisation's scope.

use anyhow::{Context, bail};
use mitra_api::auth::password;
use mitra_domain::access::Role;
use mitra_domain::identity::{FullName, NewUser, Password, Username};
use mitra_domain::organisation::{OrganisationName, Slug};
use mitra_domain::policy::FiscalYear;
use mitra_persistence::applications;
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::users::UserRecord;
use mitra_persistence::{AuditContext, OrgScope, Store, audit, organisations, users};
use uuid::Uuid;

/// A password set from the console, and whether it was generated (and must then be shown once).
pub struct NewPassword {
    pub password: Password,
    pub generated: bool,
}

/// The console's changes carry no actor; their request id says where they came from.
#[allow(clippy::disallowed_methods, reason = "the console is where an operator chooses the organisation")]
fn acting_for(organisation_id: Uuid) -> AuditContext {
    AuditContext::console(OrgScope::console(organisation_id))
}

/// A region adopts Mitra: its organisation and its first admin, in one write.
pub async fn adopt(
    store: &Store,
    name: &str,
    slug: &str,
    admin_username: &str,
    admin_full_name: &str,
) -> anyhow::Result<()> {
    let (name, slug) = (OrganisationName::parse(name)?, Slug::parse(slug)?);
    let admin = NewUser {
        username: Username::parse(admin_username)?,
        full_name: FullName::parse(admin_full_name)?,
        email: None,
        role: Role::Admin,
        unit_id: None,
    };
    let password = Password::parse(&password::generate())?;
    let hash = password::hash_now(password.expose())?;
    let (organisation, admin) = store
        .adopt(Some("console".into()), async |tx| {
            let organisation = organisations::create(tx, name, slug).await?;
            let admin = users::create(tx, admin, hash).await?;
            Ok((organisation, admin))
        })
        .await?;
    println!("created organisation {} ({})", organisation.name, organisation.slug);
    println!("admin login: {} / {}", admin.username, password.expose());
    Ok(())
}

/// Lapses a finished fiscal year's applications of an organisation.
pub async fn lapse_applications(store: &Store, organisation: &str, fiscal_year: i32) -> anyhow::Result<()> {
    let organisation =
        organisations::find_by_slug(store, organisation).await.context("no organisation with that slug")?;
    let year = FiscalYear::parse(fiscal_year)?;
    let today = jakarta_today();
    let lapsed =
        store.write(&acting_for(organisation.id), async |tx| applications::lapse_year(tx, year, today).await).await?;
    println!("{lapsed} application(s) of {fiscal_year} lapsed in {}", organisation.slug);
    Ok(())
}

pub async fn create_user(
    store: &Store,
    organisation: &str,
    username: &str,
    full_name: &str,
    role: &str,
    password: NewPassword,
) -> anyhow::Result<()> {
    let organisation =
        organisations::find_by_slug(store, organisation).await.context("no organisation with that slug")?;
    let role: Role = role.parse()?;
    let user = NewUser {
        username: Username::parse(username)?,
        full_name: FullName::parse(full_name)?,
        email: None,
        role,
        unit_id: None,
    };
    let hash = password::hash_now(password.password.expose())?;
    let user = store.write(&acting_for(organisation.id), async |tx| users::create(tx, user, hash).await).await?;
    println!("created {} ({}) in {}", user.username, role, organisation.slug);
    if password.generated {
        println!("password: {}", password.password.expose());
    }
    Ok(())
}

pub async fn reset_password(store: &Store, username: &str, password: NewPassword) -> anyhow::Result<()> {
    let user = find_user(store, username).await?;
    let hash = password::hash_now(password.password.expose())?;
    store.write(&acting_for(user.organisation_id), async |tx| users::set_password(tx, user.id, hash).await).await?;
    println!("password of {} replaced; their sessions are ended", user.username);
    if password.generated {
        println!("password: {}", password.password.expose());
    }
    Ok(())
}

pub async fn disable_user(store: &Store, username: &str) -> anyhow::Result<()> {
    let user = find_user(store, username).await?;
    store.write(&acting_for(user.organisation_id), async |tx| users::set_active(tx, user.id, false).await).await?;
    println!("{} is disabled; their sessions are ended", user.username);
    Ok(())
}

/// Recomputes the chain of one organisation (by slug) or of all; `false` when one is broken.
pub async fn verify_audit(store: &Store, organisation: Option<&str>) -> anyhow::Result<bool> {
    let all = match organisation {
        Some(slug) => vec![organisations::find_by_slug(store, slug).await?],
        None => organisations::all(store).await?,
    };
    let mut intact = true;
    for organisation in all {
        let report = audit::verify(store, acting_for(organisation.id).scope).await?;
        match &report.broken_at {
            None => println!("{}: ok, {} events verified", organisation.slug, report.events_checked),
            Some(at) => {
                intact = false;
                let event = at.event_id.map_or_else(|| "none".into(), |id| id.to_string());
                println!("{}: BROKEN at sequence {} (event {event}): {}", organisation.slug, at.sequence, at.fault);
            }
        }
    }
    Ok(intact)
}

async fn find_user(store: &Store, username: &str) -> anyhow::Result<UserRecord> {
    let name = Username::parse(username)?;
    match users::credentials_for_login(store, &name).await? {
        Some(found) => Ok(found.user),
        None => bail!("no user named {username}"),
    }
}
