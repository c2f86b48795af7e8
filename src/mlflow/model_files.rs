//! A model version's files and what they say: where its folder is, the
//! folder's listing (under `/api`), and the small text files the app reads
//! through `mlflow_root` (`MLmodel`, requirements, environment files, the
//! input example). Without `mlflow_root`, `MLmodel` comes from the run tag
//! `mlflow.log-model.history` where the run has it.
//!
//! MLflow sources: `mlflow/server/handlers.py` (`_list_artifacts`,
//! `get_model_version_artifact_handler`, `_list_logged_model_artifacts`).

use super::error::{decode_response, looks_like_html};
use super::request::{get_json, send};
use super::types::{ModelVersion, Run};
use super::url::{api_url, encode_component, encode_query};
use super::MlflowError;
use crate::mlmodel::{history_entry, MlModel};
use crate::model_env::{parse_conda, parse_python_env, parse_requirements, Environment};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The largest file the app reads (bytes): `MLmodel`, requirements and
/// environment files are a few KB; an input example over this is left to
/// its download link.
pub const READ_CAP: u64 = 256 * 1024;

/// The run tag that carries the models a run logged (MLflow 1.x and 2.x).
pub const HISTORY_TAG: &str = "mlflow.log-model.history";

/// Where a version's model folder is, as far as `/api` can list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelLocation {
    /// An MLflow 3 logged model (`models:/m-<id>`).
    LoggedModel { id: String },
    /// A folder of the source run's artifacts (`runs:/<run>/<path>`, or a
    /// source inside the run's artifact location).
    RunFolder { run_id: String, path: String },
    /// A source the API cannot list (elsewhere in the store, a copied version).
    Unknown,
}

/// Where `v`'s files are; `run` is its source run, when loaded.
pub fn model_location(v: &ModelVersion, run: Option<&Run>) -> ModelLocation {
    if let Some(id) = super::client::logged_model_id(&v.source) {
        return ModelLocation::LoggedModel { id: id.to_string() };
    }
    if let Some(rest) = v.source.strip_prefix("runs:/") {
        if let Some((run_id, path)) = rest.split_once('/') {
            return ModelLocation::RunFolder {
                run_id: run_id.to_string(),
                path: path.trim_matches('/').to_string(),
            };
        }
    }
    if let Some(run) = run {
        // The same location may be written `file:///x` and `/x`.
        let plain = |s: &str| {
            s.strip_prefix("file://")
                .unwrap_or(s)
                .trim_end_matches('/')
                .to_string()
        };
        let root = plain(&run.info.artifact_uri);
        let source = plain(&v.source);
        if let Some(path) = source
            .strip_prefix(&format!("{root}/"))
            .filter(|_| !root.is_empty())
        {
            return ModelLocation::RunFolder {
                run_id: run.info.run_id.clone(),
                path: path.to_string(),
            };
        }
    }
    ModelLocation::Unknown
}

/// One entry of the model's folder.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct FileEntry {
    /// Relative to the model's folder (`MLmodel`, `code/util.py`).
    pub path: String,
    pub is_dir: bool,
    /// Bytes; absent for folders.
    #[serde(deserialize_with = "int64")]
    pub file_size: Option<u64>,
}

impl FileEntry {
    /// The entry's own name (`util.py`).
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// `artifacts/list` and `logged-models/<id>/artifacts/directories` answers
/// (`files` is left out when there are none).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Listing {
    pub files: Vec<FileEntry>,
}

/// MLflow writes `int64` as a JSON number or, on some paths, a string.
fn int64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Int {
        N(u64),
        S(String),
    }
    Ok(match Option::<Int>::deserialize(d)? {
        Some(Int::N(n)) => Some(n),
        Some(Int::S(s)) => s.parse().ok(),
        None => None,
    })
}

