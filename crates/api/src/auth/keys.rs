//! The keys that sign access tokens. Several can be configured: the first signs, all verify, so
//! a new key can be introduced and an old one retired without logging everyone out.

use std::fmt;

/// One HMAC key, named by the `kid` put in each token's header.
#[derive(Clone)]
pub struct SigningKey {
    pub kid: String,
    pub secret: Vec<u8>,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({}, {} bytes)", self.kid, self.secret.len())
    }
}

#[derive(Debug, Clone)]
pub struct KeySet {
    keys: Vec<SigningKey>,
}

/// Why configured keys were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("no signing key is configured (set MITRA_JWT_KEYS)")]
    Missing,
    #[error("MITRA_JWT_KEYS must be a comma-separated list of kid:secret pairs")]
    Malformed,
    #[error("key `{0}` is weak: use at least 32 random bytes (e.g. `openssl rand -base64 48`)")]
    Weak(String),
    #[error("key `{0}` is a well-known default and must be replaced")]
    Default(String),
    #[error("key id `{0}` is used twice")]
    DuplicateKid(String),
}

/// Why a configured secret is refused in production.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// Shorter than 32 bytes, or fewer than 16 different bytes.
    Weak,
    /// Contains a secret seen in examples.
    Default,
}

/// Whether a configured secret is strong enough for production: long, varied, not an example's.
pub fn strength(secret: &[u8]) -> Result<(), Weakness> {
    let text = String::from_utf8_lossy(secret).to_lowercase();
    if KNOWN_DEFAULTS.iter().any(|default| text.contains(default)) {
        return Err(Weakness::Default);
    }
    let mut distinct = secret.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if secret.len() < 32 || distinct.len() < 16 { Err(Weakness::Weak) } else { Ok(()) }
}

/// 48 random bytes as URL-safe text: a secret for a development server with nothing configured.
pub fn random_secret() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Secrets seen in examples and tutorials; refused in production whatever their length.
const KNOWN_DEFAULTS: &[&str] =
    &["secret", "changeme", "change-me", "please-change", "mitra", "password", "example", "default"];

impl KeySet {
    /// Parses `kid:secret,kid:secret`. The first key signs new tokens.
    pub fn parse(spec: &str) -> Result<KeySet, KeyError> {
        let mut keys: Vec<SigningKey> = Vec::new();
        for part in spec.split(',').map(str::trim).filter(|part| !part.is_empty()) {
            let (kid, secret) = part.split_once(':').ok_or(KeyError::Malformed)?;
            let (kid, secret) = (kid.trim(), secret.trim());
            if kid.is_empty() || secret.is_empty() {
                return Err(KeyError::Malformed);
            }
            if keys.iter().any(|key| key.kid == kid) {
                return Err(KeyError::DuplicateKid(kid.to_owned()));
            }
            keys.push(SigningKey { kid: kid.to_owned(), secret: secret.as_bytes().to_vec() });
        }
        if keys.is_empty() {
            return Err(KeyError::Missing);
        }
        Ok(KeySet { keys })
    }

    /// Production refuses keys that are short, low in variety or copied from an example.
    pub fn check_strength(&self) -> Result<(), KeyError> {
        for key in &self.keys {
            match strength(&key.secret) {
                Ok(()) => {}
                Err(Weakness::Default) => return Err(KeyError::Default(key.kid.clone())),
                Err(Weakness::Weak) => return Err(KeyError::Weak(key.kid.clone())),
            }
        }
        Ok(())
    }

    /// A fresh random key, for a development server with nothing configured.
    pub fn generate() -> KeySet {
        let secret = random_secret();
        let kid = format!("local-{}", &hex::encode(&secret.as_bytes()[..4]));
        KeySet { keys: vec![SigningKey { kid, secret: secret.into_bytes() }] }
    }

    /// The `kid:secret` form, to persist a generated key.
    pub fn to_spec(&self) -> String {
        self.keys
            .iter()
            .map(|key| format!("{}:{}", key.kid, String::from_utf8_lossy(&key.secret)))
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn signing(&self) -> &SigningKey {
        // `parse` and `generate` never build an empty set.
        &self.keys[0]
    }

    pub fn find(&self, kid: &str) -> Option<&SigningKey> {
        self.keys.iter().find(|key| key.kid == kid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRONG: &str = "k1:Q3vT9x2LmP8rW4yZ7bN1cF6hJ0dS5gK2aE9uR3tY8wX";

    #[test]
    fn the_first_key_signs_and_all_verify() {
        let keys = KeySet::parse(&format!("{STRONG},old:another-key-of-sufficient-length-1234567890"))
            .map_err(|e| e.to_string());
        let keys = keys.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(keys.signing().kid, "k1");
        assert!(keys.find("old").is_some());
        assert!(keys.find("nope").is_none());
    }

    #[test]
    fn malformed_and_empty_specs_are_refused() {
        assert_eq!(KeySet::parse("").map(|_| ()), Err(KeyError::Missing));
        assert_eq!(KeySet::parse("nocolon").map(|_| ()), Err(KeyError::Malformed));
        assert_eq!(KeySet::parse("a:x,a:y").map(|_| ()), Err(KeyError::DuplicateKid("a".into())));
    }

    #[test]
    fn production_refuses_weak_and_default_secrets() {
        let check = |spec: &str| KeySet::parse(spec).and_then(|keys| keys.check_strength());
        assert_eq!(check("k:short"), Err(KeyError::Weak("k".into())));
        assert_eq!(check(&format!("k:{}", "ab".repeat(30))), Err(KeyError::Weak("k".into())));
        assert_eq!(check("k:changeme-changeme-changeme-changeme-123456"), Err(KeyError::Default("k".into())));
        assert_eq!(check(STRONG), Ok(()));
        assert_eq!(KeySet::generate().check_strength(), Ok(()));
    }
}
