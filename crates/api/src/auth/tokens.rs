//! Access tokens (short-lived JWTs) and refresh tokens (random, stored only as a hash).

use base64::Engine;
use chrono::{Duration, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::keys::KeySet;
use crate::problem::{ApiError, ProblemCode};

pub const ISSUER: &str = "mitra";
pub const AUDIENCE: &str = "mitra-api";
/// The only algorithm accepted: a token claiming another (`none`, RS256 with our secret as a
/// public key) is refused before its signature is even looked at.
const ALGORITHM: Algorithm = Algorithm::HS256;
const ACCESS_TYPE: &str = "access";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The user's id.
    pub sub: Uuid,
    /// The user's organisation: the scope of every request made with this token.
    pub org: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub jti: Uuid,
    /// Always "access": jsonwebtoken never checks `typ`, so the kind is a claim we check.
    pub token_use: String,
}

#[derive(Debug, Clone)]
pub struct TokenIssuer {
    keys: KeySet,
    access_ttl: Duration,
    refresh_ttl: Duration,
}

impl TokenIssuer {
    pub fn new(keys: KeySet, access_ttl: Duration, refresh_ttl: Duration) -> Self {
        Self { keys, access_ttl, refresh_ttl }
    }

    pub fn access_ttl(&self) -> Duration {
        self.access_ttl
    }

    pub fn refresh_ttl(&self) -> Duration {
        self.refresh_ttl
    }

    pub fn issue_access(&self, user_id: Uuid, organisation_id: Uuid) -> Result<String, ApiError> {
        let now = Utc::now();
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id,
            org: organisation_id,
            iat: now.timestamp(),
            exp: (now + self.access_ttl).timestamp(),
            jti: Uuid::now_v7(),
            token_use: ACCESS_TYPE.into(),
        };
        let key = self.keys.signing();
        let header = Header { kid: Some(key.kid.clone()), ..Header::new(ALGORITHM) };
        encode(&header, &claims, &EncodingKey::from_secret(&key.secret)).map_err(ApiError::internal)
    }

    /// Checks signature, algorithm, issuer, audience, expiry and kind. Expiry is reported apart
    /// so that a client knows a refresh will help.
    pub fn verify_access(&self, token: &str) -> Result<AccessClaims, ApiError> {
        let header = decode_header(token).map_err(|_| ApiError::invalid_token())?;
        if header.alg != ALGORITHM {
            return Err(ApiError::invalid_token());
        }
        let key = header.kid.as_deref().and_then(|kid| self.keys.find(kid)).ok_or_else(ApiError::invalid_token)?;
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let data = decode::<AccessClaims>(token, &DecodingKey::from_secret(&key.secret), &validation).map_err(
            |err| match err.kind() {
                ErrorKind::ExpiredSignature => ApiError::new(
                    actix_web::http::StatusCode::UNAUTHORIZED,
                    ProblemCode::TokenExpired,
                    "the access token has expired; refresh it",
                ),
                _ => ApiError::invalid_token(),
            },
        )?;
        if data.claims.token_use != ACCESS_TYPE {
            return Err(ApiError::invalid_token());
        }
        Ok(data.claims)
    }
}

/// A new refresh token: 256 random bits, URL-safe.
pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a refresh token.
pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer(spec: &str) -> TokenIssuer {
        let keys = KeySet::parse(spec).unwrap_or_else(|_| KeySet::generate());
        TokenIssuer::new(keys, Duration::minutes(15), Duration::days(14))
    }

    const KEYS: &str = "new:0123456789abcdefghijklmnopqrstuvwxyzABCD,old:ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxw";

    #[test]
    fn a_fresh_token_verifies() {
        let tokens = issuer(KEYS);
        let (user, org) = (Uuid::now_v7(), Uuid::now_v7());
        let claims = tokens.issue_access(user, org).and_then(|t| tokens.verify_access(&t)).map_err(|e| e.code());
        assert_eq!(claims.map(|c| (c.sub, c.org)), Ok((user, org)));
    }

    #[test]
    fn tokens_signed_by_a_retired_signing_key_still_verify_while_it_is_listed() {
        let old_signer = issuer("old:ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxw");
        let token = old_signer.issue_access(Uuid::now_v7(), Uuid::now_v7()).map_err(|e| e.code());
        let token = token.unwrap_or_default();
        assert!(issuer(KEYS).verify_access(&token).is_ok());
        let dropped = issuer("new:0123456789abcdefghijklmnopqrstuvwxyzABCD");
        assert_eq!(dropped.verify_access(&token).map(|_| ()).map_err(|e| e.code()), Err(ProblemCode::InvalidToken));
    }

    #[test]
    fn expired_tokens_say_so() {
        let tokens = TokenIssuer::new(
            KeySet::parse(KEYS).unwrap_or_else(|_| KeySet::generate()),
            Duration::minutes(-10),
            Duration::days(1),
        );
        let token = tokens.issue_access(Uuid::now_v7(), Uuid::now_v7()).map_err(|e| e.code()).unwrap_or_default();
        assert_eq!(tokens.verify_access(&token).map(|_| ()).map_err(|e| e.code()), Err(ProblemCode::TokenExpired));
    }

    #[test]
    fn tampered_and_unsigned_tokens_are_refused() {
        let tokens = issuer(KEYS);
        let token = tokens.issue_access(Uuid::now_v7(), Uuid::now_v7()).map_err(|e| e.code()).unwrap_or_default();
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        parts[2] = "AAAA".into();
        assert!(tokens.verify_access(&parts.join(".")).is_err());
        let none_header =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT","kid":"new"}"#);
        assert!(tokens.verify_access(&format!("{none_header}.{}.", parts[1])).is_err());
        assert!(tokens.verify_access("not-a-jwt").is_err());
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let (a, b) = (new_refresh_token(), new_refresh_token());
        assert_ne!(a, b);
        assert_eq!(hash_refresh_token(&a).len(), 64);
        assert_ne!(hash_refresh_token(&a), a);
    }
}