/// URL listing `folder` (relative to the model's folder; `""` for the
/// folder itself); `None` for a location the API cannot list.
pub fn listing_url(api: &str, location: &ModelLocation, folder: &str) -> Option<String> {
    match location {
        ModelLocation::LoggedModel { id } => {
            let endpoint = format!(
                "logged-models/{}/artifacts/directories",
                encode_component(id)
            );
            let query: &[(&str, &str)] = if folder.is_empty() {
                &[]
            } else {
                &[("artifact_directory_path", folder)]
            };
            Some(api_url(api, &endpoint, query))
        }
        ModelLocation::RunFolder { run_id, path } => {
            let full = [path.as_str(), folder]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("/");
            Some(api_url(
                api,
                "artifacts/list",
                &[("run_id", run_id), ("path", &full)],
            ))
        }
        ModelLocation::Unknown => None,
    }
}

/// The entries of `folder` in the model's folder, paths relative to the
/// model's folder, folders first, then by name.
///
/// # Errors
/// What MLflow or the proxy answered.
pub async fn list_files(
    api: &str,
    location: &ModelLocation,
    folder: &str,
) -> Result<Vec<FileEntry>, MlflowError> {
    let Some(url) = listing_url(api, location, folder) else {
        return Ok(Vec::new());
    };
    let listing: Listing = get_json(&url).await?;
    Ok(relative_entries(location, listing.files))
}

/// Run listings name paths from the run's root (`model/MLmodel`): made
/// relative to the model's folder.
pub fn relative_entries(location: &ModelLocation, files: Vec<FileEntry>) -> Vec<FileEntry> {
    let prefix = match location {
        ModelLocation::RunFolder { path, .. } if !path.is_empty() => format!("{path}/"),
        _ => String::new(),
    };
    let mut out: Vec<FileEntry> = files
        .into_iter()
        .map(|mut f| {
            if let Some(rest) = f.path.strip_prefix(&prefix) {
                f.path = rest.to_string();
            }
            f
        })
        .collect();
    out.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.path.cmp(&b.path)));
    out
}

/// The download (and read) URL of `path` in version `v`'s model folder,
/// through `mlflow_root`: `/model-versions/get-artifact` serves every
/// version's files whatever its source.
pub fn file_url(root: &str, v: &ModelVersion, path: &str) -> String {
    format!(
        "{}/model-versions/get-artifact?name={}&version={}&path={}",
        root.trim_end_matches('/'),
        encode_query(&v.name),
        encode_query(&v.version),
        encode_query(path)
    )
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    /// MLflow has no such file (the model does not have it).
    Missing,
    /// Over its cap ([`READ_CAP`], [`MLMODEL_CAP`]) in bytes: not read.
    TooLarge { size: u64, cap: u64 },
    /// MLflow failed reading it (HTTP 500: MLflow 1.x/2.x answer a missing
    /// file so, and a store the server cannot reach).
    ServerFailed(u16),
    /// Anything else, said for the reader.
    Failed(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing => f.write_str("MLflow has no such file for this version"),
            Self::TooLarge { size, cap } => write!(
                f,
                "it is {}, over the {} the page reads; download it instead",
                crate::format::bytes(*size),
                crate::format::bytes(*cap)
            ),
            Self::ServerFailed(status) => write!(
                f,
                "MLflow failed to read it (HTTP {status}): the file may be missing, or in an artifact store the MLflow server cannot reach"
            ),
            Self::Failed(why) => f.write_str(why),
        }
    }
}

/// The largest `MLmodel` the app reads (bytes): its bulk is the signature,
/// which a model with thousands of columns makes long.
pub const MLMODEL_CAP: u64 = 4 * 1024 * 1024;

