use std::sync::Arc;

use mitra_domain::checkpoint::CheckpointKey;
use mitra_persistence::files::FileStore;
use mitra_persistence::idempotency::{Answer, Claim, KeyUse, StoredResponse};
use mitra_persistence::orders::IssueRequest;
use mitra_persistence::{Store, StoreError};

use crate::auth::tokens::TokenIssuer;
use crate::public_readers::PublicReaders;
use crate::together::Together;

/// What every handler shares: the database, the file store, the token issuer, the key that
/// signs audit checkpoints, the count of the public pages' readers, and the queues of the
/// writes each organisation's requests make together.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub files: FileStore,
    pub tokens: TokenIssuer,
    pub checkpoint_key: Arc<CheckpointKey>,
    pub public_readers: Arc<PublicReaders>,
    /// Orders being issued (`orders::issue_group`).
    pub issuing: Arc<Together<(KeyUse, IssueRequest), Result<Answer, StoreError>>>,
    /// Idempotency keys being claimed, and answers being kept with their keys.
    pub key_claims: Arc<Together<KeyUse, Result<Claim, StoreError>>>,
    pub key_answers: Arc<Together<(KeyUse, StoredResponse), Result<Answer, StoreError>>>,
}
