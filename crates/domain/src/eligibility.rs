//! Eligibility judged by the system against a policy version, explained rule by rule
//! (business rule 1), and the rubric's score that gives a tier.
//!
//! The facts come from the registry at the moment of evaluation; a fact nobody recorded is
//! `Missing`, never a silent pass, so a verifier sees what to ask for.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::money::Rupiah;
use crate::policy::{Check, Policy, RuleKind};
use crate::press::{CompetenceLevel, LegalForm, MediaType, PressCouncilStatus};
use crate::violation::{Violation, ViolationCode, Violations};
use crate::vocabulary;

/// A dated standing: the Press Council's, or a broadcasting licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing<T> {
    pub value: T,
    /// The certificate's end; none for a standing that does not expire.
    pub valid_until: Option<NaiveDate>,
}

/// What the registry knows of an applicant (a company and one of its outlets) on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub media_type: MediaType,
    pub legal_form: LegalForm,
    pub press_council: Option<Standing<PressCouncilStatus>>,
    pub editor_competence: Option<CompetenceLevel>,
    pub staff: Option<u32>,
    pub first_published: Option<NaiveDate>,
    pub paid_up_capital: Option<Rupiah>,
    pub broadcast_licence: Option<Standing<String>>,
    pub local_office: Option<bool>,
    /// The constituent association the company belongs to, if any is recorded; `Some("")` is a
    /// recorded "none".
    pub association: Option<String>,
    /// The day judged (in Asia/Jakarta): certificates expire, outlets age.
    pub on: NaiveDate,
}

vocabulary! {
    /// How one rule judged an applicant.
    pub enum Verdict ("verdict") {
        Pass = "pass",
        Fail = "fail",
        /// The fact the rule needs is not recorded.
        Missing = "missing",
    }
}

/// One rule's judgement and the evidence it used: what the policy asks, and what was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleOutcome {
    pub rule: String,
    pub kind: RuleKind,
    pub verdict: Verdict,
    /// What the policy asks, e.g. `{"minimum": "administratively_verified"}`.
    pub expected: Value,
    /// What the registry holds, e.g. `{"status": "registered", "valid_until": "2027-03-01"}`;
    /// null when nothing is recorded.
    pub found: Value,
}

/// Every applicable rule's outcome, in the policy's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    /// True when every rule passes.
    pub eligible: bool,
    pub rules: Vec<RuleOutcome>,
}

/// Judges `facts` by every rule the policy switches on for their media type.
pub fn evaluate(policy: &Policy, facts: &Facts) -> Evaluation {
    let rules: Vec<RuleOutcome> = policy
        .rules_for(facts.media_type)
        .map(|rule| {
            let (verdict, expected, found) = judge(policy, &rule.check, facts);
            RuleOutcome { rule: rule.code.clone(), kind: rule.check.kind(), verdict, expected, found }
        })
        .collect();
    Evaluation { eligible: rules.iter().all(|outcome| outcome.verdict == Verdict::Pass), rules }
}

fn verdict(passed: bool) -> Verdict {
    if passed { Verdict::Pass } else { Verdict::Fail }
}

/// A recorded fact compared against what is needed; `Missing` when it is not recorded.
fn compare<T>(found: Option<T>, passes: impl FnOnce(&T) -> bool, show: impl FnOnce(&T) -> Value) -> (Verdict, Value) {
    match found {
        None => (Verdict::Missing, Value::Null),
        Some(found) => (verdict(passes(&found)), show(&found)),
    }
}

/// A dated standing counts only until it ends.
/// The company's Press Council standing meets the policy's minimum for `media_type` and is
/// valid on `on`: what every order re-checks on the day it is issued (business rule 2).
pub fn press_council_holds(
    policy: &Policy,
    media_type: MediaType,
    standing: Option<&Standing<PressCouncilStatus>>,
    on: NaiveDate,
) -> bool {
    let minimum = policy.press_council_minimum(media_type).unwrap_or(PressCouncilStatus::None);
    match standing {
        Some(standing) => standing.value >= minimum && still_valid(standing, on),
        None => minimum == PressCouncilStatus::None,
    }
}

