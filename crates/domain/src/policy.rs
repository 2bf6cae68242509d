//! A region's policy for one fiscal year, as data: what it accepts, what it requires, how it
//! judges eligibility, scores and prices. Every threshold of the mechanism lives here, so a
//! region changes its rules by editing its policy, never the code.
//!
//! The same document is the preset file a region adopts (`presets/*.json`), what the database
//! keeps of a policy version, and what the API sends; [`Policy::check`] judges it whole.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::files::FileType;
use crate::money::{BasisPoints, FULL, Rupiah};
use crate::press::{CompetenceLevel, LegalForm, MediaType, PressCouncilStatus};
use crate::violation::{TextRule, Violation, ViolationCode, Violations, bounded_text};
use crate::vocabulary;

/// The largest document a requirement may accept: a scanned deed runs to a few megabytes.
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;

/// A name in both languages of the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

/// A document an applicant must (or may) provide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Stable within the policy, e.g. `akta_pendirian`: documents refer to it.
    pub code: String,
    pub label: Label,
    pub media_types: Vec<MediaType>,
    pub mandatory: bool,
    /// The document states a validity end (a certificate, a licence) that must be recorded.
    pub needs_expiry: bool,
    pub file_types: Vec<FileType>,
    pub max_size_bytes: u64,
}

impl Requirement {
    /// A document's expiry date as handed in: required when the requirement needs one.
    pub fn expiry(&self, expires_on: Option<chrono::NaiveDate>) -> Result<Option<chrono::NaiveDate>, Violation> {
        if self.needs_expiry && expires_on.is_none() {
            return Err(Violation::new(
                "expires_on",
                ViolationCode::Required,
                "this document's expiry date is required",
            ));
        }
        Ok(expires_on)
    }
}

vocabulary! {
    /// The kinds of eligibility rule a policy can switch on.
    pub enum RuleKind ("rule kind") {
        LegalFormAccepted = "legal_form_accepted",
        PressCouncilAtLeast = "press_council_at_least",
        EditorCompetenceAtLeast = "editor_competence_at_least",
        StaffAtLeast = "staff_at_least",
        ActiveForMonths = "active_for_months",
        PaidUpCapitalAtLeast = "paid_up_capital_at_least",
        BroadcastLicence = "broadcast_licence",
        LocalOffice = "local_office",
        AssociationMember = "association_member",
    }
}

/// What a rule checks, with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// The company's legal form is one of the policy's accepted forms.
    LegalFormAccepted,
    /// The company's Press Council standing, still valid, is at least the policy's minimum for
    /// the outlet's media type.
    PressCouncilAtLeast,
    /// The editor-in-chief holds at least this competence level.
    EditorCompetenceAtLeast { level: CompetenceLevel },
    /// At least this many staff are employed.
    StaffAtLeast { count: u32 },
    /// The outlet has published for at least this many months.
    ActiveForMonths { months: u32 },
    /// The company's paid-up capital is at least this amount.
    PaidUpCapitalAtLeast { amount: Rupiah },
    /// A valid broadcasting licence (IPP) is held.
    BroadcastLicence,
    /// The company has an office or bureau in the region.
    LocalOffice,
    /// The company is a member of a Press Council constituent association.
    AssociationMember,
}

impl Check {
    pub fn kind(&self) -> RuleKind {
        match self {
            Check::LegalFormAccepted => RuleKind::LegalFormAccepted,
            Check::PressCouncilAtLeast => RuleKind::PressCouncilAtLeast,
            Check::EditorCompetenceAtLeast { .. } => RuleKind::EditorCompetenceAtLeast,
            Check::StaffAtLeast { .. } => RuleKind::StaffAtLeast,
            Check::ActiveForMonths { .. } => RuleKind::ActiveForMonths,
            Check::PaidUpCapitalAtLeast { .. } => RuleKind::PaidUpCapitalAtLeast,
            Check::BroadcastLicence => RuleKind::BroadcastLicence,
            Check::LocalOffice => RuleKind::LocalOffice,
            Check::AssociationMember => RuleKind::AssociationMember,
        }
    }
}

/// One eligibility rule, switched on for some media types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub code: String,
    pub label: Label,
    pub media_types: Vec<MediaType>,
    pub check: Check,
}

