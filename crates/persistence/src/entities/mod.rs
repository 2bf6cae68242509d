//! Table rows as sea-orm sees them. Never serialised to clients: each area maps rows into its
//! own records, and the API into its own types. Rows that the audit trail records derive
//! `Serialize`, with every secret column skipped explicitly.

pub mod agreement;
pub mod agreement_amendment;
pub mod agreement_line;
pub mod application;
pub mod application_document;
pub mod application_step;
pub mod audit_checkpoint;
pub mod audit_event;
pub mod bank_account;
pub mod budget_line;
pub mod budget_line_revision;
pub mod content_attachment;
pub mod content_item;
pub mod history_agreement;
pub mod history_batch;
pub mod history_company;
pub mod history_order;
pub mod history_payment;
pub mod idempotency_key;
pub mod invoice;
pub mod invoice_line;
pub mod letterhead;
pub mod login_failure;
pub mod newsroom_person;
pub mod number_sequence;
pub mod open_data_settings;
pub mod order;
pub mod organisation;
pub mod outlet;
pub mod payment;
pub mod policy_version;
pub mod press_company;
pub mod press_council_record;
pub mod proof;
pub mod proof_file;
pub mod proof_fingerprint;
pub mod refresh_token;
pub mod registration_window;
pub mod regulation;
pub mod site_visit;
pub mod site_visit_photo;
pub mod unit;
pub mod user;

