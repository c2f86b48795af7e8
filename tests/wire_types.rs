//! The wire types and the error mapping against real MLflow 3.17 answers.
#![cfg(not(target_arch = "wasm32"))]

use primehub_models::mlflow::error::decode_response;
use primehub_models::mlflow::types::*;
use primehub_models::mlflow::MlflowError;
use std::path::PathBuf;

fn sample(name: &str) -> (u16, String) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mlflow");
    let body = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    let status = std::fs::read_to_string(dir.join(format!("{name}.status")))
        .map(|s| s.trim().parse().unwrap())
        .unwrap_or(200);
    (status, body)
}

fn ok<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let (status, body) = sample(name);
    decode_response(status, "application/json", &body).unwrap()
}

fn err(name: &str, content_type: &str) -> MlflowError {
    let (status, body) = sample(name);
    decode_response::<SearchRegisteredModels>(status, content_type, &body).unwrap_err()
}

#[test]
fn registered_model_search_keeps_hostile_names_exactly() {
    let page: SearchRegisteredModels = ok("rm_search_default");
    let names: Vec<&str> = page
        .registered_models
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "  padded  ",
            "Modèle ünïcødé 模型 🚀",
            "fraud detector v2",
            "iris-classifier",
            "pct%name",
            "spe(c)ial-chars_ok.+=@!~&'\"#?"
        ]
    );
    assert_eq!(page.next_page_token, None);
    assert!(page.registered_models.iter().all(|m| !m.is_prompt()));
}

#[test]
fn paged_search_carries_the_token() {
    let page: SearchRegisteredModels = ok("rm_search_max2_p1");
    assert_eq!(page.registered_models.len(), 2);
    assert_eq!(
        page.next_page_token.as_deref(),
        Some("eyJvZmZzZXQiOiAyfQ==")
    );
}

#[test]
fn prompts_are_recognised() {
    let page: SearchRegisteredModels = ok("rm_search_prompts");
    assert_eq!(page.registered_models.len(), 1);
    assert!(page.registered_models[0].is_prompt());
}

#[test]
fn registered_model_get_has_aliases_and_latest_versions() {
    let got: GetRegisteredModel = ok("rm_get");
    let m = got.registered_model;
    assert_eq!(m.name, "iris-classifier");
    assert!(m.description.starts_with("# Iris classifier"));
    assert!(m.aliases.iter().any(|a| a.alias == "champion"));
    assert!(m
        .aliases
        .iter()
        .any(|a| a.alias == "challenger" && a.version == "3"));
    assert!(m.latest_version().is_some());
}

#[test]
fn model_version_and_run_decode() {
    let got: GetModelVersion = ok("mv_get");
    assert_eq!(got.model_version.version, "2");
    assert_eq!(got.model_version.aliases, ["champion"]);
    let run: GetRun = ok("runs_get");
    assert_eq!(run.run.info.experiment_id, "1");
    assert!(run.run.data.params.iter().any(|p| p.key == "learning_rate"));
    let hist: MetricHistory = ok("metrics_get_history_paged");
    assert_eq!(hist.metrics.len(), 2);
    assert!(hist.next_page_token.is_some());
    let lm: GetLoggedModel = ok("logged_model_get");
    assert_eq!(lm.model.info.model_id, "m-bbfb028fe7d848439f71aceab59846fb");
    let versions: SearchModelVersions = ok("mv_search_all");
    assert!(!versions.model_versions.is_empty());
    assert!(versions.model_versions.iter().all(|v| v.aliases.is_empty()));
}

#[test]
fn every_error_sample_maps_to_a_message() {
    assert!(err("err_rm_get_unknown", "application/json").is_not_found());
    assert!(matches!(
        err("err_rm_search_bad_filter", "application/json"),
        MlflowError::Api { status: 400, code, .. } if code == "INVALID_PARAMETER_VALUE"
    ));
    assert!(matches!(
        err("err_rm_search_max_1001", "application/json"),
        MlflowError::Api { status: 400, .. }
    ));
    assert_eq!(
        err("err_unknown_endpoint", "text/html; charset=utf-8"),
        MlflowError::NoSuchEndpoint { status: 404 }
    );
    assert_eq!(
        err("err_wrong_method", "text/html; charset=utf-8"),
        MlflowError::NoSuchEndpoint { status: 405 }
    );
    // Every JSON error sample decodes to MLflow's own status, code and
    // message, and the text people see quotes MLflow's message.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mlflow");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if stem.starts_with("err_") && path.extension().is_some_and(|e| e == "status") {
            if sample(&stem).0 == 200 {
                continue;
            }
            let (status, body) = sample(&stem);
            let Ok(json) = serde_json::from_str::<serde_json::Value>(&body) else {
                // An HTML page: no such route or method.
                assert_eq!(
                    err(&stem, "text/html"),
                    MlflowError::NoSuchEndpoint { status },
                    "{stem}"
                );
                seen += 1;
                continue;
            };
            let e = err(&stem, "application/json");
            assert_eq!(
                e,
                MlflowError::Api {
                    status,
                    code: json["error_code"].as_str().unwrap().to_string(),
                    message: json["message"].as_str().unwrap().to_string(),
                },
                "{stem}"
            );
            assert!(
                e.to_string().contains(json["message"].as_str().unwrap()),
                "{stem}: {e}"
            );
            seen += 1;
        }
    }
    assert!(seen >= 15, "only {seen} error samples found");
}

