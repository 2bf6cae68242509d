//! `mitra`: the server and its administration commands.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use mitra_api::auth::password;
use mitra_api::{Application, Config, Source};
use mitra_domain::identity::Password;
use mitra_persistence::Store;

mod console;
mod volume;

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
    /// The yearly call's housekeeping
    Applications {
        #[command(subcommand)]
        command: ApplicationsCommand,
    },
    /// Volume for measuring the reports (PostgreSQL; never on a database with real records)
    Volume {
        #[command(subcommand)]
        command: VolumeCommand,
    },
}

#[derive(Subcommand)]
enum VolumeCommand {
    /// Make organisations volume-01, volume-02, ... like the demo, with their orders copied up
    /// to the volume asked for; prints each one's auditor login
    Seed {
        #[arg(long, default_value_t = 50)]
        organisations: u32,
        /// Orders in all, with their proofs, invoices and payments
        #[arg(long, default_value_t = 1_000_000)]
        orders: u64,
    },
    /// Multiply every organisation's orders, but one's, by a factor
    Grow {
        #[arg(long, default_value_t = 10)]
        factor: u32,
        /// The organisation (slug) left as it is
        #[arg(long)]
        except: Option<String>,
    },
    /// Print the SQL a report runs for an organisation
    Sql {
        #[arg(long)]
        organisation: String,
        /// realisation, agreements, orders-by-state, owed, fairness or disclosure
        #[arg(long)]
        report: String,
        #[arg(long)]
        fiscal_year: i32,
        /// What realisation or fairness is added up by
        #[arg(long)]
        by: Option<String>,
        /// The disclosure's quarter (1 to 4)
        #[arg(long)]
        quarter: Option<u32>,
    },
}

#[derive(Subcommand)]
enum ApplicationsCommand {
    /// Lapse every open or approved application of a fiscal year that has ended (run it once the
    /// year is over, e.g. from a scheduled job on 1 January)
    Lapse {
        /// The organisation (slug)
        #[arg(long)]
        organisation: String,
        /// The fiscal year that ended
        #[arg(long)]
        fiscal_year: i32,
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
        /// A signed checkpoint (JSON, as `GET /api/v1/audit-checkpoints` or `mitra audit
        /// checkpoint` gave it): also require its organisation's chain to still pass through
        /// it, which detects a chain rewritten and recomputed since
        #[arg(long, conflicts_with = "organisation")]
        checkpoint: Option<std::path::PathBuf>,
        /// The public key (hex) trusted to sign checkpoints; by default this server's
        #[arg(long, requires = "checkpoint")]
        public_key: Option<String>,
    },
    /// Sign an organisation's audit chain head now and print the checkpoint (JSON) to keep
    Checkpoint {
        /// The organisation (slug)
        #[arg(long)]
        organisation: String,
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

/// A password for a console command: generated (and then shown once), or piped in.
fn new_password(from_stdin: bool) -> anyhow::Result<console::NewPassword> {
    if !from_stdin {
        return Ok(console::NewPassword { password: Password::parse(&password::generate())?, generated: true });
    }
    if std::io::stdin().is_terminal() {
        bail!("--password-stdin expects the password piped in");
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    Ok(console::NewPassword { password: Password::parse(text.trim_end_matches(['\n', '\r']))?, generated: false })
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
            let store = open_store(&load_config()?, false).await?;
            console::adopt(&store, &name, &slug, &admin_username, &admin_full_name).await?;
        }
        Command::User { command } => {
            let store = open_store(&load_config()?, false).await?;
            match command {
                UserCommand::Create { organisation, username, full_name, role, password_stdin } => {
                    let password = new_password(password_stdin)?;
                    console::create_user(&store, &organisation, &username, &full_name, &role, password).await?;
                }
                UserCommand::ResetPassword { username, password_stdin } => {
                    console::reset_password(&store, &username, new_password(password_stdin)?).await?;
                }
                UserCommand::Disable { username } => console::disable_user(&store, &username).await?,
            }
        }
        Command::Applications { command: ApplicationsCommand::Lapse { organisation, fiscal_year } } => {
            let store = open_store(&load_config()?, false).await?;
            console::lapse_applications(&store, &organisation, fiscal_year).await?;
        }
        Command::Audit { command: AuditCommand::Verify { organisation, checkpoint: None, .. } } => {
            let store = open_store(&load_config()?, false).await?;
            if !console::verify_audit(&store, organisation.as_deref()).await? {
                return Ok(ExitCode::from(2));
            }
        }
        Command::Audit { command: AuditCommand::Verify { checkpoint: Some(file), public_key, .. } } => {
            let config = load_config()?;
            let store = open_store(&config, false).await?;
            let trusted = match public_key {
                Some(key) => key.trim().to_lowercase(),
                None => config.checkpoint_key()?.public_key(),
            };
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            if !console::verify_against_checkpoint(&store, &text, &trusted).await? {
                return Ok(ExitCode::from(2));
            }
        }
        Command::Volume { command } => {
            let config = load_config()?;
            // The demo's newsroom people have NIKs, sealed like any other.
            let store = open_store(&config, false).await?.with_personal_data_key(config.personal_data_key()?);
            match command {
                VolumeCommand::Seed { organisations, orders } => {
                    let files = mitra_persistence::files::FileStore::local(&config.files_dir).await?;
                    volume::seed(&store, &files, organisations, orders).await?;
                }
                VolumeCommand::Grow { factor, except } => volume::grow(&store, factor, except.as_deref()).await?,
                VolumeCommand::Sql { organisation, report, fiscal_year, by, quarter } => {
                    let name = volume::ReportName { report: &report, by: by.as_deref(), quarter };
                    volume::sql(&store, &organisation, fiscal_year, name).await?;
                }
            }
        }
        Command::Audit { command: AuditCommand::Checkpoint { organisation } } => {
            let config = load_config()?;
            let store = open_store(&config, false).await?;
            console::sign_checkpoint(&store, &organisation, &config.checkpoint_key()?).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
