use mitra_persistence::Store;
use mitra_persistence::files::FileStore;

use crate::auth::tokens::TokenIssuer;

/// What every handler shares: the database, the file store and the token issuer.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub files: FileStore,
    pub tokens: TokenIssuer,
}
