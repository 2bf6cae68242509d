//! Signed audit checkpoints: the server signs each organisation's chain head (sequence, hash,
//! time) with an Ed25519 key, and publishes the signatures.
//!
//! The hash chain detects an event edited or deleted by anyone who cannot also recompute every
//! later hash and the organisation's head. A database superuser can: rewritten consistently, the
//! chain verifies again. A checkpoint held outside the database (by an auditor, in a report)
//! pins the hash the chain had at its sequence; a chain rewritten at or before that sequence no
//! longer reaches it, whatever was recomputed. The signature says the server vouched for that
//! head at that time, so a checkpoint cannot be forged to fit a rewritten chain.

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The name of the signature scheme, as published with each checkpoint.
pub const ALGORITHM: &str = "Ed25519";

/// What a checkpoint vouches for: an organisation's chain head at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub organisation_id: Uuid,
    /// The sequence of the newest event; 0 for an empty chain.
    pub sequence: i64,
    /// That event's hash.
    pub hash: String,
    pub signed_at: DateTime<Utc>,
}

impl ChainHead {
    /// The exact bytes signed: one labelled line per field, so that anyone can rebuild them from
    /// a published checkpoint and check the signature with any Ed25519 tool.
    pub fn signed_text(&self) -> String {
        format!(
            "mitra audit checkpoint v1\norganisation {}\nsequence {}\nhash {}\nsigned_at {}\n",
            self.organisation_id,
            self.sequence,
            self.hash,
            self.signed_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        )
    }
}

/// The server's checkpoint key (the private half never leaves this value).
pub struct CheckpointKey {
    key: SigningKey,
}

impl std::fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckpointKey").field("key_id", &self.key_id()).finish_non_exhaustive()
    }
}

impl CheckpointKey {
    /// The key from its 32-byte seed.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        CheckpointKey { key: SigningKey::from_bytes(&seed) }
    }

    /// The public key, hex: what an auditor keeps to check signatures.
    pub fn public_key(&self) -> String {
        hex::encode(self.key.verifying_key().as_bytes())
    }

    /// A short name of the key: the first 16 hex digits of the SHA-256 of the public key.
    pub fn key_id(&self) -> String {
        key_id_of(self.key.verifying_key().as_bytes())
    }

    /// The signature of `head`, hex.
    pub fn sign(&self, head: &ChainHead) -> String {
        hex::encode(self.key.sign(head.signed_text().as_bytes()).to_bytes())
    }
}

fn key_id_of(public_key: &[u8]) -> String {
    hex::encode(&Sha256::digest(public_key)[..8])
}

/// Why a presented signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the public key is not 32 bytes of hex")]
    MalformedKey,
    #[error("the signature is not 64 bytes of hex")]
    MalformedSignature,
    #[error("the signature does not match the checkpoint: it was altered or signed by another key")]
    Mismatch,
}

/// Checks `signature` (hex) over `head` with `public_key` (hex).
pub fn verify_signature(head: &ChainHead, public_key: &str, signature: &str) -> Result<(), SignatureError> {
    let key: [u8; 32] =
        hex::decode(public_key).ok().and_then(|bytes| bytes.try_into().ok()).ok_or(SignatureError::MalformedKey)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| SignatureError::MalformedKey)?;
    let signature: [u8; 64] = hex::decode(signature)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(SignatureError::MalformedSignature)?;
    key.verify(head.signed_text().as_bytes(), &Signature::from_bytes(&signature)).map_err(|_| SignatureError::Mismatch)
}

/// The key id of a public key given in hex, if it is one.
pub fn key_id_of_public_key(public_key: &str) -> Option<String> {
    hex::decode(public_key).ok().filter(|bytes| bytes.len() == 32).map(|bytes| key_id_of(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head() -> ChainHead {
        ChainHead {
            organisation_id: Uuid::nil(),
            sequence: 42,
            hash: "ab".repeat(32),
            signed_at: DateTime::from_timestamp(1_790_000_000, 123_456_000).unwrap_or_default(),
        }
    }

    #[test]
    fn a_signature_holds_for_the_head_it_was_made_for_only() {
        let key = CheckpointKey::from_seed([7; 32]);
        let signature = key.sign(&head());
        assert_eq!(verify_signature(&head(), &key.public_key(), &signature), Ok(()));
        let moved = ChainHead { sequence: 43, ..head() };
        assert_eq!(verify_signature(&moved, &key.public_key(), &signature), Err(SignatureError::Mismatch));
        let rehashed = ChainHead { hash: "cd".repeat(32), ..head() };
        assert_eq!(verify_signature(&rehashed, &key.public_key(), &signature), Err(SignatureError::Mismatch));
        let other = CheckpointKey::from_seed([8; 32]);
        assert_eq!(verify_signature(&head(), &other.public_key(), &signature), Err(SignatureError::Mismatch));
    }

    #[test]
    fn malformed_keys_and_signatures_are_named() {
        let key = CheckpointKey::from_seed([7; 32]);
        assert_eq!(verify_signature(&head(), "zz", &key.sign(&head())), Err(SignatureError::MalformedKey));
        assert_eq!(verify_signature(&head(), &key.public_key(), "00"), Err(SignatureError::MalformedSignature));
    }

    #[test]
    fn the_signed_text_names_every_field() {
        let text = head().signed_text();
        assert_eq!(
            text,
            "mitra audit checkpoint v1\norganisation 00000000-0000-0000-0000-000000000000\nsequence 42\n\
             hash abababababababababababababababababababababababababababababababab\n\
             signed_at 2026-09-21T14:13:20.123456Z\n"
        );
    }

    #[test]
    fn the_key_id_is_derived_from_the_public_key() {
        let key = CheckpointKey::from_seed([7; 32]);
        assert_eq!(key.key_id().len(), 16);
        assert_eq!(key_id_of_public_key(&key.public_key()), Some(key.key_id()));
        assert_eq!(key_id_of_public_key("00"), None);
    }
}