#[test]
fn odd_successes_are_empty_pages() {
    // max_results=0 answers an empty page *with* a token: paging must not follow it blindly.
    let page: SearchRegisteredModels = ok("err_rm_search_max_0");
    assert!(page.registered_models.is_empty());
    assert!(page.next_page_token.is_some());
    // The history of a run MLflow does not know is an empty 200.
    let hist: MetricHistory = ok("err_metrics_unknown_run");
    assert!(hist.metrics.is_empty());
}

#[test]
fn every_sample_decodes_into_its_wire_type() {
    // Each captured answer is read by the type the client reads it with,
    // and what a page relies on is there (names, versions, values).
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mlflow");
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    stems.sort();
    let mut read = 0;
    for stem in &stems {
        let (status, body) = sample(stem);
        let versions_ok = |vs: &[ModelVersion]| {
            vs.iter()
                .all(|v| !v.name.is_empty() && v.version.parse::<u64>().is_ok())
        };
        match stem.as_str() {
            s if s.starts_with("err_") && status == 200 => {
                // Captured without a status (MLflow answered 400): the body
                // is MLflow's error all the same.
                let e: ErrorBody = serde_json::from_str(&body).unwrap();
                if e.error_code.is_empty() {
                    // max_results=0 and unknown runs: empty successes.
                    continue;
                }
                assert!(!e.message.is_empty(), "{s}");
            }
            s if s.starts_with("err_") => continue, // every_error_sample_maps_to_a_message
            s if status >= 400 && body.trim_start().starts_with('<') => {
                // A POST to a GET route: MLflow's HTML 405.
                assert_eq!(
                    err(s, "text/html"),
                    MlflowError::NoSuchEndpoint { status },
                    "{s}"
                );
            }
            s if status >= 400 => {
                // A search MLflow refused (e.g. order by creation_timestamp).
                assert!(
                    matches!(
                        err(s, "application/json"),
                        MlflowError::Api { status: 400, .. }
                    ),
                    "{s}"
                );
            }
            s if s.starts_with("rm_search_") => {
                let p: SearchRegisteredModels = ok(s);
                assert!(
                    p.registered_models.iter().all(|m| !m.name.is_empty()),
                    "{s}"
                );
            }
            s if s.starts_with("mv_search_") || s.starts_with("rm_get_latest_versions") => {
                let p: SearchModelVersions = ok(s);
                assert!(
                    !p.model_versions.is_empty() && versions_ok(&p.model_versions),
                    "{s}"
                );
            }
            "mv_get_download_uri" => {
                let d: DownloadUri = ok(stem);
                assert!(!d.artifact_uri.is_empty());
            }
            s if s.starts_with("mv_get") || s == "rm_alias_get" => {
                let g: GetModelVersion = ok(s);
                assert!(versions_ok(std::slice::from_ref(&g.model_version)), "{s}");
            }
            s if s.starts_with("rm_get") => {
                let g: GetRegisteredModel = ok(s);
                assert!(!g.registered_model.name.is_empty(), "{s}");
            }
            s if s.starts_with("metrics_get_history") => {
                let h: MetricHistory = ok(s);
                assert!(h.metrics.iter().all(|m| !m.key.is_empty()), "{s}");
                assert!(!h.metrics.is_empty(), "{s}");
            }
            "runs_get" => {
                let r: GetRun = ok(stem);
                assert!(!r.run.info.run_id.is_empty());
            }
            "logged_model_get" => {
                let m: GetLoggedModel = ok(stem);
                assert!(m.model.info.model_id.starts_with("m-"));
            }
            other => panic!("a sample no test reads: {other}"),
        }
        read += 1;
    }
    assert!(read >= 40, "only {read} samples read");
}