fn still_valid<T>(standing: &Standing<T>, on: NaiveDate) -> bool {
    standing.valid_until.is_none_or(|until| until >= on)
}

fn judge(policy: &Policy, check: &Check, facts: &Facts) -> (Verdict, Value, Value) {
    let on = facts.on;
    match check {
        Check::LegalFormAccepted => {
            let accepted = &policy.accepted_legal_forms;
            let passed = accepted.contains(&facts.legal_form);
            (verdict(passed), json!({ "accepted": accepted }), json!({ "legal_form": facts.legal_form }))
        }
        Check::PressCouncilAtLeast => {
            let minimum = policy.press_council_minimum(facts.media_type).unwrap_or(PressCouncilStatus::None);
            let (verdict, found) = compare(
                facts.press_council.as_ref(),
                |standing| standing.value >= minimum && still_valid(standing, on),
                |standing| json!({ "status": standing.value, "valid_until": standing.valid_until }),
            );
            (verdict, json!({ "minimum": minimum }), found)
        }
        Check::EditorCompetenceAtLeast { level } => {
            let (verdict, found) =
                compare(facts.editor_competence, |found| found >= level, |found| json!({ "level": found }));
            (verdict, json!({ "level": level }), found)
        }
        Check::StaffAtLeast { count } => {
            let (verdict, found) = compare(facts.staff, |staff| staff >= count, |staff| json!({ "count": staff }));
            (verdict, json!({ "count": count }), found)
        }
        Check::ActiveForMonths { months } => {
            let (verdict, found) = compare(
                facts.first_published,
                |first| months_between(*first, on) >= *months,
                |first| json!({ "first_published": first, "months": months_between(*first, on) }),
            );
            (verdict, json!({ "months": months }), found)
        }
        Check::PaidUpCapitalAtLeast { amount } => {
            let (verdict, found) =
                compare(facts.paid_up_capital, |capital| capital >= amount, |capital| json!({ "amount": capital }));
            (verdict, json!({ "amount": amount }), found)
        }
        Check::BroadcastLicence => {
            let (verdict, found) = compare(
                facts.broadcast_licence.as_ref(),
                |licence| still_valid(licence, on),
                |licence| json!({ "number": licence.value, "valid_until": licence.valid_until }),
            );
            (verdict, json!({ "held": true }), found)
        }
        Check::LocalOffice => {
            let (verdict, found) =
                compare(facts.local_office, |office| *office, |office| json!({ "local_office": office }));
            (verdict, json!({ "local_office": true }), found)
        }
        Check::AssociationMember => {
            let (verdict, found) = compare(
                facts.association.as_ref(),
                |association| !association.trim().is_empty(),
                |association| json!({ "association": association }),
            );
            (verdict, json!({ "member": true }), found)
        }
    }
}

/// Whole months from `from` to `to`: publishing since 15 January makes one month on 15 February.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let months = if to.day() < from.day() { months - 1 } else { months };
    u32::try_from(months).unwrap_or(0)
}

/// The rubric's answer for one criterion: the option chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub criterion: String,
    pub option: String,
}

/// The points an applicant scored and the tier they reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Score {
    pub points: u32,
    pub tier: String,
}

