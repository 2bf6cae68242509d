//! The demo's year of money, consistent with every rule because it is made by the same commands
//! an officer's clicks run: two applications taken to approval, the unit's budget lines (one
//! revised), an agreement with each company, and orders at every point of their life - waiting
//! for the company, published with a proof to review, proven and not yet billed, billed and
//! waiting for the acceptance record, paid, and cancelled.

use chrono::{Days, NaiveDate};
use mitra_domain::agreements::{
    AgreementKind, AgreementLine, AgreementStep, Negotiation, StepRequest, Terms, TermsRequest,
};
use mitra_domain::applications::{ChecklistItem, Review, ReviewStatus, SiteVisit, Step, VisitConclusion};
use mitra_domain::budget::{CeilingRevision, NewBudgetLine};
use mitra_domain::content::{ContentKind, NewContent};
use mitra_domain::eligibility::Answer;
use mitra_domain::files::FileType;
use mitra_domain::finance::{NewInvoice, NewPayment};
use mitra_domain::money::Rupiah;
use mitra_domain::orders::{NewOrder, OrderStep};
use mitra_domain::policy::{FiscalYear, Policy};
use mitra_domain::proofs::{EVIDENCE_MAX_BYTES, NewProof, ProofDetails, ProofKind, ProofReview, ProofStatus};
use mitra_domain::{Violation, Violations};
use mitra_persistence::agreements::AgreementRecord;
use mitra_persistence::applications::documents::{self, FileRef};
use mitra_persistence::applications::{self, visits};
use mitra_persistence::files::FileStore;
use mitra_persistence::orders::OrderRecord;
use mitra_persistence::{StoreError, Tx, agreements, budget, content, finance, orders, proofs};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::press::SeededOutlet;

fn rp(amount: i64) -> Result<Rupiah, StoreError> {
    Rupiah::new(amount).map_err(invalid)
}

fn invalid(violation: Violation) -> StoreError {
    StoreError::Invalid(Violations::from(violation))
}

/// Takes an application of `outlet` from creation to approval, as the verifier and the head of
/// office would: every mandatory document handed in and accepted, scored with `answers`,
/// visited, verified, approved.
async fn approve(
    tx: &mut Tx,
    year: FiscalYear,
    today: NaiveDate,
    policy: &Policy,
    outlet: &SeededOutlet,
    files: &[(String, FileRef)],
    answers: &[(&str, &str)],
) -> Result<Uuid, StoreError> {
    let application = applications::create(tx, outlet.id, year, today).await?;
    let mandatory = policy.requirements.iter().filter(|r| r.mandatory && r.media_types.contains(&outlet.media_type));
    let mut handed_in = Vec::new();
    for requirement in mandatory {
        let Some((_, file)) = files.iter().find(|(code, _)| *code == requirement.code) else { continue };
        let expires_on = requirement.needs_expiry.then(|| today.checked_add_days(Days::new(700)).unwrap_or(today));
        handed_in.push(documents::add(tx, application.id, &requirement.code, file.clone(), expires_on).await?);
    }
    let step = |step: Step| applications_step(step);
    let mut version =
        applications::take_step(tx, application.id, application.version, step(Step::Submit), today).await?.version;
    version = applications::take_step(tx, application.id, version, step(Step::StartReview), today).await?.version;
    for document in handed_in {
        let accepted = Review::new(ReviewStatus::Accepted, None).map_err(invalid)?;
        documents::review(tx, document.id, document.version, accepted).await?;
    }
    let answers = answers.iter().map(|(c, o)| Answer { criterion: (*c).into(), option: (*o).into() }).collect();
    version = applications::score(tx, application.id, version, answers).await?.version;
    let checklist = [
        ChecklistItem { item: "Kantor redaksi ada di alamat yang didaftarkan".into(), ok: true, note: None },
        ChecklistItem { item: "Papan nama dan struktur redaksi terpasang".into(), ok: true, note: None },
    ];
    let team = ["Verifikator Media".to_owned(), "Staf Humas Diskominfo".to_owned()];
    let visit = SiteVisit::new(today, &team, &checklist, VisitConclusion::Confirmed, None, today)
        .map_err(StoreError::Invalid)?;
    visits::record(tx, application.id, visit).await?;
    version = applications::take_step(tx, application.id, version, step(Step::Verify), today).await?.version;
    applications::take_step(tx, application.id, version, step(Step::Approve), today).await?;
    Ok(application.id)
}

fn applications_step(step: Step) -> mitra_domain::applications::StepRequest {
    mitra_domain::applications::StepRequest { step, reason: None }
}

