//! The yearly call: registration windows, an application per outlet per fiscal year, its
//! documents, the site visit, and the state machine that carries it to a decision (steps 1-3 of
//! the OKI mechanism, business rules 1-3).
//!
//! What stands between an application and its verification or approval is computed here, from
//! the facts alone, so that the API, the web app and the tests all read the same list.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::audit::AuditAction;
use crate::eligibility::{Evaluation, Verdict};
use crate::policy::{FiscalYear, Policy};
use crate::press::MediaType;
use crate::registry::CompanyStatus;
use crate::violation::{TextRule, Violation, ViolationCode, Violations, bounded_text};
use crate::vocabulary;

vocabulary! {
    /// Where an application stands.
    pub enum ApplicationState ("application state") {
        /// Being prepared: documents can be added.
        Draft = "draft",
        /// Handed in, waiting for a verifier.
        Submitted = "submitted",
        /// A verifier is checking the documents, visiting and scoring.
        InReview = "in_review",
        /// Sent back to the applicant to fix what the reason names.
        RevisionRequested = "revision_requested",
        /// Every document accepted, every rule passed, visited and scored.
        Verified = "verified",
        Approved = "approved",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
        /// Its fiscal year ended.
        Lapsed = "lapsed",
    }
}

impl ApplicationState {
    /// No step leads out of it.
    pub fn is_final(self) -> bool {
        matches!(self, ApplicationState::Rejected | ApplicationState::Withdrawn | ApplicationState::Lapsed)
    }

    /// Its documents can still be added or replaced.
    pub fn takes_documents(self) -> bool {
        matches!(self, ApplicationState::Draft | ApplicationState::RevisionRequested)
    }

    /// A verifier may review its documents, record the site visit and score it.
    pub fn under_review(self) -> bool {
        self == ApplicationState::InReview
    }
}

vocabulary! {
    /// A step that moves an application from one state to another.
    pub enum Step ("application step") {
        Submit = "submit",
        StartReview = "start_review",
        RequestRevision = "request_revision",
        Verify = "verify",
        Approve = "approve",
        Reject = "reject",
        Withdraw = "withdraw",
        Lapse = "lapse",
    }
}

impl Step {
    /// The states the step leaves from.
    pub fn from_states(self) -> &'static [ApplicationState] {
        use ApplicationState::*;
        match self {
            Step::Submit => &[Draft, RevisionRequested],
            Step::StartReview => &[Submitted],
            Step::RequestRevision | Step::Verify => &[InReview],
            Step::Approve => &[Verified],
            Step::Reject => &[InReview, Verified],
            Step::Withdraw => &[Draft, Submitted, InReview, RevisionRequested],
            Step::Lapse => &[Draft, Submitted, InReview, RevisionRequested, Verified, Approved],
        }
    }

    /// The state the step arrives at.
    pub fn to(self) -> ApplicationState {
        match self {
            Step::Submit => ApplicationState::Submitted,
            Step::StartReview => ApplicationState::InReview,
            Step::RequestRevision => ApplicationState::RevisionRequested,
            Step::Verify => ApplicationState::Verified,
            Step::Approve => ApplicationState::Approved,
            Step::Reject => ApplicationState::Rejected,
            Step::Withdraw => ApplicationState::Withdrawn,
            Step::Lapse => ApplicationState::Lapsed,
        }
    }

    /// The applicant must be told why: a revision names what to fix, a rejection its grounds.
    pub fn needs_reason(self) -> bool {
        matches!(self, Step::RequestRevision | Step::Reject)
    }

    /// The step is a decision that must find nothing in the way (business rule 3): no override.
    pub fn needs_readiness(self) -> bool {
        matches!(self, Step::Verify | Step::Approve)
    }

    /// How the audit trail names the step.
    pub fn audit_action(self) -> AuditAction {
        match self {
            Step::Submit => AuditAction::ApplicationSubmitted,
            Step::StartReview => AuditAction::ApplicationReviewStarted,
            Step::RequestRevision => AuditAction::ApplicationRevisionRequested,
            Step::Verify => AuditAction::ApplicationVerified,
            Step::Approve => AuditAction::ApplicationApproved,
            Step::Reject => AuditAction::ApplicationRejected,
            Step::Withdraw => AuditAction::ApplicationWithdrawn,
            Step::Lapse => AuditAction::ApplicationLapsed,
        }
    }

    /// The step decides the application, and so uses (and freezes) its policy version.
    pub fn is_decision(self) -> bool {
        matches!(self, Step::Verify | Step::Approve | Step::Reject)
    }

    /// The state `from` moves to by this step, if the step leaves from it.
    pub fn from(self, from: ApplicationState) -> Option<ApplicationState> {
        self.from_states().contains(&from).then(|| self.to())
    }
}

