//! Configuration from the environment, optionally preceded by a file of `KEY=VALUE` lines
//! (`MITRA_CONFIG`); the environment wins. Nothing secret has a default in production.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use mitra_domain::checkpoint::CheckpointKey;
use mitra_persistence::personal::PersonalDataKey;

use crate::auth::keys::{KeyError, KeySet, random_secret, strength};

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: String,
    pub data_dir: PathBuf,
    /// Where handed-in files (documents, photos) are kept.
    pub files_dir: PathBuf,
    /// `None` means the embedded SQLite file in the data folder.
    pub database_url: Option<String>,
    pub production: bool,
    /// `None`: generate one and keep it in the data folder (development only).
    pub jwt_keys: Option<KeySet>,
    /// The secret personal data (journalists' NIKs) is sealed with; `None`: generated into the
    /// data folder (development only). Losing it loses the sealed numbers: back it up.
    pub personal_data_secret: Option<String>,
    pub spa_dir: PathBuf,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    /// Apply migrations at start: on by default for the embedded database; production runs
    /// `mitra migrate` as a deliberate step unless this is set.
    pub auto_migrate: bool,
    /// Seed the demo organisation into an empty database: on by default for the embedded one.
    pub demo_data: bool,
    /// How long a verified caller is trusted without re-reading them: the longest another
    /// instance may take to notice a user disabled or a role changed elsewhere.
    pub caller_ttl: std::time::Duration,
    /// The seed (base64, 32 bytes) of the Ed25519 key that signs audit checkpoints; `None`:
    /// generated into the data folder (development only). Auditors keep its public key.
    pub audit_signing_seed: Option<String>,
    /// How often every organisation's moved audit chain head is signed.
    pub checkpoint_every: std::time::Duration,
    /// Requests a minute one client address may make of the public transparency pages.
    pub public_requests_per_minute: u32,
    /// The database connections this instance keeps at most; `None`: the store's default.
    pub database_connections: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    File { path: String, source: std::io::Error },
    #[error("{key}: {message}")]
    Invalid { key: &'static str, message: String },
    #[error("MITRA_JWT_KEYS: {0}")]
    Keys(#[from] KeyError),
    #[error("production mode refuses to start: {0}")]
    Production(String),
}

/// Where each setting comes from; tests and the command line pass their own.
pub struct Source {
    values: HashMap<String, String>,
}

impl Source {
    /// The process environment, over the file named by `MITRA_CONFIG` if any.
    pub fn from_env() -> Result<Source, ConfigError> {
        let mut values = HashMap::new();
        if let Ok(path) = std::env::var("MITRA_CONFIG") {
            values.extend(read_file(Path::new(&path))?);
        }
        values.extend(std::env::vars());
        Ok(Source { values })
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Source {
        Source { values: pairs.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect() }
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str).map(str::trim).filter(|value| !value.is_empty())
    }
}

fn read_file(path: &Path) -> Result<HashMap<String, String>, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| ConfigError::File { path: path.display().to_string(), source })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().trim_matches('"').to_owned()))
        .collect())
}

fn flag(source: &Source, key: &'static str) -> Result<bool, ConfigError> {
    Ok(optional_flag(source, key)?.unwrap_or(false))
}

fn optional_flag(source: &Source, key: &'static str) -> Result<Option<bool>, ConfigError> {
    match source.get(key).map(str::to_lowercase).as_deref() {
        None => Ok(None),
        Some("0" | "false" | "no" | "off") => Ok(Some(false)),
        Some("1" | "true" | "yes" | "on") => Ok(Some(true)),
        Some(other) => Err(ConfigError::Invalid { key, message: format!("expected true or false, got `{other}`") }),
    }
}