/// Scores the answers against the criteria that apply to `media_type`: every one answered once,
/// with one of its options. The tier is the highest whose threshold the points reach.
pub fn score(policy: &Policy, media_type: MediaType, answers: &[Answer]) -> Result<Score, Violations> {
    let mut violations = Violations::new();
    let mut points = 0u32;
    for (index, answer) in answers.iter().enumerate() {
        let applies = policy.rubric.iter().find(|c| c.code == answer.criterion && c.media_types.contains(&media_type));
        match applies {
            None => violations.push(Violation::new(
                format!("answers[{index}].criterion"),
                ViolationCode::UnknownReference,
                "no such criterion for this media type",
            )),
            Some(criterion) => match criterion.options.iter().find(|o| o.code == answer.option) {
                None => violations.push(Violation::new(
                    format!("answers[{index}].option"),
                    ViolationCode::UnknownReference,
                    "no such option for this criterion",
                )),
                Some(option) => points = points.saturating_add(option.points),
            },
        }
        if answers[..index].iter().any(|earlier| earlier.criterion == answer.criterion) {
            violations.push(Violation::new(
                format!("answers[{index}].criterion"),
                ViolationCode::InvalidValue,
                "answered twice",
            ));
        }
    }
    for criterion in policy.rubric.iter().filter(|c| c.media_types.contains(&media_type)) {
        if !answers.iter().any(|answer| answer.criterion == criterion.code) {
            violations.push(Violation::new(
                "answers",
                ViolationCode::Required,
                format!("criterion {} is not answered", criterion.code),
            ));
        }
    }
    let tier = policy.tiers.iter().filter(|tier| tier.min_points <= points).max_by_key(|tier| tier.min_points);
    match tier {
        Some(tier) if violations.is_empty() => Ok(Score { points, tier: tier.code.clone() }),
        _ => {
            if violations.is_empty() {
                violations.push(Violation::new("answers", ViolationCode::InvalidValue, "no tier starts this low"));
            }
            Err(violations)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Criterion, Label, RubricOption, Rule, Tier};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn label() -> Label {
        Label { id: "x".into(), en: "x".into() }
    }

    /// A policy with one rule of `check` for online outlets, on top of the OKI preset's tax and lists.
    fn policy_with(check: Check) -> Policy {
        let mut policy = crate::presets::oki();
        policy.rules = vec![Rule { code: "rule".into(), label: label(), media_types: vec![MediaType::Online], check }];
        policy
    }

    fn facts() -> Facts {
        Facts {
            media_type: MediaType::Online,
            legal_form: LegalForm::Pt,
            press_council: Some(Standing {
                value: PressCouncilStatus::FactuallyVerified,
                valid_until: Some(day("2030-01-01")),
            }),
            editor_competence: Some(CompetenceLevel::Utama),
            staff: Some(7),
            first_published: Some(day("2020-05-15")),
            paid_up_capital: Some(Rupiah::new(50_000_000).unwrap_or_default()),
            broadcast_licence: None,
            local_office: Some(true),
            association: Some("AMSI".into()),
            on: day("2026-11-27"),
        }
    }

    fn verdict_of(check: Check, facts: &Facts) -> Verdict {
        evaluate(&policy_with(check), facts).rules[0].verdict
    }

    /// Each rule kind passes on good facts, fails on bad ones and is missing on none.
    #[test]
    fn every_rule_kind_passes_fails_and_misses() {
        let good = facts();
        type Change = Box<dyn Fn(&mut Facts)>;
        let cases: Vec<(Check, Change, Change)> = vec![
            (Check::LegalFormAccepted, Box::new(|f| f.legal_form = LegalForm::Cv), Box::new(|_| {})),
            (
                Check::PressCouncilAtLeast,
                Box::new(|f| {
                    f.press_council = Some(Standing { value: PressCouncilStatus::Registered, valid_until: None })
                }),
                Box::new(|f| f.press_council = None),
            ),
            (
                Check::EditorCompetenceAtLeast { level: CompetenceLevel::Utama },
                Box::new(|f| f.editor_competence = Some(CompetenceLevel::Madya)),
                Box::new(|f| f.editor_competence = None),
            ),
            (Check::StaffAtLeast { count: 5 }, Box::new(|f| f.staff = Some(4)), Box::new(|f| f.staff = None)),
            (
                Check::ActiveForMonths { months: 6 },
                Box::new(|f| f.first_published = Some(day("2026-06-01"))),
                Box::new(|f| f.first_published = None),
            ),
            (
                Check::PaidUpCapitalAtLeast { amount: Rupiah::new(50_000_000).unwrap_or_default() },
                Box::new(|f| f.paid_up_capital = Some(Rupiah::new(49_999_999).unwrap_or_default())),
                Box::new(|f| f.paid_up_capital = None),
            ),
            (Check::LocalOffice, Box::new(|f| f.local_office = Some(false)), Box::new(|f| f.local_office = None)),
            (
                Check::AssociationMember,
                Box::new(|f| f.association = Some(String::new())),
                Box::new(|f| f.association = None),
            ),
        ];
        for (check, fail, miss) in cases {
            assert_eq!(verdict_of(check.clone(), &good), Verdict::Pass, "{check:?} on good facts");
            let mut bad = good.clone();
            fail(&mut bad);
            assert_eq!(verdict_of(check.clone(), &bad), Verdict::Fail, "{check:?} on bad facts");
            if check != Check::LegalFormAccepted {
                let mut unknown = good.clone();
                miss(&mut unknown);
                assert_eq!(verdict_of(check.clone(), &unknown), Verdict::Missing, "{check:?} on no facts");
            }
        }
        let licensed =
            Facts { broadcast_licence: Some(Standing { value: "IPP-1".into(), valid_until: None }), ..good.clone() };
        assert_eq!(verdict_of(Check::BroadcastLicence, &licensed), Verdict::Pass);
        assert_eq!(verdict_of(Check::BroadcastLicence, &good), Verdict::Missing);
        let lapsed = Facts {
            broadcast_licence: Some(Standing { value: "IPP-1".into(), valid_until: Some(day("2026-01-01")) }),
            ..good
        };
        assert_eq!(verdict_of(Check::BroadcastLicence, &lapsed), Verdict::Fail);
    }

    #[test]
    fn an_expired_press_council_certificate_fails_and_says_so() {
        let mut expired = facts();
        expired.press_council =
            Some(Standing { value: PressCouncilStatus::FactuallyVerified, valid_until: Some(day("2026-11-26")) });
        let outcome = &evaluate(&policy_with(Check::PressCouncilAtLeast), &expired).rules[0];
        assert_eq!(outcome.verdict, Verdict::Fail);
        assert_eq!(outcome.found["valid_until"], "2026-11-26");
        assert_eq!(outcome.expected["minimum"], "administratively_verified");
    }

    #[test]
    fn one_failing_or_missing_rule_makes_the_applicant_ineligible() {
        let mut policy = policy_with(Check::StaffAtLeast { count: 5 });
        policy.rules.push(Rule {
            code: "office".into(),
            label: label(),
            media_types: vec![MediaType::Online],
            check: Check::LocalOffice,
        });
        assert!(evaluate(&policy, &facts()).eligible);
        let unknown = Facts { local_office: None, ..facts() };
        assert!(!evaluate(&policy, &unknown).eligible);
        let print = Facts { media_type: MediaType::Print, local_office: None, ..facts() };
        assert!(evaluate(&policy, &print).rules.is_empty(), "rules apply to their media types only");
    }

    #[test]
    fn months_are_whole() {
        assert_eq!(months_between(day("2026-01-15"), day("2026-02-14")), 0);
        assert_eq!(months_between(day("2026-01-15"), day("2026-02-15")), 1);
        assert_eq!(months_between(day("2025-11-30"), day("2026-05-30")), 6);
        assert_eq!(months_between(day("2027-01-01"), day("2026-01-01")), 0);
    }

    fn rubric_policy() -> Policy {
        let mut policy = crate::presets::oki();
        policy.rubric = vec![Criterion {
            code: "visitors".into(),
            label: label(),
            media_types: vec![MediaType::Online],
            options: vec![
                RubricOption { code: "low".into(), label: label(), points: 10 },
                RubricOption { code: "high".into(), label: label(), points: 80 },
            ],
        }];
        policy.tiers = vec![
            Tier { code: "A".into(), label: label(), min_points: 70 },
            Tier { code: "C".into(), label: label(), min_points: 0 },
        ];
        policy
    }

    #[test]
    fn the_score_gives_the_highest_tier_reached() {
        let answer = |option: &str| vec![Answer { criterion: "visitors".into(), option: option.into() }];
        let policy = rubric_policy();
        assert_eq!(score(&policy, MediaType::Online, &answer("high")), Ok(Score { points: 80, tier: "A".into() }));
        assert_eq!(score(&policy, MediaType::Online, &answer("low")), Ok(Score { points: 10, tier: "C".into() }));
        assert!(score(&policy, MediaType::Online, &answer("huge")).is_err());
        assert!(score(&policy, MediaType::Online, &[]).is_err(), "every criterion is answered");
        assert_eq!(score(&policy, MediaType::Print, &[]).map(|s| s.tier), Ok("C".into()), "none apply to print");
    }
}
