use mitra_persistence::Store;

use crate::auth::tokens::TokenIssuer;

/// What every handler shares: the database and the token issuer.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub tokens: TokenIssuer,
}