/// A whole number of `unit`s within `range`, or `default` when unset.
fn whole(
    source: &Source,
    key: &'static str,
    default: u32,
    range: std::ops::RangeInclusive<u32>,
    unit: &str,
) -> Result<u32, ConfigError> {
    match source.get(key) {
        None => Ok(default),
        Some(text) => {
            text.parse::<u32>().ok().filter(|value| range.contains(value)).ok_or_else(|| ConfigError::Invalid {
                key,
                message: format!("expected whole {unit} between {} and {}", range.start(), range.end()),
            })
        }
    }
}

fn minutes(
    source: &Source,
    key: &'static str,
    default: u32,
    range: std::ops::RangeInclusive<u32>,
) -> Result<Duration, ConfigError> {
    whole(source, key, default, range, "minutes").map(|value| Duration::minutes(value.into()))
}

fn seconds(
    source: &Source,
    key: &'static str,
    default: u32,
    range: std::ops::RangeInclusive<u32>,
) -> Result<std::time::Duration, ConfigError> {
    whole(source, key, default, range, "seconds").map(|value| std::time::Duration::from_secs(value.into()))
}

impl Config {
    pub fn load(source: &Source) -> Result<Config, ConfigError> {
        let production = flag(source, "MITRA_PRODUCTION")?;
        let jwt_keys = source.get("MITRA_JWT_KEYS").map(KeySet::parse).transpose()?;
        if production {
            let keys = jwt_keys.as_ref().ok_or_else(|| ConfigError::Production("MITRA_JWT_KEYS is not set".into()))?;
            keys.check_strength().map_err(|err| ConfigError::Production(err.to_string()))?;
        }
        let personal_data_secret = source.get("MITRA_PERSONAL_DATA_KEY").map(str::to_owned);
        if production {
            let secret = personal_data_secret
                .as_deref()
                .ok_or_else(|| ConfigError::Production("MITRA_PERSONAL_DATA_KEY is not set".into()))?;
            strength(secret.as_bytes()).map_err(|_| {
                ConfigError::Production(
                    "MITRA_PERSONAL_DATA_KEY is weak or a default: use `openssl rand -base64 48`".into(),
                )
            })?;
        }
        let audit_signing_seed = source.get("MITRA_AUDIT_SIGNING_KEY").map(str::to_owned);
        if let Some(seed) = &audit_signing_seed {
            checkpoint_seed(seed)
                .map_err(|message| ConfigError::Invalid { key: "MITRA_AUDIT_SIGNING_KEY", message })?;
        } else if production {
            return Err(ConfigError::Production(
                "MITRA_AUDIT_SIGNING_KEY is not set: use `openssl rand -base64 32`".into(),
            ));
        }
        let embedded = source.get("DATABASE_URL").is_none();
        Ok(Config {
            auto_migrate: optional_flag(source, "MITRA_AUTO_MIGRATE")?.unwrap_or(embedded),
            demo_data: optional_flag(source, "MITRA_DEMO_DATA")?.unwrap_or(embedded && !production),
            bind: source.get("MITRA_BIND").unwrap_or("127.0.0.1:8080").to_owned(),
            data_dir: PathBuf::from(source.get("MITRA_DATA_DIR").unwrap_or("data")),
            files_dir: match source.get("MITRA_FILES_DIR") {
                Some(dir) => PathBuf::from(dir),
                None => PathBuf::from(source.get("MITRA_DATA_DIR").unwrap_or("data")).join("files"),
            },
            database_url: source.get("DATABASE_URL").map(str::to_owned),
            production,
            jwt_keys,
            personal_data_secret,
            spa_dir: PathBuf::from(source.get("MITRA_SPA_DIR").unwrap_or("frontend/dist")),
            access_ttl: minutes(source, "MITRA_ACCESS_TOKEN_MINUTES", 15, 1..=60)?,
            refresh_ttl: minutes(source, "MITRA_REFRESH_TOKEN_MINUTES", 14 * 24 * 60, 10..=90 * 24 * 60)?,
            caller_ttl: seconds(source, "MITRA_CALLER_CACHE_SECONDS", 5, 0..=60)?,
            audit_signing_seed,
            checkpoint_every: minutes(source, "MITRA_AUDIT_CHECKPOINT_MINUTES", 60, 1..=24 * 60)?
                .to_std()
                .unwrap_or(std::time::Duration::from_secs(3600)),
            public_requests_per_minute: whole(
                source,
                "MITRA_PUBLIC_REQUESTS_PER_MINUTE",
                120,
                1..=100_000,
                "requests",
            )?,
            database_connections: match source.get("MITRA_DATABASE_CONNECTIONS") {
                None => None,
                Some(_) => Some(whole(source, "MITRA_DATABASE_CONNECTIONS", 0, 2..=1_000, "connections")?),
            },
        })
    }