/// The minimum Press Council standing for one media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PressCouncilMinimum {
    pub media_type: MediaType,
    pub minimum: PressCouncilStatus,
}

/// One choice of a scoring criterion and what it is worth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RubricOption {
    pub code: String,
    pub label: Label,
    pub points: u32,
}

/// A scoring criterion (circulation, visitors, reach, ...) and its options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub code: String,
    pub label: Label,
    pub media_types: Vec<MediaType>,
    pub options: Vec<RubricOption>,
}

/// A tier (*golongan*) reached with at least `min_points`; the rate card prices by tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub code: String,
    pub label: Label,
    pub min_points: u32,
}

/// Something a region buys from the press, and the unit it is counted in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub code: String,
    pub label: Label,
    /// The unit of a quantity: "tayang", "edisi per bulan", "menit".
    pub unit: Label,
}

/// The highest unit price an agreement may set for a product, by media type and tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Rate {
    pub media_type: MediaType,
    pub tier: String,
    pub product: String,
    pub max_unit_price: Rupiah,
    /// Whether the price includes VAT (regional price lists usually state tax-inclusive maxima).
    pub tax_inclusive: bool,
    /// Where the price comes from: the Perbup annex, an SK, the regional standard price list.
    pub legal_basis: String,
}

/// Tax settings that change with the law, so they are data: rates in basis points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TaxSettings {
    /// Withholding income tax (PPh 23) on the amount before VAT: 200 = 2 %.
    pub pph23_bp: BasisPoints,
    /// PPh 23 for a payee without an NPWP (100 % higher).
    pub pph23_without_npwp_bp: BasisPoints,
    /// The nominal VAT rate: 1200 = 12 %.
    pub vat_bp: BasisPoints,
    /// VAT is charged on `numerator / denominator` of the price (11/12 since PMK 131/2024).
    pub vat_base_numerator: u32,
    pub vat_base_denominator: u32,
    /// Documents over this amount carry stamp duty.
    pub stamp_duty_threshold: Rupiah,
    pub stamp_duty: Rupiah,
}

vocabulary! {
    /// The documents Mitra numbers.
    pub enum NumberedDocument ("numbered document") {
        Agreement = "agreement",
        Order = "order",
        Acceptance = "acceptance",
        Decision = "decision",
    }
}

/// How a kind of document is numbered: `{seq}` (or `{seq:4}`, zero-padded), `{year}`, `{month}`
/// (roman, as Indonesian letters number them) and `{unit}` (the issuing unit's code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NumberingPattern {
    pub document: NumberedDocument,
    #[cfg_attr(feature = "openapi", schema(example = "{seq:3}/PKS/{unit}/{month}/{year}"))]
    pub pattern: String,
}

impl NumberingPattern {
    /// The official number of the `sequence`th document of `year`, issued in `month` (1-12) by
    /// the unit with code `unit`: `{seq:3}/PKS/{unit}/{month}/{year}` gives `007/PKS/DISKOMINFO/III/2026`.
    /// A pattern is checked when its policy is saved; an unknown placeholder is kept as written.
    pub fn render(&self, sequence: u64, year: i32, month: u32, unit: &str) -> String {
        let mut out = String::new();
        let mut rest = self.pattern.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}').map(|c| c + open) else { break };
            let placeholder = &rest[open + 1..close];
            match placeholder {
                "seq" => out.push_str(&sequence.to_string()),
                "year" => out.push_str(&year.to_string()),
                "month" => out.push_str(roman_month(month)),
                "unit" => out.push_str(unit),
                other => match other.strip_prefix("seq:").and_then(|width| width.parse::<usize>().ok()) {
                    Some(width) => out.push_str(&format!("{sequence:0width$}")),
                    None => out.push_str(&rest[open..=close]),
                },
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// Indonesian letters number months in roman numerals.
fn roman_month(month: u32) -> &'static str {
    const ROMAN: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    ROMAN.get(month.saturating_sub(1) as usize).copied().unwrap_or("?")
}

vocabulary! {
    /// The kind of a regulation, from national law down to a regent's decree.
    pub enum RegulationKind ("regulation kind") {
        /// Undang-undang.
        Uu = "uu",
        /// Peraturan pemerintah.
        Pp = "pp",
        Perpres = "perpres",
        /// A minister's regulation (Permen, PMK).
        Permen = "permen",
        /// A regional regulation (Perda).
        Perda = "perda",
        Pergub = "pergub",
        Perbup = "perbup",
        Perwali = "perwali",
        /// A decree (Surat Keputusan), e.g. the regional standard price list.
        Sk = "sk",
    }
}

/// A regulation a policy rests on, as an admin records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRegulation {
    pub kind: RegulationKind,
    /// As printed: "54", "141/PMK.03/2015".
    pub number: String,
    pub year: i32,
    pub title: String,
    #[serde(default)]
    pub effective_from: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub effective_until: Option<chrono::NaiveDate>,
}

