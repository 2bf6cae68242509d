//! The `mitra` command as an operator uses it: adopting a region, managing users from the
//! console, and verifying the audit trail, on a fresh embedded database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use mitra_persistence::Store;

struct Console {
    dir: tempfile::TempDir,
    /// Another database than the console's own embedded one.
    url: Option<String>,
}

impl Console {
    fn new() -> Console {
        Console { dir: tempfile::tempdir().unwrap(), url: None }
    }

    fn on(url: &str) -> Console {
        Console { dir: tempfile::tempdir().unwrap(), url: Some(url.to_owned()) }
    }

    fn database_url(&self) -> String {
        self.url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", self.dir.path().join("cli.sqlite").display()))
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mitra"))
            .args(args)
            .env("DATABASE_URL", self.database_url())
            .env("MITRA_DATA_DIR", self.dir.path())
            .env("MITRA_AUTO_MIGRATE", "true")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut pipe = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).unwrap();
        }
        drop(pipe);
        child.wait_with_output().unwrap()
    }
}

/// This year in Jakarta, from the library the server itself uses.
fn jakarta_year() -> i32 {
    use chrono::Datelike as _;
    mitra_persistence::calendar::jakarta_today().year()
}

/// A region adopted from the console, its first admin named `admin`.
fn adopt(console: &Console, name: &str, slug: &str, admin: &str) -> Output {
    console.run(
        &[
            "organisation",
            "create",
            "--name",
            name,
            "--slug",
            slug,
            "--admin-username",
            admin,
            "--admin-full-name",
            "Admin",
        ],
        None,
    )
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_region_adopts_mitra_from_the_console() {
    let console = Console::new();
    let migrated = console.run(&["migrate"], None);
    assert!(migrated.status.success(), "{migrated:?}");

    let created = console.run(
        &[
            "organisation",
            "create",
            "--name",
            "Pemerintah Kabupaten OKU Timur",
            "--slug",
            "okutimur",
            "--admin-username",
            "okut.admin",
            "--admin-full-name",
            "Admin Diskominfo OKU Timur",
        ],
        None,
    );
    assert!(created.status.success(), "{created:?}");
    let text = stdout(&created);
    let password = text.lines().find_map(|line| line.strip_prefix("admin login: okut.admin / ")).unwrap();
    assert_eq!(password.len(), 20, "a generated password is printed once: {text}");

    let officer = console.run(
        &[
            "user",
            "create",
            "--organisation",
            "okutimur",
            "--username",
            "okut.officer",
            "--full-name",
            "Petugas",
            "--role",
            "officer",
            "--password-stdin",
        ],
        Some("pempek-kapal-selam-2026\n"),
    );
    assert!(officer.status.success(), "{officer:?}");
    assert!(!stdout(&officer).contains("pempek"), "a piped password is never echoed");

    let weak = console.run(
        &[
            "user",
            "create",
            "--organisation",
            "okutimur",
            "--username",
            "okut.weak",
            "--full-name",
            "Weak",
            "--role",
            "officer",
            "--password-stdin",
        ],
        Some("short\n"),
    );
    assert!(!weak.status.success());
    let bad_role = console.run(
        &[
            "user",
            "create",
            "--organisation",
            "okutimur",
            "--username",
            "okut.x",
            "--full-name",
            "X",
            "--role",
            "emperor",
        ],
        None,
    );
    assert!(!bad_role.status.success());
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("unknown role"));

    let disabled = console.run(&["user", "disable", "--username", "okut.officer"], None);
    assert!(disabled.status.success(), "{disabled:?}");
    let reset = console.run(&["user", "reset-password", "--username", "okut.admin"], None);
    assert!(stdout(&reset).contains("password: "), "{reset:?}");

    let verified = console.run(&["audit", "verify"], None);
    assert!(verified.status.success(), "{verified:?}");
    assert!(stdout(&verified).contains("okutimur: ok, 5 events verified"), "{}", stdout(&verified));
}