/// A reason given with a step, as the applicant will read it.
pub struct Reason;

impl TextRule for Reason {
    const MIN: u64 = 3;
    const MAX: u64 = 2000;
}

/// A step as asked: the reason is required where [`Step::needs_reason`] says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRequest {
    pub step: Step,
    pub reason: Option<String>,
}

impl StepRequest {
    pub fn new(step: Step, reason: Option<&str>) -> Result<Self, Violation> {
        let reason = reason.map(|text| bounded_text(text, Reason::MIN, Reason::MAX, "reason")).transpose()?;
        if step.needs_reason() && reason.is_none() {
            return Err(Violation::new("reason", ViolationCode::Required, "say why, for the applicant to read"));
        }
        Ok(StepRequest { step, reason })
    }
}

/// A period in which applications for a fiscal year are taken (*pembukaan penawaran*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub fiscal_year: FiscalYear,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub note: Option<String>,
}

/// A window's announcement text.
pub struct WindowNote;

impl TextRule for WindowNote {
    const MIN: u64 = 1;
    const MAX: u64 = 1000;
}

impl Window {
    pub fn new(
        fiscal_year: FiscalYear,
        opens_on: NaiveDate,
        closes_on: NaiveDate,
        note: Option<&str>,
    ) -> Result<Self, Violations> {
        let mut violations = Violations::new();
        if closes_on < opens_on {
            violations.push(Violation::new("closes_on", ViolationCode::OutOfRange, "a window closes after it opens"));
        }
        let note = violations
            .check("note", note.map(|n| bounded_text(n, WindowNote::MIN, WindowNote::MAX, "note")).transpose());
        violations.finish(|| Some(Window { fiscal_year, opens_on, closes_on, note: note? }))
    }

    /// Open on `on`, both ends included.
    pub fn is_open(&self, on: NaiveDate) -> bool {
        self.opens_on <= on && on <= self.closes_on
    }
}

vocabulary! {
    /// A document's review.
    pub enum ReviewStatus ("review status") {
        /// Handed in, not yet reviewed.
        Pending = "pending",
        Accepted = "accepted",
        Rejected = "rejected",
    }
}

/// A verifier's verdict on a document: a rejection says what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub status: ReviewStatus,
    pub note: Option<String>,
}

impl Review {
    pub fn new(status: ReviewStatus, note: Option<&str>) -> Result<Self, Violation> {
        if status == ReviewStatus::Pending {
            return Err(Violation::new("status", ViolationCode::InvalidValue, "a review accepts or rejects"));
        }
        let note = note.map(|text| bounded_text(text, Reason::MIN, Reason::MAX, "note")).transpose()?;
        if status == ReviewStatus::Rejected && note.is_none() {
            return Err(Violation::new("note", ViolationCode::Required, "say what is wrong with the document"));
        }
        Ok(Review { status, note })
    }
}

/// The application's current document for one requirement, as readiness sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentState {
    pub requirement: String,
    pub review: ReviewStatus,
    pub expires_on: Option<NaiveDate>,
}

vocabulary! {
    /// What the site visit team concluded.
    pub enum VisitConclusion ("site visit conclusion") {
        /// The newsroom and office exist and work as the application says.
        Confirmed = "confirmed",
        /// What was found differs from the application.
        NotConfirmed = "not_confirmed",
    }
}

/// A checklist line or a team member's name.
pub struct VisitText;

impl TextRule for VisitText {
    const MIN: u64 = 1;
    const MAX: u64 = 500;
}

/// One line of the visit's checklist: what was looked at, and whether it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistItem {
    pub item: String,
    pub ok: bool,
    pub note: Option<String>,
}

/// The site visit (*verifikasi faktual*) as the team records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteVisit {
    pub visited_on: NaiveDate,
    pub team: Vec<String>,
    pub checklist: Vec<ChecklistItem>,
    pub conclusion: VisitConclusion,
    pub notes: Option<String>,
}