/// A regulation's number as printed.
pub struct RegulationNumber;

impl TextRule for RegulationNumber {
    const MIN: u64 = 1;
    const MAX: u64 = 64;
}

/// A regulation's title.
pub struct RegulationTitle;

impl TextRule for RegulationTitle {
    const MIN: u64 = 3;
    const MAX: u64 = 500;
}

impl NewRegulation {
    /// The years a regulation in force can carry: from independence on.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

    pub fn check(&self) -> Result<(), Violations> {
        let mut out = Violations::new();
        out.check("number", bounded_text(&self.number, RegulationNumber::MIN, RegulationNumber::MAX, "number"));
        if !Self::YEARS.contains(&self.year) {
            out.push(Violation::new("year", ViolationCode::OutOfRange, "a year between 1945 and 2100"));
        }
        out.check("title", bounded_text(&self.title, RegulationTitle::MIN, RegulationTitle::MAX, "title"));
        if let (Some(from), Some(until)) = (self.effective_from, self.effective_until)
            && until < from
        {
            out.push(Violation::new("effective_until", ViolationCode::InvalidValue, "ends before it starts"));
        }
        if out.is_empty() { Ok(()) } else { Err(out) }
    }
}

/// A region's policy for a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub accepted_legal_forms: Vec<LegalForm>,
    pub press_council_minimums: Vec<PressCouncilMinimum>,
    pub requirements: Vec<Requirement>,
    pub rules: Vec<Rule>,
    pub rubric: Vec<Criterion>,
    pub tiers: Vec<Tier>,
    pub products: Vec<Product>,
    pub rate_card: Vec<Rate>,
    pub tax: TaxSettings,
    pub numbering: Vec<NumberingPattern>,
}

