//! The write path, tenancy and the caller cache, against a real database (SQLite, and
//! PostgreSQL too when `MITRA_TEST_DATABASE_URL` names a server).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod callers;
mod constraints;
mod idempotency;
mod migrations;
mod report_streams;
mod write_path;

use mitra_domain::access::Role;
use mitra_domain::identity::{FullName, NewUser, Username};
use mitra_domain::organisation::{NewUnit, OrganisationName, Slug, UnitCode, UnitName};
use tokio::sync::OnceCell;
use uuid::Uuid;

use crate::testing::{Template, TestDatabase, audit_head};
use crate::{AuditContext, OrgScope, Store, organisations, units, users};

/// An organisation of the fixture: its unit and its admin.
#[derive(Debug, Clone, Copy)]
struct Org {
    id: Uuid,
    unit_id: Uuid,
    admin_id: Uuid,
}

impl Org {
    fn scope(&self) -> OrgScope {
        OrgScope::of(self.id)
    }

    /// A change made by the organisation's admin.
    fn admin(&self) -> AuditContext {
        AuditContext { scope: self.scope(), actor_id: Some(self.admin_id), request_id: Some("test".into()) }
    }
}

struct Fixture {
    alpha: Org,
    beta: Org,
}

static TEMPLATE: OnceCell<Template<Fixture>> = OnceCell::const_new();

async fn adopt(store: &Store, slug: &str) -> Org {
    store
        .adopt(Some("fixture".into()), async |tx| {
            let name = OrganisationName::parse(&format!("Kabupaten {slug}")).unwrap();
            let organisation = organisations::create(tx, name, Slug::parse(slug).unwrap()).await?;
            let unit = units::create(tx, new_unit("DISKOMINFO")).await?;
            let admin =
                users::create(tx, new_user(&format!("{slug}.admin"), Role::Admin, Some(unit.id)), "x".into()).await?;
            Ok::<_, crate::StoreError>(Org { id: organisation.id, unit_id: unit.id, admin_id: admin.id })
        })
        .await
        .unwrap()
}

/// A store on a fresh copy of the fixture: organisations alpha and beta, each with a unit and an admin.
async fn fixture() -> (Store, TestDatabase, Org, Org) {
    let (database, fixture) = TestDatabase::from_template(&TEMPLATE, async |store: &Store| Fixture {
        alpha: adopt(store, "alpha").await,
        beta: adopt(store, "beta").await,
    })
    .await;
    let store = Store::connect(&database.url).await.unwrap();
    (store, database, fixture.alpha, fixture.beta)
}

fn new_unit(code: &str) -> NewUnit {
    NewUnit { code: UnitCode::parse(code).unwrap(), name: UnitName::parse(&format!("Unit {code}")).unwrap() }
}

fn new_user(username: &str, role: Role, unit_id: Option<Uuid>) -> NewUser {
    NewUser {
        username: Username::parse(username).unwrap(),
        full_name: FullName::parse("Test User").unwrap(),
        email: None,
        role,
        unit_id,
    }
}

/// A unit row written straight through `Tx::insert`, past the units commands.
fn unit_row(code: &str, version: i32) -> crate::entities::unit::ActiveModel {
    use sea_orm::ActiveValue::Set;
    let now = chrono::Utc::now();
    crate::entities::unit::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(code.into()),
        name: Set(format!("Unit {code}")),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(version),
        ..Default::default()
    }
}

async fn head(store: &Store, org: &Org) -> i64 {
    audit_head(store, org.id).await.unwrap()
}
