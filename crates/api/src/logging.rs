//! Logging with env_logger: `info` by default (one line per request), `RUST_LOG` to change it.

pub fn init() {
    let env = env_logger::Env::default().default_filter_or("info,sqlx=warn,sea_orm=warn");
    let _ = env_logger::Builder::from_env(env).format_timestamp_millis().try_init();
}