impl Policy {
    /// Judges the whole document: every code well-formed and unique in its list, every reference
    /// (a rate's tier and product) to something the policy defines, every number in range. Each
    /// refusal names its place, `rate_card[3].product`.
    pub fn check(&self) -> Result<(), Violations> {
        let mut out = Violations::new();
        let mut refuse = |field: String, code: ViolationCode, message: &str| {
            out.push(Violation::new(field, code, message));
        };

        if self.accepted_legal_forms.is_empty() {
            refuse("accepted_legal_forms".into(), ViolationCode::Required, "accept at least one legal form");
        }
        let mut minimum_for: BTreeSet<MediaType> = BTreeSet::new();
        for (index, minimum) in self.press_council_minimums.iter().enumerate() {
            if !minimum_for.insert(minimum.media_type) {
                refuse(
                    format!("press_council_minimums[{index}].media_type"),
                    ViolationCode::InvalidValue,
                    "each media type has one minimum",
                );
            }
        }

        codes("requirements", self.requirements.iter().map(|r| (&r.code, &r.label)), &mut refuse);
        for (index, requirement) in self.requirements.iter().enumerate() {
            let at = |field: &str| format!("requirements[{index}].{field}");
            media_types(&at("media_types"), &requirement.media_types, &mut refuse);
            if requirement.file_types.is_empty() {
                refuse(at("file_types"), ViolationCode::Required, "accept at least one file type");
            }
            if requirement.max_size_bytes == 0 || requirement.max_size_bytes > MAX_DOCUMENT_BYTES {
                refuse(at("max_size_bytes"), ViolationCode::OutOfRange, "between 1 byte and 20 MiB");
            }
        }

        codes("rules", self.rules.iter().map(|r| (&r.code, &r.label)), &mut refuse);
        for (index, rule) in self.rules.iter().enumerate() {
            media_types(&format!("rules[{index}].media_types"), &rule.media_types, &mut refuse);
            if rule.check == Check::PressCouncilAtLeast
                && let Some(missing) = rule.media_types.iter().find(|media| !minimum_for.contains(media))
            {
                refuse(
                    format!("rules[{index}].media_types"),
                    ViolationCode::InvalidValue,
                    &format!("no Press Council minimum is set for {missing}"),
                );
            }
        }

        codes("rubric", self.rubric.iter().map(|c| (&c.code, &c.label)), &mut refuse);
        for (index, criterion) in self.rubric.iter().enumerate() {
            media_types(&format!("rubric[{index}].media_types"), &criterion.media_types, &mut refuse);
            let options = format!("rubric[{index}].options");
            if criterion.options.is_empty() {
                refuse(options.clone(), ViolationCode::Required, "a criterion needs at least one option");
            }
            codes(&options, criterion.options.iter().map(|o| (&o.code, &o.label)), &mut refuse);
        }

        let tiers = codes("tiers", self.tiers.iter().map(|t| (&t.code, &t.label)), &mut refuse);
        if self.tiers.is_empty() {
            refuse("tiers".into(), ViolationCode::Required, "define at least one tier");
        }
        if !self.tiers.iter().any(|tier| tier.min_points == 0) {
            refuse(
                "tiers".into(),
                ViolationCode::InvalidValue,
                "one tier must start at 0 points so every score has a tier",
            );
        }
        let mut thresholds: Vec<u32> = self.tiers.iter().map(|tier| tier.min_points).collect();
        thresholds.sort_unstable();
        if thresholds.windows(2).any(|pair| pair[0] == pair[1]) {
            refuse("tiers".into(), ViolationCode::InvalidValue, "two tiers start at the same score");
        }

        let products = codes("products", self.products.iter().map(|p| (&p.code, &p.label)), &mut refuse);
        for (index, product) in self.products.iter().enumerate() {
            label(&format!("products[{index}].unit"), &product.unit, &mut refuse);
        }

        let mut priced: BTreeSet<(MediaType, &str, &str)> = BTreeSet::new();
        for (index, rate) in self.rate_card.iter().enumerate() {
            let at = |field: &str| format!("rate_card[{index}].{field}");
            if !tiers.contains(rate.tier.as_str()) {
                refuse(at("tier"), ViolationCode::UnknownReference, "no such tier in this policy");
            }
            if !products.contains(rate.product.as_str()) {
                refuse(at("product"), ViolationCode::UnknownReference, "no such product in this policy");
            }
            if !priced.insert((rate.media_type, &rate.tier, &rate.product)) {
                refuse(at("product"), ViolationCode::InvalidValue, "this media type, tier and product is priced twice");
            }
            if rate.legal_basis.trim().is_empty() {
                refuse(at("legal_basis"), ViolationCode::Required, "say where the price comes from");
            }
        }

        let tax = &self.tax;
        for (field, rate) in [
            ("tax.pph23_bp", tax.pph23_bp),
            ("tax.pph23_without_npwp_bp", tax.pph23_without_npwp_bp),
            ("tax.vat_bp", tax.vat_bp),
        ] {
            if rate > FULL {
                refuse(field.into(), ViolationCode::OutOfRange, "a rate is at most 10000 basis points (100 %)");
            }
        }
        if tax.vat_base_denominator == 0 || tax.vat_base_numerator > tax.vat_base_denominator {
            refuse(
                "tax.vat_base_numerator".into(),
                ViolationCode::OutOfRange,
                "the VAT base is a fraction of at most 1",
            );
        }

        let mut numbered: BTreeSet<NumberedDocument> = BTreeSet::new();
        for (index, numbering) in self.numbering.iter().enumerate() {
            if !numbered.insert(numbering.document) {
                refuse(format!("numbering[{index}].document"), ViolationCode::InvalidValue, "numbered twice");
            }
            if let Err(why) = check_pattern(&numbering.pattern) {
                refuse(format!("numbering[{index}].pattern"), ViolationCode::InvalidFormat, why);
            }
        }

        if out.is_empty() { Ok(()) } else { Err(out) }
    }

