//! What a model takes and needs, read from the files real MLflow servers
//! wrote and answered (tests/fixtures/model-files/<release>, captured by
//! seeding each release with tests/fixtures/seed_mlflow.py).
#![cfg(not(target_arch = "wasm32"))]

use primehub_models::input_example::example_table;
use primehub_models::mlflow::model_files::{
    model_location, relative_entries, Listing, ModelLocation,
};
use primehub_models::mlflow::types::{GetModelVersion, GetRun};
use primehub_models::mlmodel::{signature_pairs, MlModel, Schema};
use primehub_models::model_env::{
    environment_pairs, parse_conda, parse_python_env, parse_requirements, Environment,
};
use std::path::PathBuf;

const RELEASES: [&str; 3] = ["1.30.1", "2.9.2", "3.17.2"];

fn file(release: &str, name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/model-files")
        .join(release)
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn mlmodel(release: &str, name: &str) -> MlModel {
    MlModel::from_yaml(&file(release, name)).unwrap_or_else(|e| panic!("{release} {name}: {e}"))
}

#[test]
fn every_release_writes_an_mlmodel_the_page_reads() {
    for r in RELEASES {
        let m = mlmodel(r, "MLmodel-columns");
        assert_eq!(m.mlflow_version.as_deref(), Some(r), "{r}");
        assert!(m.servable(), "{r}: a pyfunc");
        assert_eq!(m.python_version().as_deref(), Some("3.11.7"), "{r}");
        assert_eq!(
            m.saved_input_example_info
                .as_ref()
                .map(|i| i.artifact_path.as_str()),
            Some("input_example.json"),
            "{r}"
        );
        let s = m.signature().unwrap().unwrap();
        assert_eq!(
            signature_pairs(&s),
            vec![
                ("input age".to_string(), "long".to_string()),
                ("input plan".to_string(), "string".to_string()),
                ("input monthly_charges".to_string(), "double".to_string()),
                ("output churn_probability".to_string(), "double".to_string()),
            ],
            "{r}"
        );
        // Logged without a signature.
        assert_eq!(
            mlmodel(r, "MLmodel-nosig").signature().unwrap(),
            None,
            "{r}"
        );
        // Tensors.
        let t = mlmodel(r, "MLmodel-tensor").signature().unwrap().unwrap();
        let Schema::Tensors(inputs) = &t.inputs else {
            panic!("{r}: tensor inputs")
        };
        assert_eq!(
            (inputs[0].dtype.as_str(), inputs[0].shape_label()),
            ("float32", "(-1, 4)".to_string()),
            "{r}"
        );
    }
    // Only MLflow 2.x and later record the folder's size.
    assert_eq!(mlmodel("1.30.1", "MLmodel-columns").model_size_bytes, None);
    assert!(mlmodel("3.17.2", "MLmodel-columns")
        .model_size_bytes
        .is_some());
}

#[test]
fn a_retyped_and_an_added_column_differ_in_the_signature_rows() {
    for r in RELEASES {
        let before = signature_pairs(&mlmodel(r, "MLmodel-columns").signature().unwrap().unwrap());
        let after = signature_pairs(
            &mlmodel(r, "MLmodel-columns-changed")
                .signature()
                .unwrap()
                .unwrap(),
        );
        let get = |rows: &[(String, String)], k: &str| {
            rows.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(get(&before, "input age").as_deref(), Some("long"), "{r}");
        assert_eq!(
            get(&after, "input age").as_deref(),
            Some("double"),
            "{r}: retyped"
        );
        assert_eq!(get(&before, "input tenure_months"), None, "{r}");
        assert_eq!(
            get(&after, "input tenure_months").as_deref(),
            Some("long"),
            "{r}: added"
        );
    }
    // Optional columns: `optional` on 2.9, `required: false` on 3.x; 1.30 has neither.
    for r in ["2.9.2", "3.17.2"] {
        let after = signature_pairs(
            &mlmodel(r, "MLmodel-columns-changed")
                .signature()
                .unwrap()
                .unwrap(),
        );
        assert!(
            after
                .iter()
                .any(|(k, v)| k == "input promo code (€, 'beta')" && v == "string (optional)"),
            "{r}: {after:?}"
        );
    }
}

#[test]
fn the_run_tag_carries_the_same_description_on_1_x_and_2_x() {
    for r in ["1.30.1", "2.9.2"] {
        let run: GetRun = serde_json::from_str(&file(r, "runs-get.json")).unwrap();
        let tag = run
            .run
            .data
            .tags
            .iter()
            .find(|t| t.key == "mlflow.log-model.history")
            .unwrap_or_else(|| panic!("{r}: the tag"));
        let entries = MlModel::from_history(&tag.value).unwrap();
        let entry = primehub_models::mlmodel::history_entry(entries, Some("model")).unwrap();
        assert_eq!(
            entry.signature().unwrap(),
            mlmodel(r, "MLmodel-columns").signature().unwrap(),
            "{r}: the tag and the file agree"
        );
    }
    let cut = file("2.9.2", "log-model-history-truncated.json");
    let why = MlModel::from_history(&cut).unwrap_err();
    assert!(why.0.contains("cut short"), "{why}");
}

#[test]
fn requirements_and_environment_files_of_every_release() {
    for r in RELEASES {
        let reqs = parse_requirements(&file(r, "requirements.txt"));
        assert_eq!(reqs[0].name, "mlflow", "{r}");
        assert_eq!(reqs[0].spec, format!("=={r}"), "{r}");
        let py = parse_python_env(
            &file(r, "python_env.yaml"),
            Some(&file(r, "requirements.txt")),
        )
        .unwrap();
        assert_eq!(py.python.as_deref(), Some("3.11.7"), "{r}");
        assert_eq!(
            py.requirements, reqs,
            "{r}: python_env.yaml points at requirements.txt"
        );
        let conda = parse_conda(&file(r, "conda.yaml")).unwrap();
        assert_eq!(conda.python.as_deref(), Some("3.11.7"), "{r}");
        assert_eq!(
            conda.requirements, reqs,
            "{r}: conda's pip list is the same"
        );

        let changed = parse_requirements(&file(r, "requirements-columns-changed.txt"));
        let rows = |reqs| {
            environment_pairs(
                &Environment {
                    python: Some("3.11.7".into()),
                    requirements: reqs,
                },
                Some(r),
            )
        };
        let (a, b) = (rows(reqs.clone()), rows(changed));
        assert!(
            a.contains(&("requirement scikit-learn".into(), "==1.5.2".into())),
            "{r}"
        );
        assert!(
            b.contains(&("requirement scikit-learn".into(), "==1.6.1".into())),
            "{r}: re-pinned"
        );
        assert!(a.iter().any(|(k, _)| k == "requirement cloudpickle"), "{r}");
        assert!(
            !b.iter().any(|(k, _)| k == "requirement cloudpickle"),
            "{r}: removed"
        );
        assert!(
            b.contains(&(
                "requirement pywin32; sys_platform == \"win32\"".into(),
                "==306".into()
            )),
            "{r}: a marker is part of the key"
        );
    }
}

#[test]
fn input_examples_become_tables() {
    for r in RELEASES {
        let example: serde_json::Value =
            serde_json::from_str(&file(r, "input_example.json")).unwrap();
        let t = example_table(&example, 10).unwrap();
        assert_eq!(t.columns, vec!["age", "plan", "monthly_charges"], "{r}");
        assert_eq!(t.rows[0], vec!["34", "basic", "29.9"], "{r}");
        let tensor: serde_json::Value =
            serde_json::from_str(&file(r, "input_example-tensor.json")).unwrap();
        let t = example_table(&tensor, 10).unwrap();
        assert_eq!(t.columns.len(), 4, "{r}: a (-1, 4) tensor");
    }
}

#[test]
fn the_model_folder_is_found_and_listed_on_every_release() {
    for r in RELEASES {
        let v: GetModelVersion = serde_json::from_str(&file(r, "mv-get.json")).unwrap();
        let run: GetRun = serde_json::from_str(&file(r, "runs-get.json")).unwrap();
        let location = model_location(&v.model_version, Some(&run.run));
        let listing_file = if r.starts_with('3') {
            assert!(
                matches!(location, ModelLocation::LoggedModel { .. }),
                "{r}: {location:?}"
            );
            "logged-model-directories.json"
        } else {
            assert!(
                matches!(&location, ModelLocation::RunFolder { path, .. } if path == "model"),
                "{r}: {location:?}"
            );
            "artifacts-list.json"
        };
        let listing: Listing = serde_json::from_str(&file(r, listing_file)).unwrap();
        let files = relative_entries(&location, listing.files);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for want in ["MLmodel", "requirements.txt", "input_example.json"] {
            assert!(names.contains(&want), "{r}: {names:?}");
        }
        assert!(files.iter().all(|f| f.file_size.is_some()), "{r}: sizes");
        let deleted_file = if r.starts_with('3') {
            "logged-model-directories-deleted.json"
        } else {
            "artifacts-list-deleted.json"
        };
        let deleted: Listing = serde_json::from_str(&file(r, deleted_file)).unwrap();
        assert!(
            deleted.files.is_empty(),
            "{r}: deleted files list as nothing"
        );
    }
}
