//! The committed OpenAPI document is the one the code produces.

use serde_json::Value;

const REGENERATE: &str = "cargo run -p mitra -- openapi --output openapi/openapi.json";

#[test]
fn the_committed_spec_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = mitra_api::openapi_json().unwrap();
    assert!(committed == generated, "openapi/openapi.json is stale; regenerate it with:\n\n    {REGENERATE}\n");
}

#[test]
fn every_operation_documents_its_security_and_problems() {
    let spec: Value = serde_json::from_str(&mitra_api::openapi_json().unwrap()).unwrap();
    assert_eq!(spec["openapi"], "3.1.0");
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let security = operation.get("security").and_then(Value::as_array);
            assert!(security.is_some(), "{method} {path} does not document its security");
            let responses = operation["responses"].as_object().unwrap();
            assert!(responses.contains_key("500"), "{method} {path} lacks its 500 problem");
            let schemes: Vec<&Value> = security.unwrap().iter().filter_map(|req| req.get("bearer")).collect();
            if !schemes.is_empty() {
                assert!(responses.contains_key("401"), "{method} {path} lacks its 401");
            }
            if schemes.iter().any(|roles| roles.as_array().is_some_and(|r| !r.is_empty())) {
                assert!(responses.contains_key("403"), "{method} {path} requires a permission but lacks its 403");
            }
            for (status, response) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        response["content"]["application/problem+json"].is_object(),
                        "{method} {path} {status} is not a problem"
                    );
                }
            }
        }
    }
}
