//! The OpenAPI document, built from the same route registration that serves requests.

use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi as OpenApiDoc, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use crate::problem::{FieldError, PROBLEM_JSON, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mitra API",
        description = "Publication partnerships between a regional government and the press: \
            registry, applications, agreements, orders, proofs, finance and the audit trail. \
            Every error is `application/problem+json` with a stable `code`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Logging in and out, refreshing sessions"),
        (name = "session", description = "The signed-in user"),
        (name = "organisation", description = "The caller's organisation and its units"),
        (name = "users", description = "User management (admins)"),
        (name = "audit", description = "The hash-chained audit trail (auditors and admins)"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("Access token from POST /api/v1/auth/login"))
                    .build(),
            ),
        );
    }
}

/// Adds the problem responses every operation can give, so that each operation documents them
/// without each handler repeating them: 400 for bad input, 401/403 where a token is required,
/// 404 where the path names a record, 500 everywhere. Runs after the routes are collected.
pub fn document_problems(mut openapi: OpenApiDoc) -> OpenApiDoc {
    openapi.info.version = env!("CARGO_PKG_VERSION").to_owned();
    for (path, item) in openapi.paths.paths.iter_mut() {
        let names_a_record = path.contains('{');
        for operation in
            [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
        {
            add_problems(operation, names_a_record);
        }
    }
    openapi
}

fn add_problems(operation: &mut Operation, names_a_record: bool) {
    let secured = operation.security.as_ref().is_some_and(|requirements| {
        requirements
            .iter()
            .any(|req| serde_json::to_value(req).is_ok_and(|v| v.as_object().is_some_and(|o| !o.is_empty())))
    });
    let takes_input = operation.request_body.is_some() || operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let mut add = |status: &str, description: &str| {
        operation.responses.responses.entry(status.to_owned()).or_insert_with(|| problem_response(description));
    };
    if takes_input {
        add(
            "400",
            "Invalid input (`validation_failed`, `malformed_json`, `invalid_query_parameter`, `invalid_path_parameter`)",
        );
    }
    if operation.request_body.is_some() {
        add("413", "Body too large (`payload_too_large`)");
        add("415", "Body is not JSON (`unsupported_media_type`)");
    }
    if secured {
        add("401", "Missing, invalid or expired access token (`unauthenticated`, `invalid_token`, `token_expired`)");
        add("403", "The caller's role does not allow this (`forbidden`)");
    }
    if names_a_record {
        add("404", "No such record in the caller's organisation (`not_found`)");
    }
    add("500", "Unexpected failure (`internal_error`); the body reveals nothing internal");
}

fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(PROBLEM_JSON, ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build())
            .build(),
    )
}
