//! This year's call in the demo: an open registration window and four applications at the
//! stages an officer and a verifier meet every day - a draft still gathering documents (one of
//! them expiring soon), one sent back for revision, one submitted, one in review - each
//! document a small generated PDF that says it is a demo file.

use chrono::{Days, NaiveDate};
use futures_util::stream;
use mitra_domain::applications::{Step, StepRequest, Window};
use mitra_domain::files::FileType;
use mitra_domain::policy::{FiscalYear, Policy};
use mitra_persistence::applications::documents::{self, FileRef};
use mitra_persistence::applications::{self, windows};
use mitra_persistence::files::FileStore;
use mitra_persistence::{StoreError, Tx};

use super::press::SeededOutlet;

/// A demo document's content: a one-page PDF naming what it stands for.
fn demo_pdf(title: &str) -> Vec<u8> {
    let text = format!("BT /F1 14 Tf 72 720 Td (Dokumen contoh demo Mitra: {title}) Tj ET");
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
         2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
         3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >> endobj\n\
         4 0 obj << /Length {} >> stream\n{text}\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        text.len()
    )
    .into_bytes()
}

/// Stores a demo file for every requirement of the policy, before the write that records them.
pub async fn files(store: &FileStore, policy: &Policy) -> anyhow::Result<Vec<(String, FileRef)>> {
    let mut stored = Vec::new();
    for requirement in &policy.requirements {
        let content = demo_pdf(&requirement.label.id);
        let chunks = stream::iter([Ok::<_, std::io::Error>(actix_web::web::Bytes::from(content))]);
        let file = store.put(chunks, &[FileType::Pdf], requirement.max_size_bytes).await?;
        let name = format!("{}.pdf", requirement.code);
        stored.push((
            requirement.code.clone(),
            FileRef { sha256: file.sha256, name, file_type: file.file_type, size: file.size },
        ));
    }
    Ok(stored)
}

/// A step the demo takes, with its reason.
type DemoStep = (Step, Option<&'static str>);

/// The demo's applications: outlet, how many of its mandatory documents are handed in (all when
/// `None`), and the steps taken.
const APPLICATIONS: &[(&str, Option<usize>, &[DemoStep])] = &[
    ("Kayuagung Terkini", None, &[(Step::Submit, None), (Step::StartReview, None)]),
    ("Harian Cahaya Sriwijaya", None, &[(Step::Submit, None)]),
    ("Suara Komering FM", Some(7), &[]),
    (
        "Ogan Ilir Pos",
        Some(9),
        &[
            (Step::Submit, None),
            (Step::StartReview, None),
            (Step::RequestRevision, Some("Lampirkan sertifikat UKW pemimpin redaksi dan bukti BPJS karyawan")),
        ],
    ),
];

/// Opens this year's window and makes the demo's applications, inside the demo's write.
pub async fn seed(
    tx: &mut Tx,
    year: FiscalYear,
    today: NaiveDate,
    policy: &Policy,
    outlets: &[SeededOutlet],
    files: &[(String, FileRef)],
) -> Result<(), StoreError> {
    let opens_on = today.checked_sub_days(Days::new(14)).unwrap_or(today);
    let closes_on = today.checked_add_days(Days::new(30)).unwrap_or(today);
    let note = "Pengumuman pembukaan kerja sama publikasi media massa; berkas diunggah lewat Diskominfo";
    let window = Window::new(year, opens_on, closes_on, Some(note)).map_err(StoreError::Invalid)?;
    windows::create(tx, window).await?;
    for (outlet_name, handed_in, steps) in APPLICATIONS {
        let Some(outlet) = outlets.iter().find(|outlet| outlet.name == *outlet_name) else { continue };
        let application = applications::create(tx, outlet.id, year, today).await?;
        let mandatory =
            policy.requirements.iter().filter(|r| r.mandatory && r.media_types.contains(&outlet.media_type));
        for requirement in mandatory.take(handed_in.unwrap_or(usize::MAX)) {
            let Some((_, file)) = files.iter().find(|(code, _)| *code == requirement.code) else { continue };
            // The radio's Press Council certificate runs out soon: the expiring list shows it.
            let days = if *outlet_name == "Suara Komering FM" { 20 } else { 700 };
            let expires_on = requirement.needs_expiry.then(|| today.checked_add_days(Days::new(days)).unwrap_or(today));
            documents::add(tx, application.id, &requirement.code, file.clone(), expires_on).await?;
        }
        let mut version = application.version;
        for (step, reason) in *steps {
            let request = StepRequest { step: *step, reason: reason.map(str::to_owned) };
            version = applications::take_step(tx, application.id, version, request, today).await?.version;
        }
    }
    Ok(())
}