/// One negotiated line: offered at the rate card's maximum, agreed at `agreed`.
fn line(product: &str, quota: u32, offered: i64, agreed: i64) -> Result<AgreementLine, StoreError> {
    Ok(AgreementLine {
        product: product.into(),
        quota,
        negotiation: Negotiation {
            offered: rp(offered)?,
            reference: rp(offered)?,
            agreed: rp(agreed)?,
            note: Some("Ditawar dari standar harga; disepakati dalam rapat negosiasi".into()),
        },
    })
}

/// Partnership terms on `budget_line` for `period` up to `ceiling`.
fn terms(
    budget_line: Uuid,
    title: &str,
    (starts_on, ends_on): (NaiveDate, NaiveDate),
    ceiling: i64,
    lines: Vec<AgreementLine>,
) -> Result<Terms, StoreError> {
    Terms::new(TermsRequest {
        kind: AgreementKind::Partnership,
        title,
        external_order_id: None,
        budget_line_id: budget_line,
        starts_on,
        ends_on,
        ceiling: rp(ceiling)?,
        lines,
    })
    .map_err(StoreError::Invalid)
}

/// Drafts, signs and returns an agreement of `application` on `terms`.
async fn sign(tx: &mut Tx, application: Uuid, terms: Terms, today: NaiveDate) -> Result<AgreementRecord, StoreError> {
    let draft = agreements::create(tx, application, terms, today).await?;
    let activate = StepRequest::new(AgreementStep::Activate, None, None).map_err(StoreError::Invalid)?;
    agreements::take_step(tx, draft.id, draft.version, activate, today).await
}

/// Issues an order of `quantity` under the agreement's line for `product`.
async fn order(
    tx: &mut Tx,
    agreement: &AgreementRecord,
    product: &str,
    quantity: u32,
    (subject, content): (&str, Option<Uuid>),
    due_until: NaiveDate,
    today: NaiveDate,
) -> Result<OrderRecord, StoreError> {
    let line = agreement.lines.iter().find(|line| line.product == product).ok_or(StoreError::NotFound)?;
    let new =
        NewOrder::new(line.id, quantity, subject, None, content, today, due_until).map_err(StoreError::Invalid)?;
    Ok(orders::issue(tx, new, today).await?.order)
}

async fn step(
    tx: &mut Tx,
    order: OrderRecord,
    step: OrderStep,
    reason: Option<&str>,
) -> Result<OrderRecord, StoreError> {
    let request = mitra_domain::orders::StepRequest::new(step, reason).map_err(invalid)?;
    orders::take_step(tx, order.id, order.version, request).await
}

/// Hands in proofs (`kind`, each of `per_proof` units, `count` of them) for an accepted order
/// and, unless `review` is `None`, reviews them all that way.
#[allow(clippy::too_many_arguments, reason = "one call per proof scenario of the demo, each named at its call")]
async fn prove(
    tx: &mut Tx,
    order: &OrderRecord,
    proof: impl Fn(usize) -> (ProofKind, ProofDetails),
    count: usize,
    per_proof: u32,
    evidence: Option<&FileRef>,
    review: Option<ProofStatus>,
    today: NaiveDate,
) -> Result<(), StoreError> {
    for n in 0..count {
        let (kind, details) = proof(n);
        let new = NewProof::new(kind, per_proof, true, details, None).map_err(StoreError::Invalid)?;
        let submitted = proofs::submit(tx, order.id, new, today).await?;
        if let Some(file) = evidence {
            proofs::attach(tx, submitted.id, file.clone()).await?;
        }
        if let Some(status) = review {
            let verdict = ProofReview::new(status, None).map_err(invalid)?;
            proofs::review(tx, submitted.id, submitted.version, verdict).await?;
        }
    }
    Ok(())
}

/// The demo's radio spot as aired: a short MP3 (an ID3 tag naming it, then silent frames),
/// stored before the write that attaches it to the broadcast log.
pub async fn recording(store: &FileStore) -> anyhow::Result<FileRef> {
    let title = "ILM pencegahan kebakaran hutan dan lahan - Gema Lempuing FM";
    let mut frame = vec![0x00, 0x00, 0x00];
    frame.extend_from_slice(title.as_bytes());
    let mut tag = b"ID3\x04\x00\x00".to_vec();
    let body_len = 10 + frame.len();
    // ID3 sizes are "synchsafe": seven bits per byte.
    let synchsafe = |n: usize| [(n >> 21) as u8 & 0x7F, (n >> 14) as u8 & 0x7F, (n >> 7) as u8 & 0x7F, n as u8 & 0x7F];
    tag.extend_from_slice(&synchsafe(body_len));
    tag.extend_from_slice(b"TIT2");
    tag.extend_from_slice(&synchsafe(frame.len()));
    tag.extend_from_slice(&[0, 0]);
    tag.extend_from_slice(&frame);
    // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417-byte frames, all zero after the header (silence),
    // about two seconds of them.
    for _ in 0..77 {
        tag.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
        tag.extend(std::iter::repeat_n(0u8, 413));
    }
    let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(actix_web::web::Bytes::from(tag))]);
    let file = store.put(chunks, &[FileType::Mp3], EVIDENCE_MAX_BYTES).await?;
    let name = "ilm-karhutla-gema-lempuing-fm.mp3".to_owned();
    Ok(FileRef { sha256: file.sha256, name, file_type: file.file_type, size: file.size })
}

