//! The administration commands of the server's console: adopting a region, managing users,
//! verifying audit chains. The operator names the organisation (by slug, or through a user), so
//! this is the one place outside a request that chooses an organisation's scope.

use anyhow::{Context, bail};
use chrono::Utc;
use mitra_api::auth::password;
use mitra_api::routes::audit::CheckpointView;
use mitra_domain::access::Role;
use mitra_domain::checkpoint::{ChainHead, CheckpointKey, verify_signature};
use mitra_domain::identity::{FullName, NewUser, Password, Username};
use mitra_domain::organisation::{OrganisationName, Slug};
use mitra_domain::policy::FiscalYear;
use mitra_persistence::applications;
use mitra_persistence::calendar::jakarta_today;
use mitra_persistence::users::UserRecord;
use mitra_persistence::{AuditContext, OrgScope, PageRequest, Store, audit, checkpoints, organisations, users};
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

/// Signs the organisation's chain head now and prints the checkpoint as the API publishes it.
pub async fn sign_checkpoint(store: &Store, slug: &str, key: &CheckpointKey) -> anyhow::Result<()> {
    let organisation = organisations::find_by_slug(store, slug).await?;
    let scope = acting_for(organisation.id).scope;
    let checkpoint = match checkpoints::sign_head(store, scope, key, Utc::now()).await? {
        Some(signed) => signed,
        None => checkpoints::list(store, scope, PageRequest { after: None, limit: 1 })
            .await?
            .items
            .into_iter()
            .next()
            .context("the organisation's audit chain is empty: nothing to sign")?,
    };
    println!("{}", serde_json::to_string_pretty(&CheckpointView::from(checkpoint))?);
    Ok(())
}

/// Checks a checkpoint's signature against the `trusted` public key, then recomputes its
/// organisation's chain and requires it to pass through the checkpoint. Prints what it found;
/// `false` when the checkpoint or the chain does not hold.
pub async fn verify_against_checkpoint(store: &Store, text: &str, trusted: &str) -> anyhow::Result<bool> {
    let presented: CheckpointView = serde_json::from_str(text).context("not a checkpoint (JSON)")?;
    let head = ChainHead {
        organisation_id: presented.organisation_id,
        sequence: presented.sequence,
        hash: presented.hash.clone(),
        signed_at: presented.signed_at,
    };
    if presented.public_key.to_lowercase() != trusted {
        println!(
            "checkpoint at sequence {}: NOT TRUSTED, signed by key {} (public key {}), not by the trusted key",
            head.sequence, presented.key_id, presented.public_key
        );
        return Ok(false);
    }
    if let Err(why) = verify_signature(&head, &presented.public_key, &presented.signature) {
        println!("checkpoint at sequence {}: INVALID SIGNATURE: {why}", head.sequence);
        return Ok(false);
    }
    let scope = acting_for(head.organisation_id).scope;
    let organisation =
        organisations::get(store, scope).await.context("the checkpoint's organisation is unknown here")?;
    let report = checkpoints::verify_against(store, scope, &head).await?;
    match &report.broken_at {
        None => {
            println!(
                "{}: ok, {} events verified; the chain passes through the checkpoint signed at {} (sequence {})",
                organisation.slug, report.events_checked, head.signed_at, head.sequence
            );
            Ok(true)
        }
        Some(at) => {
            let event = at.event_id.map_or_else(|| "none".into(), |id| id.to_string());
            println!("{}: BROKEN at sequence {} (event {event}): {}", organisation.slug, at.sequence, at.fault);
            Ok(false)
        }
    }
}