/// At most this many team members and checklist lines.
pub const MAX_TEAM: u64 = 10;
pub const MAX_CHECKLIST: u64 = 50;

impl SiteVisit {
    pub fn new(
        visited_on: NaiveDate,
        team: &[String],
        checklist: &[ChecklistItem],
        conclusion: VisitConclusion,
        notes: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, Violations> {
        let text = |raw: &str, what: &str| bounded_text(raw, VisitText::MIN, VisitText::MAX, what);
        let mut violations = Violations::new();
        if visited_on > today {
            violations.push(Violation::new("visited_on", ViolationCode::OutOfRange, "a visit is recorded once made"));
        }
        if team.is_empty() || team.len() as u64 > MAX_TEAM {
            violations.push(Violation::new(
                "team",
                ViolationCode::OutOfRange,
                format!("a team has 1 to {MAX_TEAM} members"),
            ));
        }
        let team = violations.check_each("team", team.iter(), |name| text(name, "a name").map_err(Violations::from));
        if checklist.len() as u64 > MAX_CHECKLIST {
            violations.push(Violation::new(
                "checklist",
                ViolationCode::OutOfRange,
                format!("at most {MAX_CHECKLIST} lines"),
            ));
        }
        let checklist = violations.check_each("checklist", checklist.iter(), |line| {
            Ok(ChecklistItem {
                item: text(&line.item, "item").map_err(|v| Violations::from(v.at("item")))?,
                ok: line.ok,
                note: line
                    .note
                    .as_deref()
                    .map(|note| text(note, "note").map_err(|v| Violations::from(v.at("note"))))
                    .transpose()?,
            })
        });
        let notes =
            violations.check("notes", notes.map(|n| bounded_text(n, Reason::MIN, Reason::MAX, "notes")).transpose());
        violations
            .finish(|| Some(SiteVisit { visited_on, team: team?, checklist: checklist?, conclusion, notes: notes? }))
    }
}

vocabulary! {
    /// Something that stands between an application and its verification or approval.
    pub enum BlockerKind ("blocker") {
        /// A mandatory requirement has no document.
        DocumentMissing = "document_missing",
        /// A mandatory requirement's document waits for review.
        DocumentNotReviewed = "document_not_reviewed",
        DocumentRejected = "document_rejected",
        /// A mandatory requirement's document is past its expiry date.
        DocumentExpired = "document_expired",
        /// An eligibility rule fails.
        RuleFailed = "rule_failed",
        /// An eligibility rule lacks the fact it needs.
        RuleMissing = "rule_missing",
        /// The rubric has not been scored, so there is no tier.
        NotScored = "not_scored",
        /// No site visit is recorded.
        NoSiteVisit = "no_site_visit",
        /// The site visit did not confirm the application.
        VisitNotConfirmed = "visit_not_confirmed",
        /// The company is suspended or barred.
        CompanyNotActive = "company_not_active",
    }
}

/// One blocker, with the requirement or rule it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Blocker {
    pub kind: BlockerKind,
    /// The requirement's or the rule's code, when the blocker is about one.
    pub code: Option<String>,
}

impl Blocker {
    fn about(kind: BlockerKind, code: &str) -> Self {
        Blocker { kind, code: Some(code.to_owned()) }
    }

    fn plain(kind: BlockerKind) -> Self {
        Blocker { kind, code: None }
    }
}

/// Everything readiness reads of an application on a day.
#[derive(Debug, Clone)]
pub struct Dossier<'a> {
    pub policy: &'a Policy,
    pub media_type: MediaType,
    pub company_status: CompanyStatus,
    pub documents: &'a [DocumentState],
    pub evaluation: &'a Evaluation,
    pub scored: bool,
    pub visit: Option<VisitConclusion>,
    pub on: NaiveDate,
}

