//! Who is calling: passwords, tokens, and the authenticated caller of a request.

mod caller;
pub mod keys;
pub mod password;
pub mod tokens;

pub use caller::Caller;
