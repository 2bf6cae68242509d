use std::sync::Arc;

use mitra_domain::checkpoint::CheckpointKey;
use mitra_persistence::Store;
use mitra_persistence::files::FileStore;

use crate::auth::tokens::TokenIssuer;

/// What every handler shares: the database, the file store, the token issuer and the key that
/// signs audit checkpoints.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub files: FileStore,
    pub tokens: TokenIssuer,
    pub checkpoint_key: Arc<CheckpointKey>,
}