    /// The requirements that apply to an outlet of `media_type`.
    pub fn requirements_for(&self, media_type: MediaType) -> impl Iterator<Item = &Requirement> {
        self.requirements.iter().filter(move |requirement| requirement.media_types.contains(&media_type))
    }

    /// The rules that apply to an outlet of `media_type`.
    pub fn rules_for(&self, media_type: MediaType) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |rule| rule.media_types.contains(&media_type))
    }

    /// The policy's minimum Press Council standing for `media_type`.
    /// The rate card's entry for a product sold by an outlet of `media_type` in `tier`.
    pub fn rate(&self, media_type: MediaType, tier: &str, product: &str) -> Option<&Rate> {
        self.rate_card.iter().find(|rate| rate.media_type == media_type && rate.tier == tier && rate.product == product)
    }

    pub fn product(&self, code: &str) -> Option<&Product> {
        self.products.iter().find(|product| product.code == code)
    }

    /// How `document` is numbered, if the policy says.
    pub fn numbering_of(&self, document: NumberedDocument) -> Option<&NumberingPattern> {
        self.numbering.iter().find(|numbering| numbering.document == document)
    }

    pub fn press_council_minimum(&self, media_type: MediaType) -> Option<PressCouncilStatus> {
        self.press_council_minimums.iter().find(|m| m.media_type == media_type).map(|m| m.minimum)
    }
}

/// An edit of a policy version: each section given replaces that section whole; the result is
/// judged whole again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyChanges {
    pub accepted_legal_forms: Option<Vec<LegalForm>>,
    pub press_council_minimums: Option<Vec<PressCouncilMinimum>>,
    pub requirements: Option<Vec<Requirement>>,
    pub rules: Option<Vec<Rule>>,
    pub rubric: Option<Vec<Criterion>>,
    pub tiers: Option<Vec<Tier>>,
    pub products: Option<Vec<Product>>,
    pub rate_card: Option<Vec<Rate>>,
    pub tax: Option<TaxSettings>,
    pub numbering: Option<Vec<NumberingPattern>>,
}

impl PolicyChanges {
    /// `policy` with the given sections replaced, judged whole.
    pub fn apply(self, mut policy: Policy) -> Result<Policy, Violations> {
        macro_rules! replace {
            ($($section:ident),+) => { $(if let Some(value) = self.$section { policy.$section = value; })+ };
        }
        replace!(
            accepted_legal_forms,
            press_council_minimums,
            requirements,
            rules,
            rubric,
            tiers,
            products,
            rate_card,
            tax,
            numbering
        );
        policy.check()?;
        Ok(policy)
    }
}

/// A fiscal year, which in Indonesia is the calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "i32", into = "i32")]
pub struct FiscalYear(i32);

impl FiscalYear {
    pub const FIRST: i32 = 2000;
    pub const LAST: i32 = 2100;

    pub fn parse(year: i32) -> Result<Self, Violation> {
        if (Self::FIRST..=Self::LAST).contains(&year) {
            Ok(FiscalYear(year))
        } else {
            Err(Violation::new(
                "",
                ViolationCode::OutOfRange,
                format!("a fiscal year between {} and {}", Self::FIRST, Self::LAST),
            ))
        }
    }

    pub fn year(self) -> i32 {
        self.0
    }
}

impl TryFrom<i32> for FiscalYear {
    type Error = Violation;

    fn try_from(year: i32) -> Result<Self, Violation> {
        FiscalYear::parse(year)
    }
}

impl From<FiscalYear> for i32 {
    fn from(year: FiscalYear) -> i32 {
        year.0
    }
}

/// Codes are short, lower-case and stable: documents, decisions and rates refer to them.
fn code_shape(code: &str) -> bool {
    let lower = (1..=40).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-'));
    let tier = (1..=8).contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    lower || tier
}

