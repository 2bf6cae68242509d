//! Files over HTTP: one file received from a `multipart/form-data` form into the file store, and
//! a stored file served back as a download. Independent of any route, so every area that takes
//! documents or proofs checks and answers the same way.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use actix_multipart::{Field, Multipart, MultipartError};
use actix_web::body::{BoxBody, SizedStream};
use actix_web::error::PayloadError;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, Responder};
use futures_util::StreamExt;
use mitra_domain::files::{FileName, FileType};
use mitra_domain::{Violation, ViolationCode, Violations};
use mitra_persistence::applications::documents::FileRef;
use mitra_persistence::files::{FileRefusal, FileStore, PutError, StagedFile, StoredContent, StoredFile};
use tokio_util::io::ReaderStream;

use crate::problem::{ApiError, ProblemCode};

/// The form field that carries the file.
pub const FILE_FIELD: &str = "file";

/// The text fields beside a file are a few labels, never content: this many at most, each this
/// many bytes at most, so that a form cannot make the server hold more than a few kilobytes.
pub const MAX_TEXT_FIELDS: usize = 16;
pub const MAX_TEXT_LEN: usize = 4096;

/// Bytes read from storage per chunk of a download.
const DOWNLOAD_CHUNK: usize = 64 * 1024;

/// A file received through a form and stored, with the name it was sent under and the form's
/// text fields.
#[derive(Debug)]
pub struct Upload {
    pub file: StoredFile,
    pub name: FileName,
    pub fields: BTreeMap<String, String>,
}

impl Upload {
    /// The kept file as the records that point at it describe it.
    pub fn file_ref(self) -> FileRef {
        FileRef {
            sha256: self.file.sha256,
            name: self.name.into_inner(),
            file_type: self.file.file_type,
            size: self.file.size,
        }
    }
}

/// A kept file, served as a [`Download`] under the name it was uploaded with.
pub async fn download(files: &FileStore, file: FileRef) -> Result<Download, ApiError> {
    let content = files.open(&file.sha256).await.map_err(ApiError::internal)?;
    let name = FileName::parse(&file.name).map_err(|err| ApiError::internal(anyhow::anyhow!("stored name: {err}")))?;
    Ok(Download::new(content, file.file_type, name))
}

/// Reads a form carrying exactly one file, in the field `file`, of one of the `allowed` types
/// and at most `max_size` bytes, beside at most [`MAX_TEXT_FIELDS`] small text fields, which
/// `judge` turns into the operation's value.
///
/// The file streams into the store as it arrives; it is stored only once the whole form has been
/// read and `judge` accepted its fields, so a form refused for anything leaves nothing behind.
/// Its type is judged from its content: the name and the `Content-Type` its sender gave do not
/// count.
pub async fn receive_upload<T>(
    mut multipart: Multipart,
    store: &FileStore,
    allowed: &[FileType],
    max_size: u64,
    judge: impl FnOnce(&BTreeMap<String, String>) -> Result<T, ApiError>,
) -> Result<(Upload, T), ApiError> {
    let mut received: Option<(StagedFile, FileName)> = None;
    let mut fields = BTreeMap::new();
    while let Some(field) = multipart.next().await {
        let field = field.map_err(unreadable)?;
        let name = field.name().unwrap_or_default().to_owned();
        // RFC 7578 names a form's files with `filename` only (never `filename*`).
        let file_name = field.content_disposition().and_then(|disposition| disposition.get_filename());
        match file_name {
            Some(_) if name != FILE_FIELD => {
                let violation = Violation::new(
                    name,
                    ViolationCode::InvalidValue,
                    format!("only the field `{FILE_FIELD}` may carry a file"),
                );
                return Err(Violations::from(violation).into());
            }
            Some(_) if received.is_some() => return Err(too_many_files()),
            // What a browser sends for a file input left empty.
            Some("") | None if name == FILE_FIELD => return Err(file_missing()),
            Some(file_name) => {
                let file_name =
                    FileName::parse(file_name).map_err(|violation| Violations::from(violation.at(FILE_FIELD)))?;
                let staged = store.stage(field, allowed, max_size).await.map_err(|err| not_stored(err, allowed))?;
                received = Some((staged, file_name));
            }
            None => read_text(field, name, &mut fields).await?,
        }
    }
    let (staged, name) = received.ok_or_else(file_missing)?;
    let judged = judge(&fields)?;
    let file = staged.commit().await.map_err(ApiError::internal)?;
    Ok((Upload { file, name, fields }, judged))
}

