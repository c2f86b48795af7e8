//! A `models:/` URI resolved to one existing model version: model, version,
//! stage and aliases. MLflow is reached through the fetchers passed in, so
//! every rule here runs in native tests; [`resolve_in_mlflow`] wires the
//! real client.

use super::{ModelFacts, ModelRef, UriTarget};
use crate::mlflow::client::{get_model_version, get_registered_model, server_has_aliases};
use crate::mlflow::types::{ModelVersion, RegisteredModel};
use crate::mlflow::MlflowError;
use std::future::Future;

/// A model URI resolved to one existing version.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub model: RegisteredModel,
    pub version: ModelVersion,
}

impl Resolved {
    /// `iris-classifier v3`.
    pub fn label(&self) -> String {
        format!("{} v{}", self.version.name, self.version.version)
    }
}

/// Why a URI does not lead to a version.
#[derive(Clone, Debug, PartialEq)]
pub enum ResolveError {
    /// No registered model of that name (raw or decoded).
    NoModel(String),
    /// The model exists; the alias, stage or version does not.
    NoVersion { model: String, what: String },
    /// An alias URI, on an MLflow server without aliases (before 2.3).
    NoAliases { uri_target: String },
    /// MLflow could not be asked.
    Mlflow(MlflowError),
}

/// What [`resolve`] asks MLflow, one function each.
pub struct Fetchers<M, V, A> {
    /// `registered-models/get` by exact name.
    pub model: M,
    /// `model-versions/get` by name and version.
    pub version: V,
    /// Whether the server has aliases at all, asked with a model and alias.
    pub has_aliases: A,
}

/// Finds the version `r` points at: the name is tried decoded, then as
/// written (a raw name may itself hold `%`).
pub async fn resolve<M, MF, V, VF, A, AF>(
    r: &ModelRef,
    fetch: &Fetchers<M, V, A>,
) -> Result<Resolved, ResolveError>
where
    M: Fn(String) -> MF,
    MF: Future<Output = Result<RegisteredModel, MlflowError>>,
    V: Fn(String, String) -> VF,
    VF: Future<Output = Result<ModelVersion, MlflowError>>,
    A: Fn(String, String) -> AF,
    AF: Future<Output = Result<bool, MlflowError>>,
{
    let mut names = vec![r.display_name()];
    if r.written_name != names[0] {
        names.push(r.written_name.clone());
    }
    for name in names {
        let model = match (fetch.model)(name).await {
            Ok(m) => m,
            Err(e) if e.is_not_found() => continue,
            Err(e) => return Err(ResolveError::Mlflow(e)),
        };
        let Some(n) = r.resolve(&ModelFacts::of_model(&model)) else {
            if let UriTarget::Alias(alias) = &r.target {
                let has = (fetch.has_aliases)(model.name.clone(), alias.clone())
                    .await
                    .map_err(ResolveError::Mlflow)?;
                if !has {
                    return Err(ResolveError::NoAliases {
                        uri_target: r.describe(),
                    });
                }
            }
            return Err(ResolveError::NoVersion {
                model: model.name.clone(),
                what: r.describe(),
            });
        };
        return match (fetch.version)(model.name.clone(), n.clone()).await {
            Ok(version) => Ok(Resolved { model, version }),
            Err(e) if e.is_missing() => Err(ResolveError::NoVersion {
                model: model.name.clone(),
                what: format!("version {n}"),
            }),
            Err(e) => Err(ResolveError::Mlflow(e)),
        };
    }
    Err(ResolveError::NoModel(r.display_name()))
}