/// Checks each item's code and label, and that codes are unique in the list; returns the codes.
fn codes<'a>(
    list: &str,
    items: impl Iterator<Item = (&'a String, &'a Label)>,
    refuse: &mut impl FnMut(String, ViolationCode, &str),
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for (index, (code, name)) in items.enumerate() {
        if !code_shape(code) {
            refuse(
                format!("{list}[{index}].code"),
                ViolationCode::InvalidFormat,
                "a code is a-z, 0-9, '_' and '-' (up to 40), or a short upper-case tier code like A",
            );
        } else if !seen.insert(code.as_str()) {
            refuse(format!("{list}[{index}].code"), ViolationCode::InvalidValue, "this code is used twice");
        }
        label(&format!("{list}[{index}].label"), name, refuse);
    }
    seen
}

fn label(field: &str, label: &Label, refuse: &mut impl FnMut(String, ViolationCode, &str)) {
    for (language, text) in [("id", &label.id), ("en", &label.en)] {
        let length = text.trim().chars().count();
        if length == 0 || length > 200 || text.chars().any(char::is_control) {
            refuse(format!("{field}.{language}"), ViolationCode::InvalidValue, "a label is 1-200 characters of text");
        }
    }
}

fn media_types(field: &str, media: &[MediaType], refuse: &mut impl FnMut(String, ViolationCode, &str)) {
    if media.is_empty() {
        refuse(field.into(), ViolationCode::Required, "name at least one media type");
    }
}