#[test]
fn audit_verify_fails_on_a_tampered_chain() {
    let console = Console::new();
    let created = adopt(&console, "Pemerintah Kabupaten PALI", "pali", "pali.admin");
    assert!(created.status.success(), "{created:?}");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::connect(&console.database_url()).await.unwrap();
        mitra_persistence::testing::execute(
            &store,
            "UPDATE audit_events SET action = 'user.disabled' WHERE sequence = 2",
        )
        .await
        .unwrap();
        store.close().await.unwrap();
    });

    let verified = console.run(&["audit", "verify", "--organisation", "pali"], None);
    assert_eq!(verified.status.code(), Some(2), "{verified:?}");
    assert!(stdout(&verified).contains("pali: BROKEN at sequence 2"), "{}", stdout(&verified));
}

#[test]
fn a_signed_checkpoint_detects_a_chain_rewritten_and_recomputed_since() {
    let console = Console::new();
    let created = adopt(&console, "Pemerintah Kabupaten Banyuasin", "banyuasin", "bya.admin");
    assert!(created.status.success(), "{created:?}");
    let user = ["user", "create", "--organisation", "banyuasin", "--full-name", "Petugas", "--role", "officer"];
    assert!(console.run(&[&user[..], &["--username", "bya.officer"]].concat(), None).status.success());

    let signed = console.run(&["audit", "checkpoint", "--organisation", "banyuasin"], None);
    assert!(signed.status.success(), "{signed:?}");
    let checkpoint: serde_json::Value = serde_json::from_str(&stdout(&signed)).unwrap();
    let sequence = checkpoint["sequence"].as_i64().unwrap();
    assert!(sequence >= 3, "the head after adoption and a user: {checkpoint}");
    let file = console.dir.path().join("checkpoint.json");
    std::fs::write(&file, stdout(&signed)).unwrap();
    let file = file.to_str().unwrap();

    // Signing an unmoved head again gives the same checkpoint.
    let again = console.run(&["audit", "checkpoint", "--organisation", "banyuasin"], None);
    let again: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(again["id"], checkpoint["id"]);

    // Later work moves the head past the checkpoint: the chain still passes through it.
    assert!(console.run(&[&user[..], &["--username", "bya.verifier"]].concat(), None).status.success());
    let intact = console.run(&["audit", "verify", "--checkpoint", file], None);
    assert!(intact.status.success(), "{intact:?}");
    assert!(stdout(&intact).contains("passes through the checkpoint"), "{}", stdout(&intact));

    // A superuser rewrites event 2 and recomputes every later hash and the head.
    let organisation_id: uuid::Uuid = checkpoint["organisation_id"].as_str().unwrap().parse().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::connect(&console.database_url()).await.unwrap();
        mitra_persistence::testing::rewrite_audit_chain(&store, organisation_id, 2, "user.disabled").await.unwrap();
        store.close().await.unwrap();
    });
    let chain_alone = console.run(&["audit", "verify", "--organisation", "banyuasin"], None);
    assert!(chain_alone.status.success(), "recomputed, the chain alone verifies: {chain_alone:?}");

    let caught = console.run(&["audit", "verify", "--checkpoint", file], None);
    assert_eq!(caught.status.code(), Some(2), "{caught:?}");
    let text = stdout(&caught);
    assert!(text.contains(&format!("banyuasin: BROKEN at sequence {sequence}")), "{text}");
    assert!(text.contains("rewritten_since_checkpoint"), "{text}");

    // A checkpoint edited to fit, or signed by another key, is not taken.
    let mut forged = checkpoint.clone();
    forged["sequence"] = serde_json::json!(sequence - 1);
    let forged_file = console.dir.path().join("forged.json");
    std::fs::write(&forged_file, forged.to_string()).unwrap();
    let refused = console.run(&["audit", "verify", "--checkpoint", forged_file.to_str().unwrap()], None);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(stdout(&refused).contains("INVALID SIGNATURE"), "{}", stdout(&refused));
    let stranger = "11".repeat(32);
    let untrusted = console.run(&["audit", "verify", "--checkpoint", file, "--public-key", &stranger], None);
    assert_eq!(untrusted.status.code(), Some(2), "{untrusted:?}");
    assert!(stdout(&untrusted).contains("NOT TRUSTED"), "{}", stdout(&untrusted));
}