/// Adds one text field to `fields`, reading no more of it than the limit allows.
async fn read_text(mut field: Field, name: String, fields: &mut BTreeMap<String, String>) -> Result<(), ApiError> {
    if fields.len() >= MAX_TEXT_FIELDS {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ProblemCode::PayloadTooLarge,
            format!("a form with a file carries at most {MAX_TEXT_FIELDS} other fields"),
        ));
    }
    let refuse = |code, message: String| Err(Violations::from(Violation::new(name.clone(), code, message)).into());
    if fields.contains_key(&name) {
        return refuse(ViolationCode::InvalidValue, "the field is given more than once".to_owned());
    }
    let mut value = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(unreadable)?;
        if value.len() + chunk.len() > MAX_TEXT_LEN {
            return refuse(ViolationCode::TooLong, format!("the field must be at most {MAX_TEXT_LEN} bytes"));
        }
        value.extend_from_slice(&chunk);
    }
    let Ok(value) = String::from_utf8(value) else {
        return refuse(ViolationCode::InvalidFormat, "the field must be UTF-8 text".to_owned());
    };
    fields.insert(name, value);
    Ok(())
}

/// 400: the form lacks the part the operation requires, as a missing required field is a 400.
fn file_missing() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        ProblemCode::FileMissing,
        format!("the form must carry a file in the field `{FILE_FIELD}`"),
    )
}

/// 400: the form is not shaped as the operation requires; no file in it is judged.
fn too_many_files() -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, ProblemCode::TooManyFiles, "the form must carry exactly one file")
}

fn not_stored(err: PutError<MultipartError>, allowed: &[FileType]) -> ApiError {
    match err {
        PutError::Refused(refusal) => refused(refusal, allowed),
        PutError::Read(err) => unreadable(err),
        PutError::Io(err) => ApiError::internal(err),
    }
}

fn refused(refusal: FileRefusal, allowed: &[FileType]) -> ApiError {
    let (status, code, detail) = match refusal {
        // 422: a well-formed request whose file has nothing to process.
        FileRefusal::Empty => {
            (StatusCode::UNPROCESSABLE_ENTITY, ProblemCode::FileEmpty, "the file is empty".to_owned())
        }
        // 413: the content is larger than this operation takes, which is what 413 says; the
        // limit is the file's, so the code says so rather than `payload_too_large`.
        FileRefusal::TooLarge { max_size } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            ProblemCode::FileTooLarge,
            format!("the file is larger than {max_size} bytes"),
        ),
        // 415: the content's media type, read from the content itself, is not one this operation
        // takes.
        FileRefusal::TypeNotAllowed { .. } => {
            let names: Vec<&str> = allowed.iter().map(|file_type| file_type.as_str()).collect();
            (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ProblemCode::FileTypeNotAllowed,
                format!("the file's content must be one of: {}", names.join(", ")),
            )
        }
        // 422: a file of an accepted type that cannot be processed because it stops short.
        FileRefusal::Truncated(file_type) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::FileTruncated,
            format!("the {file_type} file is incomplete; send it again"),
        ),
    };
    ApiError::new(status, code, detail)
}