/// A numbering pattern: literal text and known `{placeholders}`, with exactly one sequence.
fn check_pattern(pattern: &str) -> Result<(), &'static str> {
    if pattern.is_empty() || pattern.chars().count() > 100 || pattern.chars().any(char::is_control) {
        return Err("a pattern is 1-100 characters of text");
    }
    let mut sequences = 0;
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').ok_or("a '{' is not closed")? + open;
        match &rest[open + 1..close] {
            "year" | "month" | "unit" => {}
            "seq" => sequences += 1,
            other => match other.strip_prefix("seq:").map(str::parse::<u8>) {
                Some(Ok(1..=8)) => sequences += 1,
                _ => return Err("placeholders are {seq}, {seq:N} (N 1-8), {year}, {month} and {unit}"),
            },
        }
        rest = &rest[close + 1..];
    }
    match sequences {
        1 => Ok(()),
        0 => Err("a pattern needs its {seq}"),
        _ => Err("a pattern has one {seq}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(text: &str) -> Label {
        Label { id: text.into(), en: text.into() }
    }

    fn minimal() -> Policy {
        Policy {
            accepted_legal_forms: vec![LegalForm::Pt],
            press_council_minimums: vec![PressCouncilMinimum {
                media_type: MediaType::Online,
                minimum: PressCouncilStatus::AdministrativelyVerified,
            }],
            requirements: vec![Requirement {
                code: "npwp".into(),
                label: label("NPWP"),
                media_types: vec![MediaType::Online],
                mandatory: true,
                needs_expiry: false,
                file_types: vec![FileType::Pdf],
                max_size_bytes: 2_000_000,
            }],
            rules: vec![Rule {
                code: "dewan_pers".into(),
                label: label("Dewan Pers"),
                media_types: vec![MediaType::Online],
                check: Check::PressCouncilAtLeast,
            }],
            rubric: vec![],
            tiers: vec![Tier { code: "A".into(), label: label("A"), min_points: 0 }],
            products: vec![Product { code: "advertorial".into(), label: label("Advertorial"), unit: label("tayang") }],
            rate_card: vec![Rate {
                media_type: MediaType::Online,
                tier: "A".into(),
                product: "advertorial".into(),
                max_unit_price: Rupiah::new(1_000_000).unwrap_or_default(),
                tax_inclusive: true,
                legal_basis: "Perbup".into(),
            }],
            tax: TaxSettings {
                pph23_bp: 200,
                pph23_without_npwp_bp: 400,
                vat_bp: 1200,
                vat_base_numerator: 11,
                vat_base_denominator: 12,
                stamp_duty_threshold: Rupiah::new(5_000_000).unwrap_or_default(),
                stamp_duty: Rupiah::new(10_000).unwrap_or_default(),
            },
            numbering: vec![NumberingPattern {
                document: NumberedDocument::Order,
                pattern: "{seq:3}/SP/{year}".into(),
            }],
        }
    }

    fn refusals(policy: &Policy) -> Vec<(String, ViolationCode)> {
        policy.check().err().map(|v| v.into_vec().into_iter().map(|v| (v.field, v.code)).collect()).unwrap_or_default()
    }

    #[test]
    fn a_coherent_policy_passes() {
        assert_eq!(refusals(&minimal()), vec![]);
    }

    #[test]
    fn rates_must_name_a_tier_and_product_of_the_policy() {
        let mut policy = minimal();
        policy.rate_card[0].tier = "Z".into();
        policy.rate_card[0].product = "billboard".into();
        assert_eq!(
            refusals(&policy),
            [
                ("rate_card[0].tier".into(), ViolationCode::UnknownReference),
                ("rate_card[0].product".into(), ViolationCode::UnknownReference)
            ]
        );
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut policy = minimal();
        policy.requirements.push(policy.requirements[0].clone());
        policy.rules[0].code = "Dewan Pers!".into();
        assert_eq!(
            refusals(&policy),
            [
                ("requirements[1].code".into(), ViolationCode::InvalidValue),
                ("rules[0].code".into(), ViolationCode::InvalidFormat)
            ]
        );
    }

    #[test]
    fn every_score_has_a_tier_and_a_press_council_rule_has_its_minimum() {
        let mut policy = minimal();
        policy.tiers[0].min_points = 10;
        policy.rules[0].media_types.push(MediaType::Tv);
        assert_eq!(
            refusals(&policy),
            [
                ("rules[0].media_types".into(), ViolationCode::InvalidValue),
                ("tiers".into(), ViolationCode::InvalidValue)
            ]
        );
    }

    #[test]
    fn numbers_are_rendered_as_indonesian_letters_write_them() {
        let pattern = NumberingPattern {
            document: NumberedDocument::Agreement,
            pattern: "{seq:3}/PKS/{unit}/{month}/{year}".into(),
        };
        assert_eq!(pattern.render(7, 2026, 3, "DISKOMINFO"), "007/PKS/DISKOMINFO/III/2026");
        assert_eq!(pattern.render(1234, 2026, 12, "X"), "1234/PKS/X/XII/2026");
        let plain = NumberingPattern { document: NumberedDocument::Order, pattern: "SP-{year}-{seq}".into() };
        assert_eq!(plain.render(12, 2027, 1, "X"), "SP-2027-12");
    }

    #[test]
    fn numbering_patterns_need_one_sequence_and_known_placeholders() {
        for good in ["{seq}/PKS/{year}", "{seq:4}/SP/{unit}/{month}/{year}"] {
            assert_eq!(check_pattern(good), Ok(()), "{good}");
        }
        for bad in ["PKS/{year}", "{seq}/{seq}", "{seq:0}", "{sequence}", "{seq", ""] {
            assert!(check_pattern(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn changes_replace_whole_sections_and_are_judged_whole() {
        let policy = minimal();
        let mut tiers = policy.tiers.clone();
        tiers.push(Tier { code: "B".into(), label: label("B"), min_points: 40 });
        let changed = PolicyChanges { tiers: Some(tiers), ..Default::default() }.apply(policy.clone());
        assert_eq!(changed.map(|p| p.tiers.len()), Ok(2));
        let broken = PolicyChanges { products: Some(vec![]), ..Default::default() }.apply(policy);
        let fields: Vec<String> =
            broken.err().map(|v| v.into_vec().into_iter().map(|v| v.field).collect()).unwrap_or_default();
        assert_eq!(fields, ["rate_card[0].product"], "removing a priced product is refused");
    }

    #[test]
    fn fiscal_years_are_bounded() {
        assert!(FiscalYear::parse(2026).is_ok());
        assert!(FiscalYear::parse(1999).is_err() && FiscalYear::parse(2101).is_err());
        assert!(serde_json::from_str::<FiscalYear>("1900").is_err());
    }

    #[test]
    fn documents_travel_as_the_preset_file_writes_them() {
        let policy = minimal();
        let json = serde_json::to_value(&policy).unwrap_or_default();
        assert_eq!(json["rules"][0]["check"], serde_json::json!({ "kind": "press_council_at_least" }));
        assert_eq!(json["rate_card"][0]["max_unit_price"]["amount"], "1000000");
        assert_eq!(serde_json::from_value::<Policy>(json).ok(), Some(policy));
    }
}