/// Why a deployment whose URI resolved to `got` points at nothing, in
/// words: the model, the version or the alias is gone, or the version it
/// leads to failed registration. `None` when it leads to a version that can
/// serve, and when that cannot be told (MLflow not reachable, a server
/// without aliases).
pub fn dangling_why(got: &Result<Resolved, ResolveError>) -> Option<String> {
    use crate::mlflow::types::VersionStatus;
    match got {
        Ok(r) if r.version.status() == VersionStatus::Failed => Some(format!(
            "it leads to {}, which failed registration",
            r.label()
        )),
        Ok(_) => None,
        Err(ResolveError::NoModel(name)) => Some(format!("MLflow has no model {name}")),
        Err(ResolveError::NoVersion { model, what }) => {
            let what = what.strip_prefix(&format!("{model} ")).unwrap_or(what);
            let what = match what.strip_prefix('v') {
                Some(n) if n.bytes().all(|b| b.is_ascii_digit()) => format!("version {n}"),
                _ => what.to_string(),
            };
            let what = match (what.strip_prefix('@'), what.strip_prefix('(')) {
                (Some(alias), _) => format!("alias {alias}"),
                (_, Some("latest)")) => "version at all".to_string(),
                (_, Some(stage)) => format!("version in stage {}", stage.trim_end_matches(')')),
                _ => what,
            };
            Some(format!("{model} has no {what}"))
        }
        Err(ResolveError::NoAliases { .. } | ResolveError::Mlflow(_)) => None,
    }
}

/// [`resolve`] against the MLflow behind `api`.
pub async fn resolve_in_mlflow(api: &str, r: &ModelRef) -> Result<Resolved, ResolveError> {
    let fetch = Fetchers {
        model: |name: String| async move { get_registered_model(api, &name).await },
        version: |name: String, v: String| async move { get_model_version(api, &name, &v).await },
        has_aliases: |name: String, alias: String| async move {
            server_has_aliases(api, &name, &alias).await
        },
    };
    resolve(r, &fetch).await
}

#[cfg(test)]
mod dangling_tests {
    use super::*;
    use crate::mlflow::types::ModelVersion;