/// A body that is not a readable form.
fn unreadable(err: MultipartError) -> ApiError {
    match err {
        MultipartError::ContentTypeMissing
        | MultipartError::ContentTypeParse
        | MultipartError::ContentTypeIncompatible => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProblemCode::UnsupportedMediaType,
            "the body must be a form (Content-Type: multipart/form-data)",
        ),
        MultipartError::Payload(PayloadError::Overflow) => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ProblemCode::PayloadTooLarge,
            "a part of the form is too large",
        ),
        err => ApiError::new(
            StatusCode::BAD_REQUEST,
            ProblemCode::BadRequest,
            format!("the form could not be read: {err}"),
        ),
    }
}

/// A stored file served as a download: always saved under its name, never shown or run within
/// the app's origin.
#[derive(Debug)]
pub struct Download {
    content: StoredContent,
    file_type: FileType,
    name: FileName,
}

impl Download {
    pub fn new(content: StoredContent, file_type: FileType, name: FileName) -> Self {
        Download { content, file_type, name }
    }
}

impl Responder for Download {
    type Body = BoxBody;

    fn respond_to(self, _req: &HttpRequest) -> HttpResponse<BoxBody> {
        let size = self.content.size();
        let body = SizedStream::new(size, ReaderStream::with_capacity(self.content.into_reader(), DOWNLOAD_CHUNK));
        as_attachment(self.file_type, &self.name).body(body)
    }
}

/// A file made for the request (a letter), served like a kept one.
pub struct Generated {
    pub content: Vec<u8>,
    pub file_type: FileType,
    pub name: FileName,
}

impl Responder for Generated {
    type Body = BoxBody;

    fn respond_to(self, _req: &HttpRequest) -> HttpResponse<BoxBody> {
        as_attachment(self.file_type, &self.name).body(self.content)
    }
}