    /// The database to use: the configured URL, or the embedded SQLite file.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}?mode=rwc", self.data_dir.join("mitra.sqlite").display()),
        }
    }

    pub fn is_embedded(&self) -> bool {
        self.database_url.is_none()
    }

    /// The configured keys, or (development only) a key generated once and kept in the data
    /// folder, so restarting the server does not log everyone out.
    pub fn signing_keys(&self) -> anyhow::Result<KeySet> {
        if let Some(keys) = &self.jwt_keys {
            return Ok(keys.clone());
        }
        let path = self.data_dir.join("jwt-signing.key");
        if let Ok(spec) = std::fs::read_to_string(&path) {
            return Ok(KeySet::parse(spec.trim())?);
        }
        let keys = KeySet::generate();
        write_private(&path, &keys.to_spec())?;
        log::warn!("no MITRA_JWT_KEYS set: generated a signing key in {}", path.display());
        Ok(keys)
    }
}

impl Config {
    /// The key that seals personal data: configured, or (development only) generated once into
    /// the data folder.
    pub fn personal_data_key(&self) -> anyhow::Result<PersonalDataKey> {
        let secret = self.secret_or_generated(
            self.personal_data_secret.as_deref(),
            "personal-data.key",
            "MITRA_PERSONAL_DATA_KEY",
            random_secret,
        )?;
        Ok(PersonalDataKey::from_secret(secret.as_bytes())?)
    }

    /// The key that signs audit checkpoints: configured, or (development only) generated once
    /// into the data folder.
    pub fn checkpoint_key(&self) -> anyhow::Result<CheckpointKey> {
        let seed = self.secret_or_generated(
            self.audit_signing_seed.as_deref(),
            "audit-signing.key",
            "MITRA_AUDIT_SIGNING_KEY",
            || {
                let mut bytes = [0u8; 32];
                rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
                BASE64.encode(bytes)
            },
        )?;
        Ok(CheckpointKey::from_seed(checkpoint_seed(&seed).map_err(anyhow::Error::msg)?))
    }

    /// A configured secret, or (development only; production refuses to start without it) one
    /// generated once into `file` of the data folder and read from there on every start.
    fn secret_or_generated(
        &self,
        configured: Option<&str>,
        file: &str,
        variable: &str,
        generate: impl FnOnce() -> String,
    ) -> anyhow::Result<String> {
        if let Some(secret) = configured {
            return Ok(secret.to_owned());
        }
        let path = self.data_dir.join(file);
        if let Ok(secret) = std::fs::read_to_string(&path) {
            return Ok(secret.trim().to_owned());
        }
        let secret = generate();
        write_private(&path, &secret)?;
        log::warn!("no {variable} set: generated one in {}", path.display());
        Ok(secret)
    }
}

/// The 32-byte seed of an Ed25519 key, from base64.
fn checkpoint_seed(text: &str) -> Result<[u8; 32], String> {
    BASE64
        .decode(text.trim())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| "expected 32 bytes in base64 (`openssl rand -base64 32`)".to_owned())
}

