//! Personal data at rest: a journalist's NIK is sealed (AES-256-GCM) with a key from the
//! configuration, found again through a keyed hash (HMAC-SHA256) so that uniqueness can be
//! enforced without storing the number readably, and shown only as its last four digits.
//! A stolen database yields neither the numbers nor a way to test guesses against them.

use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm};
use hmac::{Hmac, Mac};
use mitra_domain::registry::Nik;
use sha2::Sha256;

/// The shortest secret accepted: 256 bits.
pub const MIN_SECRET_BYTES: usize = 32;

/// The keys derived from the configured secret: one seals, the other hashes for lookups.
#[derive(Clone)]
pub struct PersonalDataKey {
    cipher: Aes256Gcm,
    lookup: Hmac<Sha256>,
}

impl std::fmt::Debug for PersonalDataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonalDataKey(***)")
    }
}

/// A secret shorter than [`MIN_SECRET_BYTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the personal data key must be at least {MIN_SECRET_BYTES} bytes")]
pub struct WeakKey;

/// A NIK as the database keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SealedNik {
    /// Nonce followed by ciphertext and tag.
    pub sealed: Vec<u8>,
    /// Keyed hash, hex: equal for equal numbers under one key, useless without it.
    pub lookup: String,
    pub last_four: String,
}

impl PersonalDataKey {
    /// Derives the two keys from one configured secret, each for its own purpose.
    pub fn from_secret(secret: &[u8]) -> Result<Self, WeakKey> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(WeakKey);
        }
        let derive = |purpose: &[u8]| {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).map_err(|_| WeakKey)?;
            mac.update(purpose);
            Ok::<_, WeakKey>(mac.finalize().into_bytes())
        };
        let cipher = Aes256Gcm::new_from_slice(&derive(b"mitra personal data: sealing")?).map_err(|_| WeakKey)?;
        let lookup =
            <Hmac<Sha256> as Mac>::new_from_slice(&derive(b"mitra personal data: lookup")?).map_err(|_| WeakKey)?;
        Ok(PersonalDataKey { cipher, lookup })
    }

    pub(crate) fn lookup(&self, nik: &Nik) -> String {
        let mut mac = self.lookup.clone();
        mac.update(nik.expose().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    pub(crate) fn seal(&self, nik: &Nik) -> Result<SealedNik, aes_gcm::Error> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let ciphertext = self.cipher.encrypt(&nonce, nik.expose().as_bytes())?;
        let mut sealed = nonce.to_vec();
        sealed.extend(ciphertext);
        Ok(SealedNik { sealed, lookup: self.lookup(nik), last_four: nik.last_four() })
    }
}

#[cfg(test)]
mod tests {
    use aes_gcm::Nonce;

    use super::*;

    fn key(byte: u8) -> PersonalDataKey {
        PersonalDataKey::from_secret(&[byte; 32]).unwrap()
    }

    #[test]
    fn a_sealed_nik_opens_only_with_its_key_and_shows_four_digits() {
        let nik = Nik::parse("1602041506900003").unwrap();
        let sealed = key(7).seal(&nik).unwrap();
        assert_eq!(sealed.last_four, "0003");
        assert!(!sealed.sealed.windows(16).any(|w| w == nik.expose().as_bytes()), "not stored readably");
        let (nonce, ciphertext) = sealed.sealed.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().unwrap();
        let opened = key(7).cipher.decrypt(&Nonce::from(nonce), ciphertext).unwrap();
        assert_eq!(opened, nik.expose().as_bytes());
        assert!(key(8).cipher.decrypt(&Nonce::from(nonce), ciphertext).is_err());
        assert_ne!(key(7).seal(&nik).unwrap().sealed, sealed.sealed, "a fresh nonce every time");
    }

    #[test]
    fn the_lookup_is_stable_under_one_key_and_differs_under_another() {
        let nik = Nik::parse("1602041506900003").unwrap();
        assert_eq!(key(7).lookup(&nik), key(7).lookup(&nik));
        assert_ne!(key(7).lookup(&nik), key(8).lookup(&nik));
        assert_eq!(PersonalDataKey::from_secret(&[1; 31]).err(), Some(WeakKey));
    }
}