#[test]
fn a_years_applications_lapse_from_the_console_only_once_it_is_over() {
    let console = Console::new();
    let created = adopt(&console, "Pemerintah Kabupaten Musi Rawas", "mura", "mura.admin");
    assert!(created.status.success(), "{created:?}");
    let last_year = jakarta_year() - 1;
    let lapsed = console
        .run(&["applications", "lapse", "--organisation", "mura", "--fiscal-year", &last_year.to_string()], None);
    assert!(lapsed.status.success(), "{lapsed:?}");
    assert!(
        stdout(&lapsed).contains(&format!("0 application(s) of {last_year} lapsed in mura")),
        "{}",
        stdout(&lapsed)
    );
    let this_year = (last_year + 1).to_string();
    let refused = console.run(&["applications", "lapse", "--organisation", "mura", "--fiscal-year", &this_year], None);
    assert!(!refused.status.success(), "the year is not over: {refused:?}");
    let unknown = console.run(&["applications", "lapse", "--organisation", "nowhere", "--fiscal-year", "2020"], None);
    assert!(!unknown.status.success());
}

#[test]
fn the_openapi_command_writes_the_committed_document() {
    let console = Console::new();
    let printed = console.run(&["openapi", "--output", "-"], None);
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json")).unwrap();
    assert_eq!(stdout(&printed), committed);
}

/// One number from each line of `sql`'s answer.
async fn numbers(url: &str, sql: &str) -> Vec<i64> {
    let store = Store::connect(url).await.unwrap();
    let rows = mitra_persistence::testing::numbers(&store, sql).await.unwrap();
    store.close().await.unwrap();
    rows
}

#[test]
fn volume_is_made_like_the_demo_and_copied_with_its_ledger_still_adding_up() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let database = runtime.block_on(mitra_persistence::testing::TestDatabase::empty());
    let console = Console::on(&database.url);
    let seeded = console.run(&["volume", "seed", "--organisations", "2", "--orders", "60"], None);
    if !database.url.starts_with("postgres") {
        assert!(!seeded.status.success());
        assert!(String::from_utf8_lossy(&seeded.stderr).contains("PostgreSQL only"), "{seeded:?}");
        return;
    }
    assert!(seeded.status.success(), "{seeded:?}");
    let printed = stdout(&seeded);
    assert!(printed.contains("volume-01: 30 orders; auditor login: volume-01.auditor / "), "{printed}");
    assert!(printed.contains("volume-02: 30 orders"), "{printed}");
    // What the budget lines say was paid is what the paid invoice lines add up to, per organisation.
    let ledger = "SELECT CAST((SELECT SUM(realised) FROM budget_lines b WHERE b.organisation_id = o.id) - \
                  (SELECT SUM(l.gross) FROM invoice_lines l JOIN payments p ON p.invoice_id = l.invoice_id \
                   WHERE l.organisation_id = o.id) AS BIGINT) FROM organisations o";
    assert_eq!(runtime.block_on(numbers(&database.url, ledger)), vec![0, 0]);
    let verified = console.run(&["audit", "verify"], None);
    assert!(verified.status.success(), "the copies went around the trail, not through it: {verified:?}");

    let grown = console.run(&["volume", "grow", "--factor", "3", "--except", "volume-01"], None);
    assert!(grown.status.success(), "{grown:?}");
    assert_eq!(stdout(&grown).trim(), "volume-02: 90 orders");
    let orders = "SELECT COUNT(*) FROM orders o JOIN organisations g ON g.id = o.organisation_id GROUP BY g.slug ORDER BY g.slug";
    assert_eq!(runtime.block_on(numbers(&database.url, orders)), vec![30, 90]);
    assert_eq!(runtime.block_on(numbers(&database.url, ledger)), vec![0, 0]);

    let year = jakarta_year().to_string();
    let sql = console.run(
        &[
            "volume",
            "sql",
            "--organisation",
            "volume-01",
            "--report",
            "realisation",
            "--by",
            "outlet",
            "--fiscal-year",
            &year,
        ],
        None,
    );
    assert!(sql.status.success(), "{sql:?}");
    let sql = stdout(&sql);
    let paid = runtime
        .block_on(numbers(&database.url, &format!("SELECT SUM(realised)::BIGINT FROM ({}) AS report", sql.trim())));
    let ledger = "SELECT SUM(realised)::BIGINT FROM budget_lines b JOIN organisations g ON g.id = b.organisation_id \
                  WHERE g.slug = 'volume-01'";
    assert_eq!(paid, runtime.block_on(numbers(&database.url, ledger)));
    let unknown = console
        .run(&["volume", "sql", "--organisation", "volume-01", "--report", "gossip", "--fiscal-year", &year], None);
    assert!(!unknown.status.success());
}
