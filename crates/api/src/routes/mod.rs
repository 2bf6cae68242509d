//! The HTTP routes, one module per business area, all under `/api/v1` but health checks.

pub mod agreements;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod budget;
pub mod content;
pub mod finance;
pub mod health;
pub mod history;
pub mod letters;
pub mod me;
pub mod open_data;
pub mod orders;
pub mod policy;
pub mod proofs;
pub mod registry;
pub mod reports;
pub mod transparency;
pub mod units;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every `/api/v1` operation; the OpenAPI document is built from this same list.
///
/// The router tries the routes in the order they are registered, and matches a path template
/// (`/orders/{id}`) with a regular expression: every literal path comes first, so that a request
/// for one never pays for the templates, and so that a literal (`/policy-versions/current`) is
/// never taken for a template's parameter.
pub fn api_v1(cfg: &mut ServiceConfig) {
    literal_paths(cfg);
    path_templates(cfg);
}

/// The operations at a literal path, area by area.
fn literal_paths(cfg: &mut ServiceConfig) {
    cfg.service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(me::me)
        .service(me::get_organisation)
        .service(units::list_units)
        .service(units::create_unit)
        .service(users::list_users)
        .service(users::create_user)
        .service(audit::verify_chain)
        .service(audit::list_audit_events)
        .service(audit::list_audit_checkpoints)
        .service(audit::sign_audit_checkpoint)
        .service(audit::get_checkpoint_key)
        .service(reports::realisation_report)
        .service(reports::agreements_report)
        .service(reports::orders_by_state_report)
        .service(reports::owed_report)
        .service(reports::fairness_report)
        .service(reports::disclosure_report)
        .service(reports::exceptions_report)
        .service(history::list_history_imports)
        .service(transparency::list_public_organisations)
        .service(open_data::get_open_data_settings)
        .service(open_data::put_open_data_settings)
        .service(policy::list_presets)
        .service(policy::list_regulations)
        .service(policy::create_regulation)
        .service(policy::list_policy_versions)
        .service(policy::get_current_policy_version)
        .service(policy::create_policy_version)
        .service(registry::list_press_companies)
        .service(registry::create_press_company)
        .service(registry::list_outlets)
        .service(registry::create_outlet)
        .service(registry::create_newsroom_person)
        .service(applications::list_registration_windows)
        .service(applications::create_registration_window)
        .service(applications::list_applications)
        .service(applications::lapse_applications)
        .service(applications::create_application)
        .service(applications::list_expiring_documents)
        .service(budget::list_budget_lines)
        .service(budget::create_budget_line)
        .service(budget::get_budget_summary)
        .service(agreements::list_agreements)
        .service(agreements::create_agreement)
        .service(orders::list_orders)
        .service(orders::issue_order)
        .service(finance::list_invoices)
        .service(finance::record_invoice)
        .service(finance::list_owed)
        .service(content::list_content_items)
        .service(content::create_content_item)
        .service(letters::get_letterhead)
        .service(letters::update_letterhead);
}

/// The operations at a path template, area by area.
fn path_templates(cfg: &mut ServiceConfig) {
    cfg.service(units::get_unit)
        .service(units::update_unit)
        .service(users::get_user)
        .service(users::update_user)
        .service(users::disable_user)
        .service(users::enable_user)
        .service(users::reset_password)
        .service(history::import_history)
        .service(history::get_history_record)
        .service(transparency::get_public_organisation)
        .service(transparency::get_public_year)
        .service(open_data::open_data_release_package)
        .service(open_data::open_data_record_package)
        .service(policy::get_preset)
        .service(policy::get_regulation)
        .service(policy::update_regulation)
        .service(policy::get_policy_version)
        .service(policy::update_policy_version)
        .service(registry::get_press_company)
        .service(registry::update_press_company)
        .service(registry::decide_press_company_status)
        .service(registry::list_press_council_records)
        .service(registry::record_press_council_check)
        .service(registry::list_bank_accounts)
        .service(registry::create_bank_account)
        .service(registry::verify_bank_account)
        .service(registry::list_newsroom_people)
        .service(registry::get_outlet)
        .service(registry::update_outlet)
        .service(registry::judge_outlet_eligibility)
        .service(registry::get_newsroom_person)
        .service(registry::update_newsroom_person)
        .service(applications::get_registration_window)
        .service(applications::update_registration_window)
        .service(applications::get_application)
        .service(applications::list_application_steps)
        .service(applications::get_application_readiness)
        .service(applications::submit_application)
        .service(applications::withdraw_application)
        .service(applications::start_application_review)
        .service(applications::request_application_revision)
        .service(applications::verify_application)
        .service(applications::reject_application)
        .service(applications::approve_application)
        .service(applications::score_application)
        .service(applications::list_application_documents)
        .service(applications::upload_application_document)
        .service(applications::get_application_document)
        .service(applications::download_application_document)
        .service(applications::review_application_document)
        .service(applications::get_site_visit)
        .service(applications::record_site_visit)
        .service(applications::get_site_visit_by_id)
        .service(applications::replace_site_visit)
        .service(applications::list_site_visit_photos)
        .service(applications::add_site_visit_photo)
        .service(applications::download_site_visit_photo)
        .service(budget::get_budget_line)
        .service(budget::update_budget_line)
        .service(budget::revise_budget_line)
        .service(budget::list_budget_line_revisions)
        .service(agreements::get_agreement)
        .service(agreements::update_agreement)
        .service(agreements::amend_agreement)
        .service(agreements::list_agreement_amendments)
        .service(agreements::activate_agreement)
        .service(agreements::complete_agreement)
        .service(agreements::terminate_agreement)
        .service(agreements::expire_agreement)
        .service(orders::get_order)
        .service(orders::accept_order)
        .service(orders::decline_order)
        .service(orders::cancel_order)
        .service(proofs::list_order_proofs)
        .service(proofs::submit_proof)
        .service(proofs::get_proof)
        .service(proofs::review_proof)
        .service(proofs::add_proof_file)
        .service(proofs::download_proof_file)
        .service(proofs::verify_order_proof)
        .service(proofs::reject_order_proof)
        .service(finance::get_invoice)
        .service(finance::accept_invoice)
        .service(finance::pay_invoice)
        .service(content::get_content_item)
        .service(content::update_content_item)
        .service(content::list_content_attachments)
        .service(content::add_content_attachment)
        .service(content::download_content_attachment)
        .service(letters::agreement_letter)
        .service(letters::order_letter);
}

/// Operations outside the versioned API: process and database health.
pub fn root(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz).service(health::readyz);
}