/// The head of a file's answer: an attachment under `name`, of exactly `file_type`.
fn as_attachment(file_type: FileType, name: &FileName) -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response
        .content_type(file_type.media_type())
        .insert_header((header::CONTENT_DISPOSITION, attachment(name)))
        // The stated type is the one the content was checked to be: a browser must not guess.
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        // Opened rather than saved, the file may load nothing and run no script.
        .insert_header((header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"))
        // Documents are personal data: kept by no shared cache, and not even by the browser.
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        // Tells the app's compression to pass the file as it is: every type kept (documents,
        // images, recordings) is compressed already, and the length stays known for the
        // browser's progress bar.
        .insert_header((header::CONTENT_ENCODING, "identity"));
    response
}

/// `attachment` with the name twice (RFC 6266): `filename*` carries it exactly, as UTF-8
/// percent-encoded per RFC 5987, and `filename` an ASCII approximation for clients that do not
/// read `filename*`.
fn attachment(name: &FileName) -> String {
    let name = name.as_str();
    format!("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii_fallback(name), rfc5987(name))
}

/// The name with every character that is not plain ASCII, or that would end or escape the quoted
/// string (`"`, `\`), or that some browsers percent-decode (`%`), replaced by `_`.
fn ascii_fallback(name: &str) -> String {
    let plain = |c: char| c == ' ' || (c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%'));
    name.chars().map(|c| if plain(c) { c } else { '_' }).collect()
}

/// Percent-encodes every byte of the UTF-8 name that is not an RFC 5987 `attr-char`.
fn rfc5987(name: &str) -> String {
    let mut encoded = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use actix_multipart::test::{TestFormField, create_form_data_payload_and_headers_from_fields};
    use actix_web::body::{BodySize, MessageBody as _};
    use actix_web::middleware::Compress;
    use actix_web::test as actix_test;
    use actix_web::{App, mime, web};
    use serde_json::{Value, json};
    use tempfile::TempDir;

    use super::*;

    /// The test form takes one PDF of at most this many bytes.
    const LIMIT: u64 = 4096;

    /// A PDF of exactly `size` bytes.
    fn pdf(size: usize) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.resize(size - 7, b'x');
        pdf.extend_from_slice(b"\n%%EOF\n");
        pdf
    }

    fn png() -> Vec<u8> {
        [b"\x89PNG\r\n\x1a\n".as_slice(), b"\0\0\0\0IEND\xae\x42\x60\x82"].concat()
    }

    fn file(name: &str, content: Vec<u8>) -> TestFormField<'_> {
        TestFormField::new(FILE_FIELD, content).filename(name).content_type(mime::APPLICATION_PDF)
    }

    fn text<'a>(name: &'a str, value: &'a str) -> TestFormField<'a> {
        TestFormField::new(name, value.to_owned())
    }

    async fn upload(multipart: Multipart, store: web::Data<FileStore>) -> Result<HttpResponse, ApiError> {
        let refuse_note = |fields: &BTreeMap<String, String>| match fields.get("note").map(String::as_str) {
            Some("tolak") => Err(ApiError::from(Violations::from(Violation::new(
                "note",
                ViolationCode::InvalidValue,
                "refused by the operation",
            )))),
            _ => Ok(()),
        };
        let (upload, ()) = receive_upload(multipart, &store, &[FileType::Pdf], LIMIT, refuse_note).await?;
        Ok(HttpResponse::Ok().json(json!({
            "sha256": upload.file.sha256,
            "size": upload.file.size,
            "file_type": upload.file.file_type,
            "name": upload.name.as_str(),
            "fields": upload.fields,
        })))
    }

    /// Every file under `folder`, folders left out.
    fn files_under(folder: &Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        let mut folders = vec![folder.to_owned()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() { folders.push(path) } else { files.push(path) }
            }
        }
        files
    }

    /// Posts a request to the test form; answers its status, its JSON body, and how many files
    /// the store holds afterwards.
    async fn post(request: actix_test::TestRequest) -> (StatusCode, Value, usize) {
        let root = TempDir::new().unwrap();
        let store = FileStore::local(root.path()).await.unwrap();
        let app = actix_test::init_service(
            App::new().app_data(web::Data::new(store)).route("/upload", web::post().to(upload)),
        )
        .await;
        let response = actix_test::call_service(&app, request.uri("/upload").to_request()).await;
        let status = response.status();
        let body: Value = actix_test::read_body_json(response).await;
        (status, body, files_under(root.path()).len())
    }

    async fn post_form(fields: Vec<TestFormField<'_>>) -> (StatusCode, Value, usize) {
        let (body, headers) = create_form_data_payload_and_headers_from_fields(fields);
        let mut request = actix_test::TestRequest::post();
        for (name, value) in &headers {
            request = request.insert_header((name.clone(), value.clone()));
        }
        post(request.set_payload(body)).await
    }

    /// Posts `fields` and expects a refusal with `status` and `code` that stored nothing.
    async fn assert_refused(fields: Vec<TestFormField<'_>>, status: StatusCode, code: &str) -> Value {
        let (answered, body, stored) = post_form(fields).await;
        assert_eq!((answered, body["code"].as_str()), (status, Some(code)), "{body}");
        assert_eq!(stored, 0, "a refused form stores nothing");
        body
    }

    #[actix_web::test]
    async fn one_file_is_stored_with_the_text_fields_beside_it() {
        let content = pdf(3000);
        let fields = vec![
            text("title", "Akta pendirian"),
            file("Akta Pendirian PT Sriwijaya – 2025.pdf", content.clone()),
            text("note", "salinan resmi"),
        ];
        let (status, body, stored) = post_form(fields).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        use sha2::Digest as _;
        let expected = json!({
            "sha256": hex::encode(sha2::Sha256::digest(&content)),
            "size": 3000,
            "file_type": "pdf",
            "name": "Akta Pendirian PT Sriwijaya – 2025.pdf",
            "fields": { "note": "salinan resmi", "title": "Akta pendirian" },
        });
        assert_eq!(body, expected);
        assert_eq!(stored, 1);
    }

    #[actix_web::test]
    async fn a_form_whose_fields_the_operation_refuses_stores_nothing() {
        let fields = vec![file("akta.pdf", pdf(1000)), text("note", "tolak")];
        let body = assert_refused(fields, StatusCode::BAD_REQUEST, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "note");
    }

    #[actix_web::test]
    async fn a_form_without_a_file_is_refused() {
        assert_refused(vec![text("title", "Akta")], StatusCode::BAD_REQUEST, "file_missing").await;
        // A `file` field sent as text, and what a browser sends for a file input left empty.
        assert_refused(vec![text(FILE_FIELD, "%PDF-1.7")], StatusCode::BAD_REQUEST, "file_missing").await;
        assert_refused(vec![file("", Vec::new())], StatusCode::BAD_REQUEST, "file_missing").await;
    }

    #[actix_web::test]
    async fn two_files_are_refused_and_neither_is_stored() {
        let fields = vec![file("satu.pdf", pdf(1000)), file("dua.pdf", pdf(2000))];
        assert_refused(fields, StatusCode::BAD_REQUEST, "too_many_files").await;
        let elsewhere = TestFormField::new("lampiran", pdf(1000)).filename("lampiran.pdf");
        let body = assert_refused(vec![elsewhere], StatusCode::BAD_REQUEST, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "lampiran");
    }

    #[actix_web::test]
    async fn an_oversized_file_is_refused() {
        let limit = usize::try_from(LIMIT).unwrap();
        assert_refused(vec![file("besar.pdf", pdf(limit + 1))], StatusCode::PAYLOAD_TOO_LARGE, "file_too_large").await;
        let (status, _, stored) = post_form(vec![file("pas.pdf", pdf(limit))]).await;
        assert_eq!((status, stored), (StatusCode::OK, 1));
    }

    #[actix_web::test]
    async fn content_of_another_type_is_refused_whatever_its_name_and_declared_type() {
        let body = assert_refused(
            vec![file("laporan.pdf", png())],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_not_allowed",
        )
        .await;
        assert_eq!(body["detail"], "the file's content must be one of: pdf");
        let executable = b"MZ\x90\0 an executable".to_vec();
        assert_refused(
            vec![file("laporan.pdf", executable)],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_not_allowed",
        )
        .await;
    }

    #[actix_web::test]
    async fn a_name_with_path_separators_is_refused() {
        // The header's quoted string escapes a backslash as `\\`: the third arrives as `arsip\laporan.pdf`.
        for name in ["../../etc/passwd.pdf", "arsip/laporan.pdf", "arsip\\\\laporan.pdf"] {
            let body = assert_refused(vec![file(name, pdf(1000))], StatusCode::BAD_REQUEST, "validation_failed").await;
            let error = &body["errors"][0];
            assert_eq!((&error["field"], &error["code"]), (&json!(FILE_FIELD), &json!("invalid_format")), "{name}");
            assert_eq!(error["message"], "file name must not contain '/' or '\\'", "{name}");
        }
    }

    #[actix_web::test]
    async fn empty_and_truncated_files_are_refused() {
        assert_refused(vec![file("kosong.pdf", Vec::new())], StatusCode::UNPROCESSABLE_ENTITY, "file_empty").await;
        let mut cut = pdf(2000);
        cut.truncate(1500);
        assert_refused(vec![file("terpotong.pdf", cut)], StatusCode::UNPROCESSABLE_ENTITY, "file_truncated").await;
    }

    #[actix_web::test]
    async fn text_fields_are_bounded() {
        let long = "a".repeat(MAX_TEXT_LEN + 1);
        let body = assert_refused(
            vec![text("title", &long), file("a.pdf", pdf(1000))],
            StatusCode::BAD_REQUEST,
            "validation_failed",
        )
        .await;
        assert_eq!((&body["errors"][0]["field"], &body["errors"][0]["code"]), (&json!("title"), &json!("too_long")));

        let names: Vec<String> = (0..=MAX_TEXT_FIELDS).map(|n| format!("f{n}")).collect();
        let mut fields: Vec<TestFormField<'_>> = names.iter().map(|name| text(name, "x")).collect();
        fields.push(file("a.pdf", pdf(1000)));
        assert_refused(fields, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    }

    #[actix_web::test]
    async fn a_body_that_is_not_a_form_is_refused() {
        let request = actix_test::TestRequest::post().set_json(json!({ "file": "laporan.pdf" }));
        let (status, body, stored) = post(request).await;
        assert_eq!(
            (status, body["code"].as_str(), stored),
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("unsupported_media_type"), 0)
        );
    }

    async fn download(store: web::Data<FileStore>, sha256: web::Path<String>) -> Result<Download, ApiError> {
        let content = store.open(&sha256).await.map_err(ApiError::internal)?;
        let name = FileName::parse("Laporan \"Akhir\" – Dinas Kominfo 100%.pdf").map_err(Violations::from)?;
        Ok(Download::new(content, FileType::Pdf, name))
    }

    /// A store holding one PDF, and that PDF's content and hash.
    async fn stored_pdf() -> (TempDir, FileStore, Vec<u8>, String) {
        let root = TempDir::new().unwrap();
        let store = FileStore::local(root.path()).await.unwrap();
        let content = pdf(200_000);
        let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(web::Bytes::from(content.clone()))]);
        let stored = store.put(chunks, &[FileType::Pdf], 1 << 20).await.unwrap();
        (root, store, content, stored.sha256)
    }

    #[actix_web::test]
    async fn a_download_is_an_attachment_that_no_browser_runs_or_keeps() {
        let (_root, store, content, sha256) = stored_pdf().await;
        let app = actix_test::init_service(
            App::new().app_data(web::Data::new(store)).route("/files/{sha256}", web::get().to(download)),
        )
        .await;
        let response = actix_test::call_service(
            &app,
            actix_test::TestRequest::get().uri(&format!("/files/{sha256}")).to_request(),
        )
        .await;

        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers();
        let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
        assert_eq!(header(header::CONTENT_TYPE), Some("application/pdf"));
        assert_eq!(
            header(header::CONTENT_DISPOSITION),
            Some(
                "attachment; filename=\"Laporan _Akhir_ _ Dinas Kominfo 100_.pdf\"; \
                 filename*=UTF-8''Laporan%20%22Akhir%22%20%E2%80%93%20Dinas%20Kominfo%20100%25.pdf"
            )
        );
        assert_eq!(header(header::X_CONTENT_TYPE_OPTIONS), Some("nosniff"));
        assert_eq!(header(header::CONTENT_SECURITY_POLICY), Some("default-src 'none'; sandbox"));
        assert_eq!(header(header::CACHE_CONTROL), Some("private, no-store"));
        // The body's size is what the server writes as Content-Length.
        assert_eq!(response.response().body().size(), BodySize::Sized(200_000));
        assert_eq!(actix_test::read_body(response).await, content);
    }

    #[actix_web::test]
    async fn the_app_compression_leaves_a_download_as_it_is() {
        let (_root, store, content, sha256) = stored_pdf().await;
        let app = actix_test::init_service(
            App::new()
                .wrap(Compress::default())
                .app_data(web::Data::new(store))
                .route("/files/{sha256}", web::get().to(download)),
        )
        .await;
        let request = actix_test::TestRequest::get()
            .uri(&format!("/files/{sha256}"))
            .insert_header((header::ACCEPT_ENCODING, "gzip"));
        let response = actix_test::call_service(&app, request.to_request()).await;
        assert_eq!(
            response.headers().get(header::CONTENT_ENCODING).map(|v| v.as_bytes()),
            Some(b"identity".as_slice())
        );
        assert_eq!(response.response().body().size(), BodySize::Sized(200_000));
        assert_eq!(actix_test::read_body(response).await, content);
    }

    #[test]
    fn names_are_encoded_for_content_disposition() {
        assert_eq!(rfc5987("a b/ü;=@'*.pdf"), "a%20b%2F%C3%BC%3B%3D%40%27%2A.pdf");
        assert_eq!(ascii_fallback("Ülasan \"x\" 5%\\.pdf"), "_lasan _x_ 5__.pdf");
    }
}