fn page(outlet: &str, slug: &str) -> impl Fn(usize) -> (ProofKind, ProofDetails) {
    let outlet = outlet.to_owned();
    let slug = slug.to_owned();
    move |n| {
        let url = format!("https://{outlet}/advertorial/{slug}-{n}");
        // The demo has no captured page: the digest of its address stands in for the content's.
        let digest: String = Sha256::digest(url.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect();
        let details = ProofDetails {
            url: Some(url),
            captured_at: Some(chrono::Utc::now()),
            content_sha256: Some(digest),
            ..ProofDetails::default()
        };
        (ProofKind::Url, details)
    }
}

/// The files the demo's write refers to, stored before it: a document for every requirement of
/// the policy (by its code), and the radio spot's recording.
pub struct DemoFiles {
    pub documents: Vec<(String, FileRef)>,
    pub recording: FileRef,
}

/// The money of the demo's year, inside the demo's write.
pub async fn seed(
    tx: &mut Tx,
    year: FiscalYear,
    today: NaiveDate,
    policy: &Policy,
    outlets: &[SeededOutlet],
    files: &DemoFiles,
    unit_id: Uuid,
) -> Result<(), StoreError> {
    let (Some(online), Some(radio)) = (
        outlets.iter().find(|o| o.name == "cahayasriwijaya.example.id"),
        outlets.iter().find(|o| o.name == "Gema Lempuing FM"),
    ) else {
        return Ok(());
    };
    // 30 + 30 + 10 points: tier A for the online outlet; 10 + 30 + 20: tier B for the radio.
    let online_app = approve(
        tx,
        year,
        today,
        policy,
        online,
        &files.documents,
        &[("kunjungan", "10rb_sampai_100rb"), ("frekuensi", "harian"), ("usia_media", "1_sampai_5_tahun")],
    )
    .await?;
    let radio_app = approve(
        tx,
        year,
        today,
        policy,
        radio,
        &files.documents,
        &[("jangkauan_siaran", "kabupaten"), ("frekuensi", "harian"), ("usia_media", "di_atas_5_tahun")],
    )
    .await?;

    let advertising = NewBudgetLine::new(
        unit_id,
        year,
        "5.1.02.02.01.0063",
        "Belanja Jasa Iklan/Reklame, Film, dan Pemotretan",
        rp(500_000_000)?,
    )
    .map_err(StoreError::Invalid)?;
    let advertising = budget::create(tx, advertising).await?;
    let cut = CeilingRevision::new(rp(450_000_000)?, "APBD Perubahan: efisiensi belanja publikasi").map_err(invalid)?;
    budget::revise(tx, advertising.id, advertising.version, cut).await?;
    let subscriptions = NewBudgetLine::new(
        unit_id,
        year,
        "5.1.02.01.01.0026",
        "Belanja Langganan Jurnal/Surat Kabar/Majalah",
        rp(36_000_000)?,
    )
    .map_err(StoreError::Invalid)?;
    budget::create(tx, subscriptions).await?;

    let year_start = NaiveDate::from_ymd_opt(year.year(), 1, 1).unwrap_or(today);
    let year_end = NaiveDate::from_ymd_opt(year.year(), 12, 31).unwrap_or(today);
    let period = (today.checked_sub_days(Days::new(30)).unwrap_or(today).max(year_start), year_end);
    let online_terms = terms(
        advertising.id,
        "Publikasi program Pemerintah Kabupaten OKI di media daring",
        period,
        60_000_000,
        vec![line("advertorial", 24, 2_000_000, 1_800_000)?, line("rilis_berita", 48, 500_000, 450_000)?],
    )?;
    let online_agreement = sign(tx, online_app, online_terms, today).await?;
    let radio_terms = terms(
        advertising.id,
        "Iklan layanan masyarakat dan siaran langsung di radio",
        period,
        30_000_000,
        vec![
            line("iklan_layanan_masyarakat", 120, 200_000, 180_000)?,
            line("siaran_langsung", 6, 2_000_000, 1_900_000)?,
        ],
    )?;
    let radio_agreement = sign(tx, radio_app, radio_terms, today).await?;

    let due = today.checked_add_days(Days::new(21)).unwrap_or(today).min(year_end);
    let anniversary = NewContent::new(
        ContentKind::PressRelease,
        "Hari Jadi Kabupaten Ogan Komering Ilir",
        "Kayuagung - Pemerintah Kabupaten Ogan Komering Ilir memperingati hari jadinya dengan upacara, \
         pameran UMKM dan lomba bidar di Sungai Komering.\n\nBupati mengajak warga menjaga kebersihan sungai.",
        today,
    )
    .map_err(StoreError::Invalid)?;
    let anniversary = content::create(tx, anniversary).await?;
    let fire = NewContent::new(
        ContentKind::Material,
        "Naskah ILM pencegahan kebakaran hutan dan lahan",
        "Jangan membakar lahan. Laporkan titik api ke posko terdekat atau hubungi 112.",
        today,
    )
    .map_err(StoreError::Invalid)?;
    let fire = content::create(tx, fire).await?;
    // Paid: two advertorials, proven, billed, accepted and paid into the verified account.
    let paid = order(
        tx,
        &online_agreement,
        "advertorial",
        2,
        ("Advertorial HUT Kabupaten OKI", Some(anniversary.id)),
        due,
        today,
    )
    .await?;
    let paid = step(tx, paid, OrderStep::Accept, None).await?;
    prove(tx, &paid, page("cahayasriwijaya.example.id", "hut-oki"), 2, 1, None, Some(ProofStatus::Verified), today)
        .await?;
    let paid = proofs::decide(tx, paid.id, paid.version + 1, OrderStep::VerifyProof, None).await?;
    let invoice_number = format!("INV/CSP/{}/001", year.year());
    let invoice = NewInvoice::new(online.company_id, &invoice_number, today, vec![paid.id], today)
        .map_err(StoreError::Invalid)?;
    let invoice = finance::record(tx, invoice).await?;
    let invoice = finance::accept(tx, invoice.id, invoice.version, today).await?;
    if let Some(account) = online.account_id {
        let sp2d = format!("0123/SP2D/BUD/{}", year.year());
        let payment =
            NewPayment::new(&sp2d, today, account, Some("BP23-2026-000041"), today).map_err(StoreError::Invalid)?;
        finance::pay(tx, invoice.id, payment).await?;
    }
    // Billed, waiting for its acceptance record: two press releases.
    let billed =
        order(tx, &online_agreement, "rilis_berita", 2, ("Rilis pembangunan jalan Kayuagung", None), due, today)
            .await?;
    let billed = step(tx, billed, OrderStep::Accept, None).await?;
    prove(
        tx,
        &billed,
        page("cahayasriwijaya.example.id", "jalan-kayuagung"),
        1,
        2,
        None,
        Some(ProofStatus::Verified),
        today,
    )
    .await?;
    let billed = proofs::decide(tx, billed.id, billed.version + 1, OrderStep::VerifyProof, None).await?;
    let second =
        NewInvoice::new(online.company_id, &format!("INV/CSP/{}/002", year.year()), today, vec![billed.id], today)
            .map_err(StoreError::Invalid)?;
    finance::record(tx, second).await?;
    // Published, its proof waiting for the verifier: four press releases.
    let published =
        order(tx, &online_agreement, "rilis_berita", 4, ("Rilis Pekan Kesehatan Daerah", None), due, today).await?;
    let published = step(tx, published, OrderStep::Accept, None).await?;
    prove(tx, &published, page("cahayasriwijaya.example.id", "pekan-kesehatan"), 1, 4, None, None, today).await?;
    // Waiting for the company's answer.
    order(tx, &online_agreement, "advertorial", 1, ("Advertorial Festival Bidar Kayuagung", None), due, today).await?;
    // Proven on air, not yet billed: thirty public service spots.
    let spots = order(
        tx,
        &radio_agreement,
        "iklan_layanan_masyarakat",
        30,
        ("ILM pencegahan kebakaran hutan dan lahan", Some(fire.id)),
        due,
        today,
    )
    .await?;
    let spots = step(tx, spots, OrderStep::Accept, None).await?;
    let broadcast = |_: usize| {
        let details = ProofDetails {
            published_on: Some(today),
            aired_at: chrono::NaiveTime::from_hms_opt(7, 30, 0),
            duration_seconds: Some(60),
            ..ProofDetails::default()
        };
        (ProofKind::BroadcastLog, details)
    };
    prove(tx, &spots, broadcast, 1, 30, Some(&files.recording), Some(ProofStatus::Verified), today).await?;
    proofs::decide(tx, spots.id, spots.version + 1, OrderStep::VerifyProof, None).await?;
    // Cancelled before anything aired.
    let live =
        order(tx, &radio_agreement, "siaran_langsung", 1, ("Siaran langsung Musrenbang Kabupaten", None), due, today)
            .await?;
    step(tx, live, OrderStep::Cancel, Some("Musrenbang dipindah ke tahun anggaran berikutnya")).await?;
    Ok(())
}
