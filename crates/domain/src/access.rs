//! Who may do what: the one permission table of the system.
//!
//! Every API operation declares the action it requires, and the server refuses any other role
//! before the handler runs. The API suite checks every operation against its own copy of the
//! expected grants, so a change here is a change in behaviour that a test will notice.

use crate::vocabulary;

vocabulary! {
    /// The roles of an organisation's staff. Auditors read everything and write nothing.
    pub enum Role ("role") {
        Admin = "admin",
        Verifier = "verifier",
        Officer = "officer",
        Treasurer = "treasurer",
        Auditor = "auditor",
    }
}

impl Role {
    /// Whether this role is allowed `action`, by the table below.
    pub fn may(self, action: Action) -> bool {
        permitted_roles(action).contains(&self)
    }

    /// Every action this role may take, in table order (shown to the web app to shape its menus).
    pub fn permissions(self) -> Vec<Action> {
        Action::ALL.into_iter().filter(|action| self.may(*action)).collect()
    }
}

vocabulary! {
    /// Something a user can ask the system to do, named `area.verb`. The API publishes it as
    /// `Permission`: each operation names the one it requires.
    #[cfg_attr(feature = "openapi", schema(as = Permission))]
    pub enum Action ("permission") {
        OrganisationRead = "organisation.read",
        UnitsRead = "units.read",
        UnitsManage = "units.manage",
        UsersRead = "users.read",
        UsersManage = "users.manage",
        AuditRead = "audit.read",
        /// Sign the organisation's audit chain head now (the server also does so on a timer).
        AuditCheckpoint = "audit.checkpoint",
        PolicyRead = "policy.read",
        PolicyManage = "policy.manage",
        RegistryRead = "registry.read",
        /// Register and edit companies, outlets, newsroom people, Press Council checks and accounts.
        RegistryManage = "registry.manage",
        /// Suspend, bar or reinstate a company.
        RegistrySanction = "registry.sanction",
        /// Confirm a bank account is in the company's own name, so it can be paid into.
        BankAccountsVerify = "bank_accounts.verify",
        /// Open and move registration windows.
        WindowsManage = "registration_windows.manage",
        ApplicationsRead = "applications.read",
        /// Prepare applications for press companies: documents, submission, withdrawal.
        ApplicationsManage = "applications.manage",
        /// Review applications: documents, site visit, score; verify, send back or reject.
        ApplicationsReview = "applications.review",
        /// Approve verified applications; lapse a finished year's.
        ApplicationsApprove = "applications.approve",
        BudgetRead = "budget.read",
        /// Adopt budget lines and record their revised ceilings.
        BudgetManage = "budget.manage",
        AgreementsRead = "agreements.read",
        /// Draft, negotiate, sign, amend and end agreements.
        AgreementsManage = "agreements.manage",
        OrdersRead = "orders.read",
        /// Issue and cancel orders, and record the company's answer.
        OrdersManage = "orders.manage",
        ProofsRead = "proofs.read",
        /// Hand in a company's proof of publication.
        ProofsManage = "proofs.manage",
        /// Verify or reject proofs, and decide an order's proof.
        ProofsReview = "proofs.review",
        FinanceRead = "finance.read",
        /// Record a company's invoice.
        InvoicesManage = "invoices.manage",
        /// Sign the acceptance record (*BAST*) of invoiced work.
        InvoicesAccept = "invoices.accept",
        /// Record a payment (SP2D) with its withholding.
        PaymentsManage = "payments.manage",
        ContentRead = "content.read",
        /// Read the reports (realisation, agreements against ceilings, what is owed, exceptions) and
        /// the imported history they are drawn from.
        ReportsRead = "reports.read",
        /// Write press releases and materials and attach their files.
        ContentManage = "content.manage",
        /// Set the organisation's open data (OCDS) publication: its prefix, publisher and licence.
        OpenDataManage = "open_data.manage",
        /// Set the letterhead and signatory printed on the organisation's letters.
        LetterheadManage = "letterhead.manage",
        /// Import earlier years' records (companies, agreements, orders, payments) from CSV.
        HistoryImport = "history.import",
    }
}

/// The permission table: for each action, the roles allowed to take it.
///
/// Written per action rather than per role so that a reviewer sees at a glance who can touch
/// a given kind of record; auditors appear on every read and on no write.
fn permitted_roles(action: Action) -> &'static [Role] {
    use Role::*;
    match action {
        Action::OrganisationRead
        | Action::UnitsRead
        | Action::PolicyRead
        | Action::RegistryRead
        | Action::ApplicationsRead
        | Action::BudgetRead
        | Action::AgreementsRead
        | Action::OrdersRead
        | Action::ProofsRead
        | Action::FinanceRead
        | Action::ContentRead
        | Action::ReportsRead => &[Admin, Verifier, Officer, Treasurer, Auditor],
        Action::UnitsManage
        | Action::UsersManage
        | Action::PolicyManage
        | Action::WindowsManage
        | Action::ApplicationsApprove
        | Action::AuditCheckpoint
        | Action::OpenDataManage => &[Admin],
        Action::LetterheadManage => &[Admin],
        Action::HistoryImport => &[Admin],
        // Who prepares an application does not review it (segregation of duties).
        Action::ApplicationsManage => &[Admin, Officer],
        Action::ApplicationsReview => &[Admin, Verifier],
        Action::RegistryManage => &[Admin, Verifier, Officer],
        Action::RegistrySanction => &[Admin, Verifier],
        Action::BankAccountsVerify => &[Admin, Treasurer],
        // The treasurer keeps the budget document; officers spend against it.
        Action::BudgetManage => &[Admin, Treasurer],
        Action::AgreementsManage
        | Action::OrdersManage
        | Action::ProofsManage
        | Action::InvoicesAccept
        | Action::ContentManage => &[Admin, Officer],
        // Who pays does not judge what is paid for (segregation of duties).
        Action::ProofsReview => &[Admin, Verifier, Officer],
        Action::InvoicesManage | Action::PaymentsManage => &[Admin, Treasurer],
        Action::UsersRead | Action::AuditRead => &[Admin, Auditor],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auditors_read_everything_and_write_nothing() {
        for action in Action::ALL {
            let is_read = action.as_str().ends_with(".read");
            assert_eq!(Role::Auditor.may(action), is_read, "auditor and {action}");
        }
    }

    #[test]
    fn only_admins_manage_users_and_units() {
        for role in Role::ALL {
            assert_eq!(role.may(Action::UsersManage), role == Role::Admin);
            assert_eq!(role.may(Action::UnitsManage), role == Role::Admin);
        }
    }

    #[test]
    fn who_pays_does_not_judge_proofs_and_who_orders_does_not_pay() {
        assert!(!Role::Treasurer.may(Action::ProofsReview));
        assert!(!Role::Officer.may(Action::PaymentsManage));
        assert!(Role::Treasurer.may(Action::PaymentsManage));
        assert!(Role::Officer.may(Action::ProofsReview));
    }

    #[test]
    fn every_role_can_see_its_own_organisation() {
        for role in Role::ALL {
            assert!(role.may(Action::OrganisationRead));
            assert!(role.permissions().contains(&Action::OrganisationRead));
        }
    }
}