    #[test]
    fn what_a_deployment_points_at_is_said_missing_in_words() {
        let no = |model: &str, what: &str| {
            dangling_why(&Err(ResolveError::NoVersion {
                model: model.into(),
                what: what.into(),
            }))
        };
        assert_eq!(
            no("churn-predictor", "version 99").as_deref(),
            Some("churn-predictor has no version 99")
        );
        assert_eq!(
            no("churn model", "churn model @gone").as_deref(),
            Some("churn model has no alias gone")
        );
        assert_eq!(
            no("iris", "iris (Production)").as_deref(),
            Some("iris has no version in stage Production")
        );
        assert_eq!(
            dangling_why(&Err(ResolveError::NoModel("old model".into()))).as_deref(),
            Some("MLflow has no model old model")
        );
        let version = |status: &str| ModelVersion {
            name: "churn".into(),
            version: "4".into(),
            status: status.into(),
            ..Default::default()
        };
        let resolved = |status: &str| {
            Ok(Resolved {
                model: Default::default(),
                version: version(status),
            })
        };
        assert_eq!(
            dangling_why(&resolved("FAILED_REGISTRATION")).as_deref(),
            Some("it leads to churn v4, which failed registration")
        );
        assert_eq!(dangling_why(&resolved("READY")), None);
        assert_eq!(dangling_why(&resolved("PENDING_REGISTRATION")), None);
        assert_eq!(
            dangling_why(&Err(ResolveError::NoAliases {
                uri_target: "x @a".into()
            })),
            None
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::parse_model_uri;
    use crate::mlflow::types::Alias;
    use futures::executor::block_on;
    use std::future::{ready, Ready};

    fn missing() -> MlflowError {
        MlflowError::Api {
            status: 404,
            code: "RESOURCE_DOES_NOT_EXIST".into(),
            message: "gone".into(),
        }
    }

    /// A registry with "a b" (v1 Archived, v2 Production, v3 Staging;
    /// champion -> 2) and a model literally named "pct%20name".
    fn model(name: String) -> Ready<Result<RegisteredModel, MlflowError>> {
        let stage = |v: &str, s: &str| ModelVersion {
            name: name.clone(),
            version: v.into(),
            current_stage: s.into(),
            ..Default::default()
        };
        ready(match name.as_str() {
            "a b" => Ok(RegisteredModel {
                name: name.clone(),
                aliases: vec![Alias {
                    alias: "champion".into(),
                    version: "2".into(),
                }],
                latest_versions: vec![
                    stage("1", "Archived"),
                    stage("2", "Production"),
                    stage("3", "Staging"),
                ],
                ..Default::default()
            }),
            "pct%20name" => Ok(RegisteredModel {
                name: name.clone(),
                latest_versions: vec![stage("1", "None")],
                ..Default::default()
            }),
            _ => Err(missing()),
        })
    }

    fn version(name: String, v: String) -> Ready<Result<ModelVersion, MlflowError>> {
        ready(match v.parse::<u32>() {
            Ok(n) if (1..=3).contains(&n) => Ok(ModelVersion {
                name,
                version: v,
                ..Default::default()
            }),
            Ok(_) => Err(missing()),
            Err(_) => Err(MlflowError::Api {
                status: 400,
                code: "INVALID_PARAMETER_VALUE".into(),
                message: "not a number".into(),
            }),
        })
    }

    fn run(uri: &str, server_has_aliases: bool) -> Result<String, ResolveError> {
        let fetch = Fetchers {
            model,
            version,
            has_aliases: move |_: String, _: String| ready(Ok(server_has_aliases)),
        };
        let r = parse_model_uri(uri).expect("a models:/ URI");
        block_on(resolve(&r, &fetch)).map(|x| x.label())
    }

    #[test]
    fn every_uri_form_resolves_to_its_version() {
        assert_eq!(run("models:/a b/3", true), Ok("a b v3".into()));
        assert_eq!(run("models:/a%20b/1", true), Ok("a b v1".into()));
        assert_eq!(run("models:/a b@champion", true), Ok("a b v2".into()));
        assert_eq!(run("models:/a%20b/production", true), Ok("a b v2".into()));
        assert_eq!(run("models:/a b/Staging", true), Ok("a b v3".into()));
        assert_eq!(run("models:/a b/latest", true), Ok("a b v3".into()));
    }

    #[test]
    fn a_raw_name_holding_percent_is_tried_as_written() {
        // Decoded it is "pct name" (no such model); as written it exists.
        assert_eq!(
            run("models:/pct%20name/1", true),
            Ok("pct%20name v1".into())
        );
    }

    #[test]
    fn what_is_missing_is_named() {
        assert_eq!(
            run("models:/nobody/1", true),
            Err(ResolveError::NoModel("nobody".into()))
        );
        let no_version = |what: &str| {
            Err(ResolveError::NoVersion {
                model: "a b".into(),
                what: what.into(),
            })
        };
        assert_eq!(run("models:/a b/9", true), no_version("version 9"));
        assert_eq!(run("models:/a b@nobody", true), no_version("a b @nobody"));
        assert_eq!(run("models:/a b/Shadow", true), no_version("a b (Shadow)"));
        // Before MLflow 2.3 an alias cannot name anything.
        assert_eq!(
            run("models:/a b@nobody", false),
            Err(ResolveError::NoAliases {
                uri_target: "a b @nobody".into()
            })
        );
    }

    #[test]
    fn mlflow_failures_are_passed_on() {
        let fetch = Fetchers {
            model: |_: String| ready(Err::<RegisteredModel, _>(MlflowError::Timeout { secs: 10 })),
            version,
            has_aliases: |_: String, _: String| ready(Ok(true)),
        };
        let r = parse_model_uri("models:/a b/1").expect("a models:/ URI");
        assert_eq!(
            block_on(resolve(&r, &fetch)),
            Err(ResolveError::Mlflow(MlflowError::Timeout { secs: 10 }))
        );
    }
}