/// Reads a small text file of the model through `mlflow_root`, if its
/// listed size (when known) and its length are at most `cap` bytes.
///
/// # Errors
/// [`ReadError`]: missing, over `cap`, or what went wrong.
pub async fn read_text(
    root: &str,
    v: &ModelVersion,
    path: &str,
    listed: Option<u64>,
    cap: u64,
) -> Result<String, ReadError> {
    if let Some(size) = listed.filter(|s| *s > cap) {
        return Err(ReadError::TooLarge { size, cap });
    }
    let x = send(&file_url(root, v, path), None)
        .await
        .map_err(|e| ReadError::Failed(e.to_string()))?;
    if (200..300).contains(&x.status) {
        if looks_like_html(&x.content_type, &x.body) {
            return Err(ReadError::Failed(
                "the proxy answered an HTML page instead of the file: check that mlflow_root points at the proxy for MLflow's root".into(),
            ));
        }
        if x.body.len() as u64 > cap {
            return Err(ReadError::TooLarge {
                size: x.body.len() as u64,
                cap,
            });
        }
        return Ok(x.body);
    }
    match decode_response::<serde_json::Value>(x.status, &x.content_type, &x.body) {
        Err(e) if e.is_not_found() => Err(ReadError::Missing),
        Err(MlflowError::NoSuchEndpoint { status }) => Err(ReadError::Failed(format!(
            "the proxy does not serve model files (HTTP {status}): check that mlflow_root points at the proxy for MLflow's root"
        ))),
        Err(MlflowError::Status { status, .. }) if status >= 500 => Err(ReadError::ServerFailed(status)),
        Err(e) => Err(ReadError::Failed(e.to_string())),
        Ok(_) => Err(ReadError::Failed(format!("HTTP {}", x.status))),
    }
}

/// Where the model description came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Described {
    /// The `MLmodel` file, read through `mlflow_root`.
    File,
    /// The run tag `mlflow.log-model.history` (no `mlflow_root`, or the
    /// file could not be read).
    RunTag,
}

/// Everything the Model section and compare's Signature and Environment
/// sections show of one version.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelFacts {
    pub location: ModelLocation,
    /// The folder's entries; `Ok(empty)` when MLflow lists none.
    pub files: Result<Vec<FileEntry>, String>,
    /// The model description, or why there is none.
    pub mlmodel: Result<(MlModel, Described), String>,
    /// The environment and the file it came from; `None` without
    /// `mlflow_root` (the files cannot be read).
    pub environment: Option<Result<(Environment, String), String>>,
    /// `mlflow_root` is configured: files can be read and downloaded.
    pub readable: bool,
}

impl ModelFacts {
    /// The size of a listed file.
    pub fn size_of(&self, path: &str) -> Option<u64> {
        self.files
            .as_ref()
            .ok()?
            .iter()
            .find(|f| f.path == path && !f.is_dir)
            // MLflow leaves out a size of 0.
            .map(|f| f.file_size.unwrap_or(0))
    }

    /// Whether the listing has `path` (`true` when there is no listing to
    /// ask). Asking for a file MLflow does not have costs an HTTP 500 on
    /// MLflow 1.x and 2.x, so a listed folder is trusted.
    pub fn may_have(&self, path: &str) -> bool {
        match &self.files {
            Ok(files) => files.iter().any(|f| f.path == path),
            Err(_) => true,
        }
    }

    /// Reads `path` of version `v` through `root` when the listing has it,
    /// within `cap` bytes (its listed size is checked first).
    ///
    /// # Errors
    /// [`ReadError::Missing`] for a file the listing lacks, else as [`read_text`].
    pub async fn read(
        &self,
        root: &str,
        v: &ModelVersion,
        path: &str,
        cap: u64,
    ) -> Result<String, ReadError> {
        if !self.may_have(path) {
            return Err(ReadError::Missing);
        }
        read_text(root, v, path, self.size_of(path), cap).await
    }
}

