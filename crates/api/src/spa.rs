//! Serving the built web app, and answering unknown routes.
//!
//! API paths never fall back to the web app: an unknown API path is a 404 problem, a known path
//! with the wrong method a 405 problem. Any other GET is a client-side route of the web app and
//! is answered with `index.html`, unless it names a file of the build.

use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::{Method, StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::access::Operations;
use crate::problem::{ApiError, ProblemCode, allow_header};

/// Where the built web app lives.
#[derive(Debug, Clone)]
pub struct SpaDir(pub PathBuf);

fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/readyz" || path.starts_with("/docs")
}

pub async fn fallback(
    req: HttpRequest,
    operations: web::Data<Operations>,
    spa: web::Data<SpaDir>,
) -> Result<HttpResponse, ApiError> {
    let path = req.path();
    if is_api_path(path) {
        if let Some(methods) = operations.allowed(path) {
            let refusal = ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                ProblemCode::MethodNotAllowed,
                format!("{} is not allowed here; use {}", req.method(), methods.join(" or ")),
            );
            let mut response = actix_web::ResponseError::error_response(&refusal);
            response.headers_mut().insert(header::ALLOW, allow_header(&methods));
            return Ok(response);
        }
        return Err(ApiError::new(StatusCode::NOT_FOUND, ProblemCode::NotFound, "no such API route"));
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Err(ApiError::new(StatusCode::NOT_FOUND, ProblemCode::NotFound, "no such route"));
    }
    let Some(relative) = safe_relative(path) else {
        return Err(ApiError::not_found());
    };
    let file = spa.0.join(&relative);
    if !relative.as_os_str().is_empty() && file.is_file() {
        let immutable = relative.starts_with("assets");
        return serve(&req, &file, immutable).await;
    }
    if looks_like_a_file(path) {
        return Err(ApiError::not_found());
    }
    let index = spa.0.join("index.html");
    if !index.is_file() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            ProblemCode::NotFound,
            "the web app is not built (run `npm run build` in frontend/); the API is under /api/v1",
        ));
    }
    serve(&req, &index, false).await
}

async fn serve(req: &HttpRequest, file: &Path, immutable: bool) -> Result<HttpResponse, ApiError> {
    let named = NamedFile::open_async(file).await.map_err(|_| ApiError::not_found())?;
    let mut response = named.into_response(req);
    let cache = if immutable { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static(cache));
    Ok(response)
}

/// The request path as a path inside the build folder, refusing anything that could leave it.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    relative.components().all(|c| matches!(c, Component::Normal(_))).then(|| relative.to_path_buf())
}

/// `/favicon.ico` missing is a 404, not the web app.
fn looks_like_a_file(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_build_folder() {
        assert_eq!(safe_relative("/assets/app.js"), Some(PathBuf::from("assets/app.js")));
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/assets/../../x"), None);
        assert_eq!(safe_relative("/"), Some(PathBuf::new()));
    }

    #[test]
    fn api_paths_never_fall_back_to_the_web_app() {
        assert!(is_api_path("/api/v1/nope"));
        assert!(is_api_path("/healthz"));
        assert!(!is_api_path("/users"));
        assert!(!is_api_path("/apiary"));
    }
}