/// An organisation-owned table with `id`, `version` and `updated_at`, whose rows the audit trail
/// records by id: the shape of every editable business record. A table with one row per
/// organisation (its settings) is keyed by the organisation instead:
/// `audited_and_versioned!(OrganisationId, organisation_id)`.
macro_rules! audited_and_versioned {
    () => {
        crate::entities::audited_and_versioned!(Id, id);
    };
    ($key:ident, $field:ident) => {
        impl crate::tx::Audited for Model {
            fn entity_id(&self) -> String {
                self.$field.to_string()
            }
        }

        impl crate::tx::Versioned for Entity {
            fn id_column() -> Column {
                Column::$key
            }
            fn version_column() -> Column {
                Column::Version
            }
            fn updated_at_column() -> Column {
                Column::UpdatedAt
            }
            fn version_of(model: &Model) -> i32 {
                model.version
            }
            fn id_of(model: &Model) -> Uuid {
                model.$field
            }
        }
    };
}
pub(crate) use audited_and_versioned;

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use sea_orm::{IdenStatic, Iterable};
    use serde::Serialize;
    use uuid::Uuid;

    use super::*;

    /// The columns a snapshot of `row` leaves out: must be exactly the ones marked secret.
    fn left_out<C: Iterable + IdenStatic>(row: &impl Serialize) -> Vec<&'static str> {
        let snapshot = serde_json::to_value(row).unwrap_or_default();
        C::iter().map(|column| column.as_str()).filter(|name| snapshot.get(*name).is_none()).collect()
    }

    #[test]
    fn snapshots_carry_every_column_but_the_explicitly_excluded_ones() {
        let (id, now) = (Uuid::nil(), Utc::now());
        let organisation = organisation::Model {
            id,
            slug: "oki".into(),
            name: "OKI".into(),
            audit_head_sequence: 0,
            audit_head_hash: String::new(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let unit = unit::Model {
            id,
            organisation_id: id,
            code: "X".into(),
            name: "X".into(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let user = user::Model {
            id,
            organisation_id: id,
            unit_id: None,
            username: "u".into(),
            full_name: "U".into(),
            email: None,
            role: "admin".into(),
            password_hash: "$argon2id$secret".into(),
            active: true,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let token = refresh_token::Model {
            id,
            family_id: id,
            user_id: id,
            organisation_id: id,
            token_hash: "secret".into(),
            created_at: now,
            expires_at: now,
            rotated_at: None,
            revoked_at: None,
        };
        let regulation = regulation::Model {
            id,
            organisation_id: id,
            kind: "perbup".into(),
            number: "54".into(),
            year: 2018,
            title: "Mekanisme".into(),
            effective_from: None,
            effective_until: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let policy_version = policy_version::Model {
            id,
            organisation_id: id,
            fiscal_year: 2026,
            revision: 1,
            source: "preset:oki".into(),
            regulation_id: None,
            content: serde_json::json!({}),
            used_at: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let company = press_company::Model {
            id,
            organisation_id: id,
            legal_name: "PT".into(),
            legal_form: "pt".into(),
            deed_number: None,
            deed_date: None,
            ahu_number: None,
            ahu_date: None,
            nib: None,
            npwp: "0012345678912000".into(),
            vat_registered: false,
            vat_registered_since: None,
            address: None,
            phone: None,
            email: None,
            website: None,
            staff_count: None,
            paid_up_capital: None,
            local_office: None,
            association: None,
            status: "active".into(),
            status_reason: None,
            status_since: now.date_naive(),
            press_council_status: "none".into(),
            press_council_valid_until: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let outlet = outlet::Model {
            id,
            organisation_id: id,
            company_id: id,
            media_type: "online".into(),
            name: "x".into(),
            url: None,
            frequency: None,
            scale: "local".into(),
            first_published: None,
            periodicity: "daily".into(),
            circulation: None,
            monthly_visitors: None,
            claims_evidence: None,
            broadcast_licence: None,
            broadcast_licence_until: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let person = newsroom_person::Model {
            id,
            organisation_id: id,
            company_id: id,
            fiscal_year: 2026,
            full_name: "x".into(),
            role: "journalist".into(),
            nik_sealed: vec![1, 2, 3],
            nik_lookup: "secret".into(),
            nik_last_four: "0003".into(),
            competence_level: None,
            competence_certificate: None,
            competence_date: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let check = press_council_record::Model {
            id,
            organisation_id: id,
            company_id: id,
            status: "registered".into(),
            certificate_number: None,
            certificate_date: None,
            valid_until: None,
            checked_on: now.date_naive(),
            checked_by: None,
            evidence: "x".into(),
            created_at: now,
        };
        let account = bank_account::Model {
            id,
            organisation_id: id,
            company_id: id,
            bank_name: "x".into(),
            account_number: "12345".into(),
            holder_name: "x".into(),
            verified_at: None,
            verified_by: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let window = registration_window::Model {
            id,
            organisation_id: id,
            fiscal_year: 2027,
            opens_on: now.date_naive(),
            closes_on: now.date_naive(),
            note: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let application = application::Model {
            id,
            organisation_id: id,
            outlet_id: id,
            company_id: id,
            fiscal_year: 2027,
            policy_version_id: id,
            state: "draft".into(),
            submitted_at: None,
            score_answers: None,
            score_points: None,
            tier: None,
            last_reason: None,
            decided_at: None,
            decided_by: None,
            created_by: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let document = application_document::Model {
            id,
            organisation_id: id,
            application_id: id,
            requirement_code: "nib".into(),
            file_sha256: "0".repeat(64),
            file_name: "nib.pdf".into(),
            file_type: "pdf".into(),
            file_size: 1,
            expires_on: None,
            current: true,
            review_status: "pending".into(),
            review_note: None,
            reviewed_by: None,
            reviewed_at: None,
            uploaded_by: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let visit = site_visit::Model {
            id,
            organisation_id: id,
            application_id: id,
            visited_on: now.date_naive(),
            team: serde_json::json!([]),
            checklist: serde_json::json!([]),
            conclusion: "confirmed".into(),
            notes: None,
            recorded_by: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let photo = site_visit_photo::Model {
            id,
            organisation_id: id,
            application_id: id,
            file_sha256: "0".repeat(64),
            file_name: "kantor.jpg".into(),
            file_type: "jpeg".into(),
            file_size: 1,
            uploaded_by: None,
            created_at: now,
        };
        let today = now.date_naive();
        let budget_line = budget_line::Model {
            id,
            organisation_id: id,
            unit_id: id,
            fiscal_year: 2026,
            account_code: "5.1".into(),
            name: "Belanja".into(),
            original_ceiling: 1,
            ceiling: 1,
            allocated: 0,
            committed: 0,
            realised: 0,
            revisions: 0,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let agreement = agreement::Model {
            id,
            organisation_id: id,
            number: "001/PKS".into(),
            application_id: id,
            company_id: id,
            outlet_id: id,
            fiscal_year: 2026,
            policy_version_id: id,
            media_type: "online".into(),
            tier: "A".into(),
            kind: "partnership".into(),
            title: "PKS".into(),
            external_order_id: None,
            budget_line_id: id,
            starts_on: today,
            ends_on: today,
            ceiling: 1,
            reserved: 0,
            committed: 0,
            realised: 0,
            state: "draft".into(),
            ground: None,
            last_reason: None,
            amendments: 0,
            activated_at: None,
            closed_at: None,
            created_by: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let agreement_line = agreement_line::Model {
            id,
            organisation_id: id,
            agreement_id: id,
            position: 0,
            product: "advertorial".into(),
            quota: 1,
            ordered: 0,
            offered_price: 1,
            reference_price: 1,
            agreed_price: 1,
            rate_max: 1,
            tax_inclusive: true,
            legal_basis: "Perbup".into(),
            negotiation_note: None,
        };
        let order = order::Model {
            id,
            organisation_id: id,
            number: "0001/SP".into(),
            agreement_id: id,
            agreement_line_id: id,
            budget_line_id: id,
            company_id: id,
            outlet_id: id,
            fiscal_year: 2026,
            product: "advertorial".into(),
            quantity: 1,
            unit_price: 1,
            amount: 1,
            subject: "Rilis".into(),
            instructions: None,
            content_item_id: None,
            issued_on: today,
            due_from: today,
            due_until: today,
            state: "issued".into(),
            last_reason: None,
            created_by: None,
            created_at: now,
            updated_at: now,
            version: 1,
            verified_quantity: None,
            published_on: None,
        };
        let proof = proof::Model {
            id,
            organisation_id: id,
            order_id: id,
            kind: "url".into(),
            quantity: 1,
            paid_content_labelled: true,
            url: None,
            captured_at: None,
            content_sha256: None,
            edition: None,
            published_on: None,
            page: None,
            aired_at: None,
            duration_seconds: None,
            received_by: None,
            note: None,
            status: "pending".into(),
            review_note: None,
            reviewed_by: None,
            reviewed_at: None,
            created_by: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let invoice = invoice::Model {
            id,
            organisation_id: id,
            company_id: id,
            number: "INV-1".into(),
            invoice_date: today,
            fiscal_year: 2026,
            vat_registered: false,
            amount: 1,
            base: 1,
            vat: 0,
            gross: 1,
            stamp_duty: false,
            state: "received".into(),
            acceptance_number: None,
            accepted_on: None,
            accepted_by: None,
            created_by: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let payment = payment::Model {
            id,
            organisation_id: id,
            invoice_id: id,
            sp2d_number: "SP2D-1".into(),
            sp2d_date: today,
            gross: 1,
            pph23_bp: 200,
            pph23: 0,
            net: 1,
            stamp_duty: false,
            withholding_slip_number: None,
            bank_account_id: id,
            bank_name: "Bank".into(),
            account_number: "1".into(),
            holder_name: "PT".into(),
            created_by: None,
            created_at: now,
        };
        let content = content_item::Model {
            id,
            organisation_id: id,
            kind: "press_release".into(),
            title: "Rilis".into(),
            body: "Isi".into(),
            released_on: today,
            created_by: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let open_data = open_data_settings::Model {
            organisation_id: id,
            ocid_prefix: "ocds-abc123".into(),
            publisher_name: "OKI".into(),
            publisher_uri: None,
            license_url: "https://creativecommons.org/licenses/by/4.0/".into(),
            publication_policy_url: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let letterhead = letterhead::Model {
            organisation_id: id,
            government: "PEMERINTAH KABUPATEN OGAN KOMERING ILIR".into(),
            office: "DINAS KOMUNIKASI DAN INFORMATIKA".into(),
            address: "Jl. Letnan Mukhtar Saleh No. 1, Kayuagung".into(),
            phone: None,
            email: None,
            website: None,
            city: "Kayuagung".into(),
            signatory_name: "X".into(),
            signatory_title: "Kepala Dinas".into(),
            signatory_nip: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        assert_eq!(left_out::<open_data_settings::Column>(&open_data), Vec::<&str>::new());
        assert_eq!(left_out::<letterhead::Column>(&letterhead), Vec::<&str>::new());
        let batch = history_batch::Model {
            id,
            organisation_id: id,
            kind: "orders".into(),
            file_name: "sp-2022.csv".into(),
            sha256: "0".repeat(64),
            rows: 1,
            imported_by: None,
            imported_at: now,
        };
        assert_eq!(left_out::<history_batch::Column>(&batch), Vec::<&str>::new());
        assert_eq!(left_out::<content_item::Column>(&content), Vec::<&str>::new());
        assert_eq!(left_out::<proof::Column>(&proof), Vec::<&str>::new());
        assert_eq!(left_out::<invoice::Column>(&invoice), Vec::<&str>::new());
        assert_eq!(left_out::<payment::Column>(&payment), Vec::<&str>::new());
        assert_eq!(left_out::<budget_line::Column>(&budget_line), Vec::<&str>::new());
        assert_eq!(left_out::<agreement::Column>(&agreement), Vec::<&str>::new());
        assert_eq!(left_out::<agreement_line::Column>(&agreement_line), Vec::<&str>::new());
        assert_eq!(left_out::<order::Column>(&order), Vec::<&str>::new());
        assert_eq!(left_out::<registration_window::Column>(&window), Vec::<&str>::new());
        assert_eq!(left_out::<application::Column>(&application), Vec::<&str>::new());
        assert_eq!(left_out::<application_document::Column>(&document), Vec::<&str>::new());
        assert_eq!(left_out::<site_visit::Column>(&visit), Vec::<&str>::new());
        assert_eq!(left_out::<site_visit_photo::Column>(&photo), Vec::<&str>::new());
        assert_eq!(left_out::<press_company::Column>(&company), Vec::<&str>::new());
        assert_eq!(left_out::<outlet::Column>(&outlet), Vec::<&str>::new());
        assert_eq!(left_out::<newsroom_person::Column>(&person), ["nik_sealed", "nik_lookup"]);
        assert_eq!(left_out::<press_council_record::Column>(&check), Vec::<&str>::new());
        assert_eq!(left_out::<bank_account::Column>(&account), Vec::<&str>::new());
        assert_eq!(left_out::<regulation::Column>(&regulation), Vec::<&str>::new());
        assert_eq!(left_out::<policy_version::Column>(&policy_version), Vec::<&str>::new());
        assert_eq!(left_out::<organisation::Column>(&organisation), ["audit_head_sequence", "audit_head_hash"]);
        assert_eq!(left_out::<unit::Column>(&unit), Vec::<&str>::new());
        assert_eq!(left_out::<user::Column>(&user), ["password_hash"]);
        assert_eq!(left_out::<refresh_token::Column>(&token), ["token_hash"]);
    }
}
