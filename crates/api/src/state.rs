use std::sync::Arc;

use mitra_domain::checkpoint::CheckpointKey;
use mitra_persistence::Store;
use mitra_persistence::files::FileStore;

use crate::auth::tokens::TokenIssuer;
use crate::public_readers::PublicReaders;

/// What every handler shares: the database, the file store, the token issuer, the key that
/// signs audit checkpoints and the count of the public pages' readers.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub files: FileStore,
    pub tokens: TokenIssuer,
    pub checkpoint_key: Arc<CheckpointKey>,
    pub public_readers: Arc<PublicReaders>,
}