/// What stands in the way of verifying or approving, in a stable order: the company, each
/// mandatory requirement in the policy's order, each rule, the score, the visit. Empty means
/// ready; nobody can set a blocker aside.
pub fn blockers(dossier: &Dossier<'_>) -> Vec<Blocker> {
    let mut found = Vec::new();
    if dossier.company_status != CompanyStatus::Active {
        found.push(Blocker::plain(BlockerKind::CompanyNotActive));
    }
    let mandatory =
        dossier.policy.requirements.iter().filter(|r| r.mandatory && r.media_types.contains(&dossier.media_type));
    for requirement in mandatory {
        let document = dossier.documents.iter().find(|d| d.requirement == requirement.code);
        let kind = match document {
            None => Some(BlockerKind::DocumentMissing),
            Some(d) if d.review == ReviewStatus::Rejected => Some(BlockerKind::DocumentRejected),
            Some(d) if d.expires_on.is_some_and(|until| until < dossier.on) => Some(BlockerKind::DocumentExpired),
            Some(d) if d.review == ReviewStatus::Pending => Some(BlockerKind::DocumentNotReviewed),
            Some(_) => None,
        };
        found.extend(kind.map(|kind| Blocker::about(kind, &requirement.code)));
    }
    for outcome in &dossier.evaluation.rules {
        match outcome.verdict {
            Verdict::Pass => {}
            Verdict::Fail => found.push(Blocker::about(BlockerKind::RuleFailed, &outcome.rule)),
            Verdict::Missing => found.push(Blocker::about(BlockerKind::RuleMissing, &outcome.rule)),
        }
    }
    if !dossier.scored {
        found.push(Blocker::plain(BlockerKind::NotScored));
    }
    match dossier.visit {
        None => found.push(Blocker::plain(BlockerKind::NoSiteVisit)),
        Some(VisitConclusion::NotConfirmed) => found.push(Blocker::plain(BlockerKind::VisitNotConfirmed)),
        Some(VisitConclusion::Confirmed) => {}
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::RuleOutcome;
    use crate::policy::RuleKind;
    use crate::presets;

    #[test]
    fn each_step_leaves_only_from_its_states() {
        use ApplicationState::*;
        let allowed = [
            (Draft, Step::Submit, Submitted),
            (RevisionRequested, Step::Submit, Submitted),
            (Submitted, Step::StartReview, InReview),
            (InReview, Step::RequestRevision, RevisionRequested),
            (InReview, Step::Verify, Verified),
            (Verified, Step::Approve, Approved),
            (InReview, Step::Reject, Rejected),
            (Verified, Step::Reject, Rejected),
            (Draft, Step::Withdraw, Withdrawn),
            (RevisionRequested, Step::Withdraw, Withdrawn),
            (Approved, Step::Lapse, Lapsed),
            (Draft, Step::Lapse, Lapsed),
        ];
        for (from, step, to) in allowed {
            assert_eq!(step.from(from), Some(to), "{from} --{step}-->");
        }
        let forbidden = [
            (Draft, Step::Approve),
            (Submitted, Step::Verify),
            (InReview, Step::Approve),
            (Approved, Step::Withdraw),
            (Approved, Step::Reject),
            (Rejected, Step::Submit),
            (Withdrawn, Step::Submit),
            (Lapsed, Step::Submit),
            (Verified, Step::RequestRevision),
        ];
        for (from, step) in forbidden {
            assert_eq!(step.from(from), None, "{from} --{step}--> must be refused");
        }
        for state in ApplicationState::ALL.into_iter().filter(|s| s.is_final()) {
            assert!(Step::ALL.iter().all(|step| step.from(state).is_none()), "{state} is final");
        }
    }

    #[test]
    fn a_revision_and_a_rejection_say_why() {
        assert!(StepRequest::new(Step::Reject, None).is_err());
        assert!(StepRequest::new(Step::RequestRevision, Some("  ")).is_err());
        assert!(StepRequest::new(Step::Submit, None).is_ok());
        assert!(Review::new(ReviewStatus::Rejected, None).is_err());
        assert!(Review::new(ReviewStatus::Pending, None).is_err());
        assert_eq!(Review::new(ReviewStatus::Accepted, None).map(|r| r.status), Ok(ReviewStatus::Accepted));
    }

    #[test]
    fn a_window_closes_after_it_opens_and_is_open_on_both_ends() {
        let year = FiscalYear::parse(2027).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2027, 1, d).unwrap();
        assert!(Window::new(year, day(10), day(9), None).is_err());
        let window = Window::new(year, day(10), day(20), Some("Pengumuman")).unwrap();
        assert!(window.is_open(day(10)) && window.is_open(day(20)));
        assert!(!window.is_open(day(9)) && !window.is_open(day(21)));
    }

    #[test]
    fn a_visit_is_recorded_by_a_team_once_made() {
        let today = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        let line = ChecklistItem { item: "Kantor redaksi ada".into(), ok: true, note: None };
        let visit = |on, team: &[String]| {
            SiteVisit::new(on, team, std::slice::from_ref(&line), VisitConclusion::Confirmed, None, today)
        };
        assert!(visit(today, &["Verifikator".to_owned()]).is_ok());
        let errors = visit(today.succ_opt().unwrap(), &[]).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["visited_on", "team"]);
        let blank = visit(today, &["Verifikator".to_owned(), " ".to_owned()]).unwrap_err();
        assert_eq!(blank.iter().next().map(|v| v.field.as_str()), Some("team[1]"));
    }

    fn evaluation(verdicts: &[(&str, Verdict)]) -> Evaluation {
        let rules = verdicts
            .iter()
            .map(|(rule, verdict)| RuleOutcome {
                rule: (*rule).to_owned(),
                kind: RuleKind::StaffAtLeast,
                verdict: *verdict,
                expected: serde_json::Value::Null,
                found: serde_json::Value::Null,
            })
            .collect::<Vec<_>>();
        Evaluation { eligible: rules.iter().all(|r| r.verdict == Verdict::Pass), rules }
    }

    #[test]
    fn readiness_names_every_missing_rejected_expired_or_unreviewed_document_and_failing_rule() {
        let policy = presets::load("oki").unwrap().policy;
        let on = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let mandatory: Vec<&str> = policy
            .requirements
            .iter()
            .filter(|r| r.mandatory && r.media_types.contains(&MediaType::Online))
            .map(|r| r.code.as_str())
            .collect();
        let accepted = |code: &str| DocumentState {
            requirement: code.to_owned(),
            review: ReviewStatus::Accepted,
            expires_on: None,
        };
        let mut documents: Vec<DocumentState> = mandatory.iter().map(|code| accepted(code)).collect();
        let passing = evaluation(&[("badan_hukum", Verdict::Pass)]);
        let dossier = |documents: &[DocumentState], evaluation: &Evaluation| {
            blockers(&Dossier {
                policy: &policy,
                media_type: MediaType::Online,
                company_status: CompanyStatus::Active,
                documents,
                evaluation,
                scored: true,
                visit: Some(VisitConclusion::Confirmed),
                on,
            })
        };
        assert_eq!(dossier(&documents, &passing), Vec::new(), "everything in order");

        documents.remove(0);
        documents[0].review = ReviewStatus::Rejected;
        documents[1].review = ReviewStatus::Pending;
        documents[2].expires_on = Some(NaiveDate::from_ymd_opt(2027, 2, 28).unwrap());
        let failing = evaluation(&[("badan_hukum", Verdict::Fail), ("dewan_pers", Verdict::Missing)]);
        let found = dossier(&documents, &failing);
        let expected = vec![
            Blocker::about(BlockerKind::DocumentMissing, mandatory[0]),
            Blocker::about(BlockerKind::DocumentRejected, mandatory[1]),
            Blocker::about(BlockerKind::DocumentNotReviewed, mandatory[2]),
            Blocker::about(BlockerKind::DocumentExpired, mandatory[3]),
            Blocker::about(BlockerKind::RuleFailed, "badan_hukum"),
            Blocker::about(BlockerKind::RuleMissing, "dewan_pers"),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn an_inactive_company_an_unscored_rubric_and_a_missing_or_failed_visit_block() {
        let policy = presets::load("oki").unwrap().policy;
        let documents: Vec<DocumentState> = policy
            .requirements
            .iter()
            .map(|r| DocumentState { requirement: r.code.clone(), review: ReviewStatus::Accepted, expires_on: None })
            .collect();
        let passing = evaluation(&[]);
        let mut dossier = Dossier {
            policy: &policy,
            media_type: MediaType::Radio,
            company_status: CompanyStatus::Suspended,
            documents: &documents,
            evaluation: &passing,
            scored: false,
            visit: None,
            on: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
        };
        let kinds = |d: &Dossier<'_>| blockers(d).into_iter().map(|b| b.kind).collect::<Vec<_>>();
        assert_eq!(kinds(&dossier), [BlockerKind::CompanyNotActive, BlockerKind::NotScored, BlockerKind::NoSiteVisit]);
        dossier.visit = Some(VisitConclusion::NotConfirmed);
        dossier.company_status = CompanyStatus::Active;
        dossier.scored = true;
        assert_eq!(kinds(&dossier), [BlockerKind::VisitNotConfirmed]);
    }
}