/// Version `version` of `name` and its facts, from its number alone: the
/// version, then its run (session cache), then [`model_facts`]. What the
/// Deploy dialog's pre-flight reads for the version it deploys and for the
/// one a deployment serves.
///
/// # Errors
/// MLflow's error for the version itself; a run that cannot be had leaves
/// only what the files say.
pub async fn version_facts(
    api: &str,
    root: Option<&str>,
    name: &str,
    version: &str,
) -> Result<(ModelVersion, Rc<ModelFacts>), MlflowError> {
    let v = super::client::get_model_version(api, name, version).await?;
    let run = if v.run_id.is_empty() {
        None
    } else {
        Some(super::client::get_run_cached(api, &v.run_id).await)
    };
    let run = run.as_deref().and_then(|r| r.as_ref().ok());
    let facts = model_facts(api, root, &v, run).await;
    Ok((v, facts))
}

thread_local! {
    /// Facts loaded this session: a version's files do not change.
    static FACTS: RefCell<HashMap<String, Rc<ModelFacts>>> = RefCell::new(HashMap::new());
}

/// The facts of version `v` (with its source run, when it has one), from
/// the session cache or MLflow. Never fails: each part says what is missing.
pub async fn model_facts(
    api: &str,
    root: Option<&str>,
    v: &ModelVersion,
    run: Option<&Run>,
) -> Rc<ModelFacts> {
    let key = format!(
        "{api}\u{0}{}\u{0}{}\u{0}{}",
        root.unwrap_or(""),
        v.name,
        v.version
    );
    if let Some(hit) = FACTS.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let location = resolve_location(api, v, run).await;
    // The listing first: MLflow 1.x and 2.x answer a file they do not have
    // with an HTTP 500 (and log it), so a listed folder without MLmodel is
    // not asked for it. The section is the page's last; the round trip
    // costs no first row.
    let files = match &location {
        ModelLocation::Unknown => Err(if v.run_id.is_empty() {
            format!("MLflow's API lists a model's files through its run or logged model, and this version has neither (its source is {}).", v.source)
        } else {
            format!("MLflow's API cannot list this version's files: its source {} is not inside its run's artifacts.", v.source)
        }),
        loc => list_files(api, loc, "").await.map_err(|e| e.to_string()),
    };
    let mut facts = ModelFacts {
        location,
        files,
        mlmodel: Err(String::new()),
        environment: None,
        readable: root.is_some(),
    };
    let file = match root {
        Some(root) => Some(facts.read(root, v, "MLmodel", MLMODEL_CAP).await),
        None => None,
    };
    let from_tag = || -> Result<(MlModel, Described), String> {
        let run = run.ok_or_else(|| "this version has no source run".to_string())?;
        let tag = run
            .data
            .tags
            .iter()
            .find(|t| t.key == HISTORY_TAG)
            .ok_or_else(|| "its run has no mlflow.log-model.history tag".to_string())?;
        let entries = MlModel::from_history(&tag.value).map_err(|e| e.to_string())?;
        let path = match &facts.location {
            ModelLocation::RunFolder { path, .. } => Some(path.as_str()),
            _ => None,
        };
        history_entry(entries, path)
            .map(|m| (m, Described::RunTag))
            .ok_or_else(|| {
                "its run's mlflow.log-model.history tag has no entry for this model".to_string()
            })
    };
    facts.mlmodel = match file {
        Some(Ok(text)) => MlModel::from_yaml(&text).map(|m| (m, Described::File)).map_err(|e| format!("{e}.")),
        Some(Err(e)) => from_tag().map_err(|_| {
            if !facts.may_have("MLmodel") {
                "MLflow lists no MLmodel file for this version: its files may have been deleted, or they are in an artifact store this MLflow server cannot read.".to_string()
            } else {
                format!("The MLmodel file could not be read: {e}.")
            }
        }),
        None if matches!(facts.location, ModelLocation::LoggedModel { .. }) => from_tag().map_err(|_| {
            "MLflow 3 keeps a logged model's description (signature, flavors) only in its MLmodel file, which the page reads through mlflow_root; it is not set here.".to_string()
        }),
        None => from_tag().map_err(|why| {
            format!("Without mlflow_root the page reads the model's description from its run, and {why}.")
        }),
    };
    if let Some(root) = root {
        let none_listed = facts.files.as_ref().is_ok_and(Vec::is_empty);
        facts.environment = Some(if none_listed {
            Err("Not known: MLflow lists no files for this version.".into())
        } else {
            environment(root, v, &facts).await
        });
    }
    let facts = Rc::new(facts);
    // A failure that a retry may mend is not kept.
    let lasting = facts.files.is_ok() && !matches!(facts.environment, Some(Err(_)));
    if lasting {
        FACTS.with(|c| c.borrow_mut().insert(key, Rc::clone(&facts)));
    }
    facts
}