/// Writes a secret readable by the owner only.
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRONG_SECRET: &str = "pQ7x2Lm9Zr4Tb8Nc1Vh6Kj3Wf0Gs5Ed8Yu2Io7Pa4";
    /// 32 bytes in base64.
    const SIGNING_SEED: &str = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    #[test]
    fn development_needs_nothing() {
        let config = Config::load(&Source::from_pairs([])).map_err(|e| e.to_string());
        let config = config.unwrap_or_else(|e| panic!("{e}"));
        assert!(config.is_embedded() && !config.production);
        assert!(config.database_url().starts_with("sqlite://data/mitra.sqlite"));
    }

    #[test]
    fn production_refuses_missing_default_or_weak_keys() {
        for keys in [None, Some("k:changeme"), Some("k:short"), Some("k:secretsecretsecretsecretsecretsecret")] {
            let mut pairs = vec![("MITRA_PRODUCTION", "true"), ("MITRA_PERSONAL_DATA_KEY", STRONG_SECRET)];
            if let Some(keys) = keys {
                pairs.push(("MITRA_JWT_KEYS", keys));
            }
            assert!(Config::load(&Source::from_pairs(pairs)).is_err(), "{keys:?} must be refused");
        }
        let strong =
            [("MITRA_PRODUCTION", "yes"), ("MITRA_JWT_KEYS", "2026-11:Vd8q2Lr7ZpX4mN1cT6bW9yK3hF0sJ5gE8aU2oR7iQ4")];
        assert!(Config::load(&Source::from_pairs(strong)).is_err(), "the personal data key is missing");
        let with_secret = strong.into_iter().chain([("MITRA_PERSONAL_DATA_KEY", STRONG_SECRET)]);
        assert!(Config::load(&Source::from_pairs(with_secret.clone())).is_err(), "the checkpoint key is missing");
        let complete = with_secret.clone().chain([("MITRA_AUDIT_SIGNING_KEY", SIGNING_SEED)]);
        assert!(Config::load(&Source::from_pairs(complete)).is_ok());
        let short_seed = with_secret.chain([("MITRA_AUDIT_SIGNING_KEY", "c2hvcnQ=")]);
        let err = Config::load(&Source::from_pairs(short_seed)).map(|_| ()).map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.contains("MITRA_AUDIT_SIGNING_KEY")));
        let weak_secret = strong.into_iter().chain([
            ("MITRA_PERSONAL_DATA_KEY", "changeme-changeme-changeme-changeme"),
            ("MITRA_AUDIT_SIGNING_KEY", SIGNING_SEED),
        ]);
        assert!(Config::load(&Source::from_pairs(weak_secret)).is_err());
    }

    #[test]
    fn bad_values_name_their_key() {
        let err =
            Config::load(&Source::from_pairs([("MITRA_PRODUCTION", "maybe")])).map(|_| ()).map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.contains("MITRA_PRODUCTION")));
        let err = Config::load(&Source::from_pairs([("MITRA_ACCESS_TOKEN_MINUTES", "0")]))
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.contains("MITRA_ACCESS_TOKEN_MINUTES")));
        for too_few in ["1", "none"] {
            let err = Config::load(&Source::from_pairs([("MITRA_DATABASE_CONNECTIONS", too_few)]))
                .map(|_| ())
                .map_err(|e| e.to_string());
            assert!(err.is_err_and(|e| e.contains("MITRA_DATABASE_CONNECTIONS")));
        }
    }

    #[test]
    fn the_pool_is_the_store_s_own_unless_sized() {
        let load = |pairs: &[(&'static str, &'static str)]| Config::load(&Source::from_pairs(pairs.iter().copied()));
        assert_eq!(load(&[]).map(|config| config.database_connections).ok(), Some(None));
        let sized = load(&[("MITRA_DATABASE_CONNECTIONS", "40")]).map(|config| config.database_connections);
        assert_eq!(sized.ok(), Some(Some(40)));
    }
}
