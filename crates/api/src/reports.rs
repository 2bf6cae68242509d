//! Report bodies, streamed: the rows a report's query yields are written out as they arrive,
//! as JSON (`{...head, "rows": [...], "total": {...}}`) or as CSV (a header line, one line per
//! row, a last `total` line) - the same rows and the same totals either way. Totals are added up
//! on the way, so nothing holds the whole report.
//!
//! Every report carries the organisation's newest signed audit checkpoint (in the JSON's
//! `checkpoint`, and in the `Mitra-Audit-Checkpoint` header of either format): the auditor who
//! keeps a report keeps, with it, a signed statement of the audit trail it was drawn from,
//! which `mitra audit verify --checkpoint` checks later.
//!
//! The first row is read before the answer starts, so that a query that fails at once is an
//! ordinary problem+json answer; a failure later can only cut the stream short, which the client
//! sees as an incomplete transfer (and the server logs), never as a report that looks whole.

use actix_web::HttpResponse;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::Bytes;
use futures_util::{Stream, StreamExt, stream};
use mitra_domain::reports::ReportFormat;
use mitra_persistence::checkpoints;
use mitra_persistence::{OrgScope, Store, StoreError};

use crate::problem::ApiError;
use crate::routes::audit::CheckpointView;

/// How one report writes its rows and its totals.
pub trait ReportLayout: Send + 'static {
    type Row: Send + 'static;
    type Total: Default + Send + 'static;

    /// Adds `row` into `total`.
    fn add(total: &mut Self::Total, row: &Self::Row);
    /// The JSON fields before `rows` (without braces), e.g. `"fiscal_year":2026`.
    fn json_head(&self) -> String;
    fn json_row(row: &Self::Row) -> String;
    fn json_total(total: &Self::Total) -> String;
    fn csv_header() -> &'static str;
    fn csv_row(row: &Self::Row) -> String;
    fn csv_total(total: &Self::Total) -> String;
    /// The file name of a CSV download, without extension.
    fn file_name(&self) -> String;
}

/// The response header naming the checkpoint a report was drawn under.
pub const CHECKPOINT_HEADER: &str = "Mitra-Audit-Checkpoint";

enum Part<R> {
    Head,
    Row(R),
    Tail,
}

/// Answers `rows` of the organisation of `scope` laid out by `layout` in `format`, with the
/// organisation's newest checkpoint.
pub async fn respond<L: ReportLayout>(
    store: &Store,
    scope: OrgScope,
    layout: L,
    format: ReportFormat,
    rows: impl Stream<Item = Result<L::Row, StoreError>> + Send + 'static,
) -> Result<HttpResponse, ApiError> {
    let checkpoint = checkpoints::latest(store, scope).await?.map(CheckpointView::from);
    let attestation = checkpoint.as_ref().map(|signed| {
        format!(
            "sequence={}, hash={}, signed_at={}, key_id={}, signature={}",
            signed.sequence,
            signed.hash,
            signed.signed_at.to_rfc3339(),
            signed.key_id,
            signed.signature
        )
    });
    let checkpoint = serde_json::to_string(&checkpoint).map_err(ApiError::internal)?;
    // Fused: a report without rows has ended at the first read, and is read once more below.
    let mut rows = Box::pin(rows.fuse());
    let first = rows.next().await.transpose()?;
    let parts = stream::iter([Ok(Part::Head)])
        .chain(stream::iter(first.map(|row| Ok(Part::Row(row)))))
        .chain(rows.map(|row| row.map(Part::Row)))
        .chain(stream::iter([Ok(Part::Tail)]));
    let mut total = L::Total::default();
    let mut written = 0usize;
    let name = layout.file_name();
    let body = parts.map(move |part| {
        let text = match part {
            Ok(Part::Head) => match format {
                ReportFormat::Json => format!("{{{},\"checkpoint\":{checkpoint},\"rows\":[", layout.json_head()),
                ReportFormat::Csv => format!("{}\r\n", L::csv_header()),
            },
            Ok(Part::Row(row)) => {
                L::add(&mut total, &row);
                written += 1;
                match format {
                    ReportFormat::Json if written > 1 => format!(",{}", L::json_row(&row)),
                    ReportFormat::Json => L::json_row(&row),
                    ReportFormat::Csv => format!("{}\r\n", L::csv_row(&row)),
                }
            }
            Ok(Part::Tail) => match format {
                ReportFormat::Json => format!("],\"total\":{}}}", L::json_total(&total)),
                ReportFormat::Csv => format!("{}\r\n", L::csv_total(&total)),
            },
            Err(err) => {
                log::error!("a report stopped after {written} rows: {err}");
                return Err(actix_web::error::ErrorInternalServerError("the report stopped"));
            }
        };
        Ok::<_, actix_web::Error>(Bytes::from(text))
    });
    let mut response = HttpResponse::Ok();
    match format {
        ReportFormat::Json => response.content_type("application/json"),
        ReportFormat::Csv => response.content_type("text/csv; charset=utf-8").insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!("{name}.csv"))],
        }),
    };
    // Reports are read at a point in time and may hold what only staff may see.
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    if let Some(attestation) = attestation {
        response.insert_header((CHECKPOINT_HEADER, attestation));
    }
    Ok(response.streaming(body))
}
