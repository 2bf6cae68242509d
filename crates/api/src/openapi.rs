//! The OpenAPI document, built from the same route registration that serves requests.

use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi as OpenApiDoc, Ref, RefOr, ResponseBuilder};
use utoipa::openapi::{ObjectBuilder, Required, Type};
use utoipa::{Modify, OpenApi};

use mitra_domain::ViolationCode;
use mitra_domain::access::{Action, Role};
use mitra_domain::audit::{AuditAction, ChainFault, EntityType};
use mitra_domain::reports::{FairnessDimension, RealisationDimension, ReportFormat};

use crate::problem::{FieldError, PROBLEM_JSON, Problem, ProblemCode};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mitra API",
        description = "Publication partnerships between a regional government and the press: \
            registry, applications, agreements, orders, proofs, finance and the audit trail. \
            Every error is `application/problem+json` with a stable `code`. Each operation's \
            `security` says who may call it: nobody needs a token for `[{}]`, any signed-in user \
            may call `bearer: []`, and `bearer: [\"units.manage\"]` needs a role holding that \
            permission.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    components(schemas(
        Problem, FieldError, ProblemCode, ViolationCode, Role, Action, AuditAction, EntityType, ChainFault,
        RealisationDimension, FairnessDimension, ReportFormat
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Logging in and out, refreshing sessions"),
        (name = "session", description = "The signed-in user"),
        (name = "organisation", description = "The caller's organisation and its units"),
        (name = "users", description = "User management (admins)"),
        (name = "audit", description = "The hash-chained audit trail (auditors and admins)"),
        (name = "reports", description = "Reports for auditors and the head of office, as JSON or CSV with the same numbers"),
        (name = "open-data", description = "Open data: the organisation's contracting as Open Contracting (OCDS 1.1) release and record packages per fiscal year, and their publication settings"),
        (name = "policy", description = "Policy as data: presets, regulations and policy versions per fiscal year"),
        (name = "registry", description = "The press registry: companies, outlets, newsrooms, Press Council checks, bank accounts"),
        (name = "applications", description = "The yearly call: registration windows, applications and their steps, documents and their review, site visits, readiness"),
        (name = "budget", description = "Budget lines per unit and fiscal year: ceilings, revisions, and what is allocated, committed, realised and left"),
        (name = "agreements", description = "Agreements with approved companies: priced from the rate card, negotiated, numbered, signed, amended, ended"),
        (name = "content", description = "The content bank: press releases and materials, with their files, that orders ask the press to publish"),
        (name = "orders", description = "Written orders under active agreements, within every ceiling; `Idempotency-Key` required to issue"),
        (name = "proofs", description = "Proofs of publication: handed in, reviewed, and each order's proof decided"),
        (name = "finance", description = "Invoices, the acceptance record (BAST), payments with PPh 23 withheld, and what is owed; `Idempotency-Key` required to record an invoice or a payment"),
        (name = "history", description = "Earlier years' records (companies, agreements, orders, payments) imported from CSV, previewed first, stored whole or not at all; the exceptions report is drawn from them"),
        (name = "transparency", description = "Public, without signing in: each organisation's partners, agreements and what each outlet was paid, per year; nothing personal; rate-limited per address and cacheable"),
        (name = "letters", description = "Official letters as PDF (the agreement and the order letter) and the organisation's letterhead printed on them"),
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
                    .description(Some(
                        "Access token from POST /api/v1/auth/login. An operation's requirement lists the \
                         permission (`Permission`) the caller's role must hold, if any.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Adds the problem responses every operation can give, so that each operation documents them
/// without each handler repeating them: 400 for bad input, 401 where a token is required, 403
/// where a permission is, 404 where the path names a record, 500 everywhere. Runs after the
/// routes are collected.
pub fn document_problems(mut openapi: OpenApiDoc) -> OpenApiDoc {
    openapi.info.version = env!("CARGO_PKG_VERSION").to_owned();
    for (path, item) in openapi.paths.paths.iter_mut() {
        let names_a_record = path.contains('{');
        for operation in
            [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
        {
            add_problems(operation, names_a_record);
        }
        if let Some(post) = item.post.as_mut() {
            accept_idempotency_key(post);
        }
    }
    openapi
}

fn add_problems(operation: &mut Operation, names_a_record: bool) {
    let requirements = serde_json::to_value(&operation.security).unwrap_or_default();
    let schemes: Vec<&serde_json::Value> =
        requirements.as_array().into_iter().flatten().filter_map(|req| req.get("bearer")).collect();
    let secured = !schemes.is_empty();
    let needs_permission = schemes.iter().any(|roles| roles.as_array().is_some_and(|r| !r.is_empty()));
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
    }
    if needs_permission {
        add("403", "The caller's role does not hold the permission this operation requires (`forbidden`)");
    }
    if names_a_record {
        add("404", "No such record in the caller's organisation (`not_found`)");
    }
    add("500", "Unexpected failure (`internal_error`); the body reveals nothing internal");
}

/// Every signed-in POST accepts an `Idempotency-Key` (see `idempotency.rs`); operations that move
/// money declare it required themselves, and keep their declaration.
fn accept_idempotency_key(operation: &mut Operation) {
    let secured = serde_json::to_value(&operation.security)
        .ok()
        .and_then(|value| value.as_array().cloned())
        .is_some_and(|requirements| requirements.iter().any(|req| req.get("bearer").is_some()));
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    if !secured || parameters.iter().any(|p| matches!(p, RefOr::T(param) if param.name == crate::idempotency::HEADER)) {
        return;
    }
    parameters.push(RefOr::T(
        ParameterBuilder::new()
            .name(crate::idempotency::HEADER)
            .parameter_in(ParameterIn::Header)
            .required(Required::False)
            .description(Some(
                "Optional: a retry with the same key answers the first response instead of acting twice \
                 (kept 24 hours; the same key with another request is refused with 422)",
            ))
            .schema(Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .min_length(Some(1))
                    .max_length(Some(crate::idempotency::MAX_KEY)),
            ))
            .build(),
    ));
}

fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(PROBLEM_JSON, ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build())
            .build(),
    )
}
