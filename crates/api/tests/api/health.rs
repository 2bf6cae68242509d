use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::spawn;

#[tokio::test]
async fn liveness_and_readiness_answer() {
    let app = spawn().await;
    let live = app.request(Method::GET, "/healthz").send().await.unwrap();
    assert_eq!(live.status(), StatusCode::OK);
    let ready = app.request(Method::GET, "/readyz").send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["status"], "ready");
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_keeps_a_well_formed_incoming_one() {
    let app = spawn().await;
    let fresh = app.request(Method::GET, "/healthz").send().await.unwrap();
    let id = fresh.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(id.len() >= 32, "generated id {id:?}");

    let kept =
        app.request(Method::GET, "/api/v1/nowhere").header("X-Request-Id", "gateway-abc-12345").send().await.unwrap();
    assert_eq!(kept.headers()["x-request-id"], "gateway-abc-12345");

    let replaced =
        app.request(Method::GET, "/healthz").header("X-Request-Id", "bad id with spaces").send().await.unwrap();
    assert_ne!(replaced.headers()["x-request-id"], "bad id with spaces");
}

#[tokio::test]
async fn the_web_app_is_served_with_client_side_routes_falling_back_to_index() {
    let app = spawn().await;
    let spa = app.db.dir().join("spa");
    std::fs::create_dir_all(spa.join("assets")).unwrap();
    std::fs::write(spa.join("index.html"), "<!doctype html><title>Mitra</title>").unwrap();
    std::fs::write(spa.join("assets/app.js"), "console.log('mitra')").unwrap();

    for path in ["/", "/users", "/audit/anything"] {
        let page = app.request(Method::GET, path).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        assert!(page.text().await.unwrap().contains("<title>Mitra</title>"), "{path}");
    }
    let asset = app.request(Method::GET, "/assets/app.js").send().await.unwrap();
    assert_eq!(asset.status(), StatusCode::OK);
    assert!(asset.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    let missing = app.request(Method::GET, "/assets/missing.js").send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_spec_and_offline_docs_are_served() {
    let app = spawn().await;
    let spec: Value = app.request(Method::GET, "/api/v1/openapi.json").send().await.unwrap().json().await.unwrap();
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/api/v1/users"].is_object());
    let docs = app.request(Method::GET, "/docs").send().await.unwrap();
    assert!(docs.status().is_redirection());
    let page = app.request(Method::GET, "/docs/").send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "docs page");
    assert!(!html.contains("https://"), "the docs page must not load anything from the internet");
}
