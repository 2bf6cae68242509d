//! Starting a server on a fresh database, and speaking to it as a client would.

use std::sync::OnceLock;

use mitra_api::auth::password;
use mitra_api::{Application, Config, Source};
use mitra_domain::access::Role;
use mitra_domain::identity::{FullName, Username};
use mitra_domain::organisation::{OrganisationName, Slug, UnitCode, UnitName};
use mitra_persistence::users::NewUser;
use mitra_persistence::{AuditContext, OrgScope, Store, organisations, units, users};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::Value;
use uuid::Uuid;

pub const PASSWORD: &str = "correct-horse-battery-staple";
pub const JWT_KEYS: &str = "t1:0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";

/// One password hash for every fixture user: argon2 is slow on purpose, fixtures need not be.
fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash_now(PASSWORD).unwrap_or_default()).clone()
}

/// A database for one test, dropped afterwards when it lives on a PostgreSQL server.
pub struct TestDatabase {
    pub url: String,
    postgres: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl TestDatabase {
    pub async fn create() -> TestDatabase {
        let dir = tempfile::tempdir().unwrap();
        let require = std::env::var("MITRA_TEST_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
        match std::env::var("MITRA_TEST_DATABASE_URL").ok().filter(|url| !url.is_empty()) {
            Some(admin_url) => {
                let name = format!("mitra_test_{}", Uuid::new_v4().simple());
                let admin = Store::connect(&admin_url)
                    .await
                    .unwrap_or_else(|err| panic!("PostgreSQL at MITRA_TEST_DATABASE_URL is unreachable: {err}"));
                admin.connection().execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
                admin.close().await.unwrap();
                let url = match admin_url.rsplit_once('/') {
                    Some((server, _)) => format!("{server}/{name}"),
                    None => panic!("MITRA_TEST_DATABASE_URL must end in /<database>"),
                };
                TestDatabase { url, postgres: Some((admin_url, name)), _dir: dir }
            }
            None if require => panic!("MITRA_TEST_REQUIRE_POSTGRES=1 but MITRA_TEST_DATABASE_URL is not set"),
            None => {
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.sqlite").display());
                TestDatabase { url, postgres: None, _dir: dir }
            }
        }
    }

    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else { return };
        // Drop runs inside the test's runtime; a separate thread with its own runtime may block.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async move {
                if let Ok(admin) = Store::connect(&admin_url).await {
                    let _ = admin
                        .connection()
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// An organisation of the fixture, with one user per role.
#[derive(Debug, Clone)]
pub struct TestOrg {
    pub id: Uuid,
    pub slug: String,
    pub unit_id: Uuid,
    pub users: Vec<(Role, Uuid, String)>,
}

impl TestOrg {
    pub fn username(&self, role: Role) -> String {
        format!("{}.{}", self.slug, role.as_str())
    }

    pub fn user_id(&self, role: Role) -> Uuid {
        self.users.iter().find(|(r, _, _)| *r == role).map(|(_, id, _)| *id).unwrap()
    }
}

pub struct TestApp {
    pub url: String,
    pub client: reqwest::Client,
    pub store: Store,
    /// Organisation "alpha" and organisation "beta", each with one user per role.
    pub alpha: TestOrg,
    pub beta: TestOrg,
    pub db: TestDatabase,
}

pub async fn spawn() -> TestApp {
    spawn_with(&[]).await
}

/// Starts the server with extra settings (`KEY`, `value`) over the test defaults.
pub async fn spawn_with(extra: &[(&str, &str)]) -> TestApp {
    let db = TestDatabase::create().await;
    let data_dir = db.dir().join("data").display().to_string();
    let spa_dir = db.dir().join("spa").display().to_string();
    let mut pairs = vec![
        ("MITRA_BIND", "127.0.0.1:0"),
        ("MITRA_DATA_DIR", data_dir.as_str()),
        ("DATABASE_URL", db.url.as_str()),
        ("MITRA_AUTO_MIGRATE", "true"),
        ("MITRA_DEMO_DATA", "false"),
        ("MITRA_JWT_KEYS", JWT_KEYS),
        ("MITRA_SPA_DIR", spa_dir.as_str()),
    ];
    pairs.retain(|(key, _)| !extra.iter().any(|(k, _)| k == key));
    pairs.extend_from_slice(extra);
    let config = Config::load(&Source::from_pairs(pairs)).unwrap();
    let app = Application::build(config).await.unwrap();
    let url = app.url();
    tokio::spawn(app.run());
    let store = Store::connect(&db.url).await.unwrap();
    let alpha = seed_org(&store, "alpha").await;
    let beta = seed_org(&store, "beta").await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestApp { url, client, store, alpha, beta, db }
}

async fn seed_org(store: &Store, slug: &str) -> TestOrg {
    let organisation = organisations::create(
        store,
        OrganisationName::parse(&format!("Pemerintah Kabupaten {slug}")).unwrap(),
        Slug::parse(slug).unwrap(),
        None,
    )
    .await
    .unwrap();
    let ctx =
        AuditContext { scope: OrgScope::new(organisation.id), actor_id: None, request_id: Some("fixture".into()) };
    let unit =
        units::create(store, &ctx, UnitCode::parse("DISKOMINFO").unwrap(), UnitName::parse("Dinas Kominfo").unwrap())
            .await
            .unwrap();
    let mut people = Vec::new();
    for role in Role::ALL {
        let username = format!("{slug}.{}", role.as_str());
        let new = NewUser {
            username: Username::parse(&username).unwrap(),
            full_name: FullName::parse(&format!("{} of {slug}", role.as_str())).unwrap(),
            email: None,
            role,
            unit_id: Some(unit.id),
            password_hash: password_hash(),
        };
        let user = users::create(store, &ctx, new).await.unwrap();
        people.push((role, user.id, username));
    }
    TestOrg { id: organisation.id, slug: slug.to_owned(), unit_id: unit.id, users: people }
}

impl TestApp {
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, format!("{}{path}", self.url))
    }

    pub async fn login_response(&self, username: &str, password: &str) -> Response {
        self.request(Method::POST, "/api/v1/auth/login")
            .json(&serde_json::json!({ "username": username, "password": password }))
            .send()
            .await
            .unwrap()
    }

    /// Logs in and returns the token pair.
    pub async fn login(&self, username: &str) -> Value {
        let response = self.login_response(username, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "login of {username}");
        response.json().await.unwrap()
    }

    /// An access token of the user with `role` in `org`.
    pub async fn token(&self, org: &TestOrg, role: Role) -> String {
        self.login(&org.username(role)).await["access_token"].as_str().unwrap().to_owned()
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.request(Method::GET, path).bearer_auth(token).send().await.unwrap()
    }

    pub async fn post(&self, token: &str, path: &str, body: &Value) -> Response {
        self.request(Method::POST, path).bearer_auth(token).json(body).send().await.unwrap()
    }

    pub async fn patch(&self, token: &str, path: &str, version: Option<i64>, body: &Value) -> Response {
        let mut request = self.request(Method::PATCH, path).bearer_auth(token).json(body);
        if let Some(version) = version {
            request = request.header("If-Match", format!("\"{version}\""));
        }
        request.send().await.unwrap()
    }

    /// Number of audit events of an organisation, read straight from the database.
    pub async fn audit_count(&self, org: &TestOrg) -> i64 {
        let scope = OrgScope::new(org.id);
        let page = mitra_persistence::audit::list(
            self.store.connection(),
            scope,
            &Default::default(),
            mitra_persistence::PageRequest { limit: 1, after: None },
        )
        .await
        .unwrap();
        page.items.first().map(|event| event.sequence).unwrap_or(0)
    }
}

/// Asserts a problem+json answer with `status` and `code`, and returns its body.
pub async fn assert_problem(response: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status, "status for expected `{code}`");
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert!(content_type.starts_with("application/problem+json"), "content type {content_type:?} for `{code}`");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status.as_u16(), "{body}");
    assert!(body["type"].is_string() && body["title"].is_string(), "{body}");
    body
}
