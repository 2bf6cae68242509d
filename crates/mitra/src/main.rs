//! `mitra`: the server and its administration commands.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use mitra_api::auth::password;
use mitra_api::{Application, Config, Source};
use mitra_domain::access::Role;
use mitra_domain::identity::{FullName, Password, Username};
use mitra_domain::organisation::{OrganisationName, Slug};
use mitra_persistence::users::NewUser;
use mitra_persistence::{AuditContext, OrgScope, Store, audit, organisations, users};

#[derive(Parser)]
#[command(name = "mitra", version, about = "Publication partnerships between a regional government and the press")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (API, docs and web app)
    Serve {
        /// Address to listen on (MITRA_BIND); port 0 picks a free port
        #[arg(long, env = "MITRA_BIND")]
        bind: Option<String>,
        /// Folder for the embedded database and generated keys (MITRA_DATA_DIR)
        #[arg(long, env = "MITRA_DATA_DIR")]
        data_dir: Option<PathBuf>,
    },
    /// Apply pending database migrations
    Migrate,
    /// Write the OpenAPI document
    Openapi {
        /// Where to write it; `-` for standard output
        #[arg(long, default_value = "openapi/openapi.json")]
        output: String,
    },
    /// Set up a new organisation (a regional government adopting Mitra) with its first admin
    Organisation {
        #[command(subcommand)]
        command: OrganisationCommand,
    },
    /// Manage users from the server's console
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Audit trail checks
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand)]
enum OrganisationCommand {
    /// Create an organisation and its first admin (password printed once)
    Create {
        #[arg(long)]
        name: String,
        /// Short lower-case handle, e.g. `okutimur`
        #[arg(long)]
        slug: String,
        #[arg(long)]
        admin_username: String,
        #[arg(long)]
        admin_full_name: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user in an organisation
    Create {
        /// The organisation's slug
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        full_name: String,
        /// admin, verifier, officer, treasurer or auditor
        #[arg(long)]
        role: String,
        /// Read the password from standard input instead of generating one
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password (generated, or from standard input) and end the user's sessions
    ResetPassword {
        #[arg(long)]
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable a user and end their sessions
    Disable {
        #[arg(long)]
        username: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute every organisation's audit chain; exits non-zero if one is broken
    Verify {
        /// Only this organisation (slug)
        #[arg(long)]
        organisation: Option<String>,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    env_logger_init();
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("mitra: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn env_logger_init() {
    mitra_api::logging::init();
}

fn load_config() -> anyhow::Result<Config> {
    Ok(Config::load(&Source::from_env()?)?)
}

async fn open_store(config: &Config, migrate: bool) -> anyhow::Result<Store> {
    std::fs::create_dir_all(&config.data_dir)?;
    let store = Store::connect(&config.database_url()).await.context("cannot connect to the database")?;
    if migrate || config.auto_migrate {
        store.migrate().await.context("migration failed")?;
    }
    Ok(store)
}

/// The system's own changes from the console carry no actor; the request id says where they came from.
fn console(scope: OrgScope) -> AuditContext {
    AuditContext { scope, actor_id: None, request_id: Some("console".into()) }
}

fn new_password(from_stdin: bool) -> anyhow::Result<(Password, bool)> {
    if !from_stdin {
        return Ok((Password::parse(&password::generate())?, true));
    }
    if std::io::stdin().is_terminal() {
        bail!("--password-stdin expects the password piped in");
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    Ok((Password::parse(text.trim_end_matches(['\n', '\r']))?, false))
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { bind, data_dir } => {
            let mut config = load_config()?;
            if let Some(bind) = bind {
                config.bind = bind;
            }
            if let Some(data_dir) = data_dir {
                config.data_dir = data_dir;
            }
            let app = Application::build(config).await?;
            println!("Mitra listening on {}", app.url());
            if let Some(logins) = app.demo_logins() {
                println!("{}", mitra_api::demo::describe(logins, &app.url()));
            }
            app.run().await?;
        }
        Command::Migrate => {
            let config = load_config()?;
            let store = open_store(&config, true).await?;
            println!("migrations applied; {} pending", store.pending_migrations().await?);
        }
        Command::Openapi { output } => {
            let json = mitra_api::openapi_json()?;
            if output == "-" {
                print!("{json}");
            } else {
                std::fs::write(&output, json).with_context(|| format!("cannot write {output}"))?;
                println!("wrote {output}");
            }
        }
        Command::Organisation {
            command: OrganisationCommand::Create { name, slug, admin_username, admin_full_name },
        } => {
            let config = load_config()?;
            let store = open_store(&config, false).await?;
            let organisation = organisations::create(
                &store,
                OrganisationName::parse(&name)?,
                Slug::parse(&slug)?,
                Some("console".into()),
            )
            .await?;
            let (password, _) = new_password(false)?;
            let new = NewUser {
                username: Username::parse(&admin_username)?,
                full_name: FullName::parse(&admin_full_name)?,
                email: None,
                role: Role::Admin,
                unit_id: None,
                password_hash: password::hash_now(password.expose())?,
            };
            let admin = users::create(&store, &console(OrgScope::new(organisation.id)), new).await?;
            println!("created organisation {} ({})", organisation.name, organisation.slug);
            println!("admin login: {} / {}", admin.username, password.expose());
        }
        Command::User { command } => user_command(command).await?,
        Command::Audit { command: AuditCommand::Verify { organisation } } => {
            let config = load_config()?;
            let store = open_store(&config, false).await?;
            let all = match organisation {
                Some(slug) => vec![organisations::find_by_slug(store.connection(), &slug).await?],
                None => organisations::all(store.connection()).await?,
            };
            let mut broken = 0;
            for organisation in all {
                let report = audit::verify(store.connection(), OrgScope::new(organisation.id)).await?;
                match &report.broken_at {
                    None => println!("{}: ok, {} events verified", organisation.slug, report.events_checked),
                    Some(at) => {
                        broken += 1;
                        let event = at.event_id.map(|id| id.to_string()).unwrap_or_else(|| "none".into());
                        println!(
                            "{}: BROKEN at sequence {} (event {event}): {}",
                            organisation.slug,
                            at.sequence,
                            at.fault.as_str()
                        );
                    }
                }
            }
            if broken > 0 {
                return Ok(ExitCode::from(2));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn user_command(command: UserCommand) -> anyhow::Result<()> {
    let config = load_config()?;
    let store = open_store(&config, false).await?;
    match command {
        UserCommand::Create { organisation, username, full_name, role, password_stdin } => {
            let organisation = organisations::find_by_slug(store.connection(), &organisation)
                .await
                .context("no organisation with that slug")?;
            let role: Role = role.parse()?;
            let (password, generated) = new_password(password_stdin)?;
            let new = NewUser {
                username: Username::parse(&username)?,
                full_name: FullName::parse(&full_name)?,
                email: None,
                role,
                unit_id: None,
                password_hash: password::hash_now(password.expose())?,
            };
            let user = users::create(&store, &console(OrgScope::new(organisation.id)), new).await?;
            println!("created {} ({}) in {}", user.username, role, organisation.slug);
            if generated {
                println!("password: {}", password.expose());
            }
        }
        UserCommand::ResetPassword { username, password_stdin } => {
            let user = find_user(&store, &username).await?;
            let (password, generated) = new_password(password_stdin)?;
            let hash = password::hash_now(password.expose())?;
            users::set_password(&store, &console(OrgScope::new(user.organisation_id)), user.id, hash).await?;
            println!("password of {} replaced; their sessions are ended", user.username);
            if generated {
                println!("password: {}", password.expose());
            }
        }
        UserCommand::Disable { username } => {
            let user = find_user(&store, &username).await?;
            users::set_active(&store, &console(OrgScope::new(user.organisation_id)), user.id, false).await?;
            println!("{} is disabled; their sessions are ended", user.username);
        }
    }
    Ok(())
}

async fn find_user(store: &Store, username: &str) -> anyhow::Result<users::UserRecord> {
    let name = Username::parse(username)?;
    match users::credentials_for_login(store.connection(), &name).await? {
        Some(found) => Ok(found.user),
        None => bail!("no user named {username}"),
    }
}
