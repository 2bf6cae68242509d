//! Starting a server on a fresh copy of the fixture database, and speaking to it as a client would.

use mitra_api::auth::keys::KeySet;
use mitra_api::auth::password;
use mitra_api::auth::tokens::TokenIssuer;
use mitra_api::{Application, Config, Source};
use mitra_domain::access::Role;
use mitra_domain::identity::{FullName, NewUser, Username};
use mitra_domain::organisation::{NewUnit, OrganisationName, Slug, UnitCode, UnitName};
use mitra_persistence::testing::{Template, TestDatabase};
use mitra_persistence::{Store, StoreError, organisations, units, users};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};
use tokio::sync::OnceCell;
use uuid::Uuid;

pub const PASSWORD: &str = "correct-horse-battery-staple";
pub const JWT_KEYS: &str = "t1:0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";

/// An organisation of the fixture, with one user per role.
#[derive(Debug, Clone)]
pub struct TestOrg {
    pub id: Uuid,
    pub slug: String,
    pub unit_id: Uuid,
    pub users: Vec<(Role, Uuid)>,
}

impl TestOrg {
    pub fn username(&self, role: Role) -> String {
        format!("{}.{}", self.slug, role.as_str())
    }

    pub fn user_id(&self, role: Role) -> Uuid {
        self.users.iter().find(|(r, _)| *r == role).map(|(_, id)| *id).unwrap()
    }
}

/// Organisation "alpha" and organisation "beta", each with a DISKOMINFO unit and one user per
/// role, all with [`PASSWORD`].
pub struct Fixture {
    pub alpha: TestOrg,
    pub beta: TestOrg,
}

static TEMPLATE: OnceCell<Template<Fixture>> = OnceCell::const_new();

async fn adopt(store: &Store, slug: &str, password_hash: &str) -> TestOrg {
    store
        .adopt(Some("fixture".into()), async |tx| {
            let name = OrganisationName::parse(&format!("Pemerintah Kabupaten {slug}")).unwrap();
            let organisation = organisations::create(tx, name, Slug::parse(slug).unwrap()).await?;
            let unit = NewUnit {
                code: UnitCode::parse("DISKOMINFO").unwrap(),
                name: UnitName::parse("Dinas Kominfo").unwrap(),
            };
            let unit = units::create(tx, unit).await?;
            let mut people = Vec::new();
            for role in Role::ALL {
                let user = NewUser {
                    username: Username::parse(&format!("{slug}.{role}")).unwrap(),
                    full_name: FullName::parse(&format!("{role} of {slug}")).unwrap(),
                    email: None,
                    role,
                    unit_id: Some(unit.id),
                };
                people.push((role, users::create(tx, user, password_hash.to_owned()).await?.id));
            }
            Ok::<_, StoreError>(TestOrg { id: organisation.id, slug: slug.to_owned(), unit_id: unit.id, users: people })
        })
        .await
        .unwrap()
}

pub struct TestApp {
    pub url: String,
    pub client: reqwest::Client,
    /// The test's own connection to the server's database, for reading behind the API's back.
    pub store: Store,
    pub alpha: TestOrg,
    pub beta: TestOrg,
    pub db: TestDatabase,
    tokens: TokenIssuer,
}

pub async fn spawn() -> TestApp {
    spawn_with(&[]).await
}

/// Starts the server with extra settings (`KEY`, `value`) over the test defaults, on a fresh copy
/// of the fixture database (prepared once per test run: migrations and argon2 are not cheap).
pub async fn spawn_with(extra: &[(&str, &str)]) -> TestApp {
    let (db, fixture) = TestDatabase::from_template(&TEMPLATE, async |store: &Store| {
        let hash = password::hash_now(PASSWORD).unwrap();
        Fixture { alpha: adopt(store, "alpha", &hash).await, beta: adopt(store, "beta", &hash).await }
    })
    .await;
    let app = start(&db, extra).await;
    let store = Store::connect(&db.url).await.unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let tokens =
        TokenIssuer::new(KeySet::parse(JWT_KEYS).unwrap(), chrono::Duration::minutes(15), chrono::Duration::days(1));
    TestApp { url: app, client, store, alpha: fixture.alpha.clone(), beta: fixture.beta.clone(), db, tokens }
}

/// Starts one more server on `db`; returns its base URL.
pub async fn start(db: &TestDatabase, extra: &[(&str, &str)]) -> String {
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
    url
}

impl TestApp {
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, format!("{}{path}", self.url))
    }

    /// Logs in over HTTP, asking for the refresh token in the body.
    pub async fn login_response(&self, username: &str, password: &str) -> Response {
        self.request(Method::POST, "/api/v1/auth/login")
            .json(&json!({ "username": username, "password": password, "refresh_token_delivery": "body" }))
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

    /// An access token of the user with `role` in `org`, minted as the server would (logging in
    /// costs a password hash check; tests that are about logging in do it over HTTP).
    pub fn token(&self, org: &TestOrg, role: Role) -> String {
        self.tokens.issue_access(org.user_id(role), org.id).unwrap()
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.request(Method::GET, path).bearer_auth(token).send().await.unwrap()
    }

    pub async fn post(&self, token: &str, path: &str, body: &Value) -> Response {
        self.request(Method::POST, path).bearer_auth(token).json(body).send().await.unwrap()
    }

    pub async fn patch(&self, token: &str, path: &str, version: Option<i64>, body: &Value) -> Response {
        self.patch_like(Method::PATCH, token, path, version, body).await
    }

    /// A conditional change with any method: the body, and `If-Match` with `version` if given.
    pub async fn patch_like(
        &self,
        method: Method,
        token: &str,
        path: &str,
        version: Option<i64>,
        body: &Value,
    ) -> Response {
        let mut request = self.request(method, path).bearer_auth(token).json(body);
        if let Some(version) = version {
            request = request.header("If-Match", format!("\"{version}\""));
        }
        request.send().await.unwrap()
    }

    /// The organisation's audit chain head, read straight from the database.
    pub async fn audit_head(&self, org: &TestOrg) -> i64 {
        mitra_persistence::testing::audit_head(&self.store, org.id).await.unwrap()
    }

    /// Runs SQL on the database behind the server's back.
    pub async fn tamper(&self, sql: &str) {
        mitra_persistence::testing::execute(&self.store, sql).await.unwrap();
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