/// Where `v`'s files are; a copied version's (`models:/<model>/<version>`)
/// are its original's, followed once.
async fn resolve_location(api: &str, v: &ModelVersion, run: Option<&Run>) -> ModelLocation {
    let here = model_location(v, run);
    let Some((name, version)) = (here == ModelLocation::Unknown)
        .then(|| super::client::copied_from(&v.source))
        .flatten()
    else {
        return here;
    };
    let Ok(original) = super::client::get_model_version(api, name, version).await else {
        return here;
    };
    let original_run = if original.run_id.is_empty() {
        None
    } else {
        (*super::client::get_run_cached(api, &original.run_id).await)
            .as_ref()
            .ok()
            .cloned()
    };
    model_location(&original, original_run.as_ref())
}

/// The environment: Python (from MLmodel, else the environment files) and
/// the requirements from `requirements.txt`, else `conda.yaml`'s pip list,
/// else `python_env.yaml`'s dependencies.
async fn environment(
    root: &str,
    v: &ModelVersion,
    facts: &ModelFacts,
) -> Result<(Environment, String), String> {
    let described = facts.mlmodel.as_ref().ok().map(|(m, _)| m);
    let env_files = described.map(MlModel::env_files).unwrap_or_default();
    let python_env = env_files
        .virtualenv
        .unwrap_or_else(|| "python_env.yaml".into());
    let conda = env_files.conda.unwrap_or_else(|| "conda.yaml".into());
    let read = |path: String| async move { facts.read(root, v, &path, READ_CAP).await };
    let python_of_model = described.and_then(MlModel::python_version);
    match read("requirements.txt".into()).await {
        Ok(text) => {
            // Python from MLmodel, else from python_env.yaml.
            let python = match python_of_model {
                Some(p) => Some(p),
                None => read(python_env)
                    .await
                    .ok()
                    .and_then(|t| parse_python_env(&t, None).ok())
                    .and_then(|e| e.python),
            };
            let env = Environment {
                python,
                requirements: parse_requirements(&text),
            };
            Ok((env, "requirements.txt".into()))
        }
        Err(ReadError::Missing) => {
            // conda.yaml lists the pip requirements itself; python_env.yaml
            // names requirements.txt, which is missing here.
            match read(conda.clone()).await {
                Ok(text) => parse_conda(&text)
                    .map(|mut e| {
                        e.python = python_of_model.or(e.python);
                        (e, conda)
                    })
                    .map_err(|e| format!("{e}.")),
                Err(ReadError::Missing) => match read(python_env.clone()).await {
                    Ok(text) => parse_python_env(&text, None)
                        .map(|mut e| {
                            e.python = python_of_model.or(e.python);
                            e.requirements.retain(|r| !r.line.starts_with("-r "));
                            (e, python_env)
                        })
                        .map_err(|e| format!("{e}.")),
                    Err(ReadError::Missing) => Err(
                        "The model has no requirements.txt, conda.yaml or python_env.yaml.".into(),
                    ),
                    Err(e) => Err(format!("{python_env} could not be read: {e}.")),
                },
                Err(e) => Err(format!("{conda} could not be read: {e}.")),
            }
        }
        Err(e) => Err(format!("requirements.txt could not be read: {e}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlflow::types::RunInfo;

    fn version(source: &str) -> ModelVersion {
        ModelVersion {
            name: "churn #1".into(),
            version: "2".into(),
            source: source.into(),
            run_id: "r1".into(),
            ..Default::default()
        }
    }

    fn run(artifact_uri: &str) -> Run {
        Run {
            info: RunInfo {
                run_id: "r1".into(),
                artifact_uri: artifact_uri.into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn the_model_folder_is_found_from_each_kind_of_source() {
        assert_eq!(
            model_location(&version("models:/m-0a1b"), None),
            ModelLocation::LoggedModel {
                id: "m-0a1b".into()
            }
        );
        assert_eq!(
            model_location(&version("runs:/r9/deep/model/"), None),
            ModelLocation::RunFolder {
                run_id: "r9".into(),
                path: "deep/model".into()
            }
        );
        let r = run("file:///srv/mlruns/1/r1/artifacts");
        assert_eq!(
            model_location(&version("/srv/mlruns/1/r1/artifacts/model"), Some(&r)),
            ModelLocation::RunFolder {
                run_id: "r1".into(),
                path: "model".into()
            }
        );
        let r = run("mlflow-artifacts:/1/r1/artifacts");
        assert_eq!(
            model_location(&version("mlflow-artifacts:/1/r1/artifacts/model"), Some(&r)),
            ModelLocation::RunFolder {
                run_id: "r1".into(),
                path: "model".into()
            }
        );
        assert_eq!(
            model_location(&version("s3://elsewhere/model"), Some(&r)),
            ModelLocation::Unknown
        );
        assert_eq!(
            model_location(&version("models:/other/3"), None),
            ModelLocation::Unknown
        );
    }

    #[test]
    fn listing_and_file_urls() {
        let loc = ModelLocation::RunFolder {
            run_id: "r 1".into(),
            path: "model".into(),
        };
        assert_eq!(
            listing_url("/api/mlflow", &loc, "").unwrap(),
            "/api/mlflow/2.0/mlflow/artifacts/list?run_id=r%201&path=model"
        );
        assert_eq!(
            listing_url("/api/mlflow", &loc, "code").unwrap(),
            "/api/mlflow/2.0/mlflow/artifacts/list?run_id=r%201&path=model%2Fcode"
        );
        let lm = ModelLocation::LoggedModel { id: "m-1".into() };
        assert_eq!(
            listing_url("/api", &lm, "").unwrap(),
            "/api/2.0/mlflow/logged-models/m-1/artifacts/directories"
        );
        assert_eq!(listing_url("/api", &ModelLocation::Unknown, ""), None);
        assert_eq!(
            file_url("/api/mlflow-root/", &version("x"), "MLmodel"),
            "/api/mlflow-root/model-versions/get-artifact?name=churn%20%231&version=2&path=MLmodel"
        );
    }

    #[test]
    fn run_listings_are_made_relative_and_sizes_read_either_way() {
        let listing: Listing = serde_json::from_str(
            r#"{"root_uri": "x", "files": [{"path": "model/requirements.txt", "is_dir": false, "file_size": 80},
                {"path": "model/MLmodel", "is_dir": false, "file_size": "512"},
                {"path": "model/code", "is_dir": true}]}"#,
        )
        .unwrap();
        let loc = ModelLocation::RunFolder {
            run_id: "r".into(),
            path: "model".into(),
        };
        let files = relative_entries(&loc, listing.files);
        let got: Vec<(&str, Option<u64>)> = files
            .iter()
            .map(|f| (f.path.as_str(), f.file_size))
            .collect();
        assert_eq!(
            got,
            vec![
                ("code", None),
                ("MLmodel", Some(512)),
                ("requirements.txt", Some(80))
            ]
        );
        let empty: Listing = serde_json::from_str("{}").unwrap();
        assert!(empty.files.is_empty(), "MLflow omits an empty list");
    }
}
