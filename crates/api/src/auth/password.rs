//! Password hashing with argon2id. A check costs tens of milliseconds of CPU on purpose, so it
//! runs on the blocking pool and never stalls the request workers.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use mitra_domain::identity::Password;
use std::sync::OnceLock;

use crate::problem::ApiError;

pub async fn hash(password: Password) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_now(password.expose()))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)
}

/// Hashes on the calling thread: for the command line and start-up, not request handlers.
pub fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| anyhow::anyhow!("hashing failed: {err}"))
}

/// Checks `password` against `stored`. With no stored hash (unknown user) a dummy hash is still
/// checked, so a response's timing does not reveal which usernames exist.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, ApiError> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let matches = PasswordHash::new(&stored)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        known && matches
    })
    .await
    .map_err(ApiError::internal)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("not-a-password-of-anyone").unwrap_or_default())
}

/// A random password for new demo users and resets from the command line: 20 characters from
/// an alphabet without look-alikes (no 0/O, 1/l/I), so it can be read aloud or copied by hand.
pub fn generate() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_salted() {
        let a = hash_now("kopi-pagi-di-kayuagung").unwrap_or_default();
        let b = hash_now("kopi-pagi-di-kayuagung").unwrap_or_default();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b);
    }

    #[test]
    fn generated_passwords_meet_the_policy() {
        for _ in 0..50 {
            let password = generate();
            assert!(mitra_domain::identity::Password::parse(&password).is_ok(), "{password}");
        }
    }
}
