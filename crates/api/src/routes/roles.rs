use mitra_domain::access::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A user's role; it decides what they may do (see `permissions` of `GET /me`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = Role)]
pub enum RoleName {
    Admin,
    Verifier,
    Officer,
    Treasurer,
    Auditor,
}

impl From<Role> for RoleName {
    fn from(role: Role) -> Self {
        match role {
            Role::Admin => RoleName::Admin,
            Role::Verifier => RoleName::Verifier,
            Role::Officer => RoleName::Officer,
            Role::Treasurer => RoleName::Treasurer,
            Role::Auditor => RoleName::Auditor,
        }
    }
}

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Self {
        match role {
            RoleName::Admin => Role::Admin,
            RoleName::Verifier => Role::Verifier,
            RoleName::Officer => Role::Officer,
            RoleName::Treasurer => Role::Treasurer,
            RoleName::Auditor => Role::Auditor,
        }
    }
}
