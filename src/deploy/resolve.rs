//! A `models:/` URI resolved to one existing model version: model, version,
//! stage and aliases. MLflow is reached through the fetchers passed in, so
//! every rule here runs in native tests; [`resolve_in_mlflow`] wires the
//! real client.

use super::{missing_target, ModelFacts, ModelRef, UriTarget};
use crate::mlflow::client::{get_model_version, get_registered_model, server_has_aliases};
use crate::mlflow::types::{ModelVersion, RegisteredModel, VersionStatus};
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

/// Why `r`, a URI of model `m` whose aliases and latest versions are known
/// (`ModelFacts::of_model`), points at nothing, and whether at a version
/// that failed registration: "churn has no version 99". A version the model
/// lists among its latest is taken as there; any other is asked for. An
/// alias the model lacks is missing only on a server that has aliases.
/// `None` when it leads to a version that can serve, or MLflow could not
/// tell.
pub async fn dangling_in<M, V, VF, A, AF>(
    m: &ModelFacts,
    r: &ModelRef,
    fetch: &Fetchers<M, V, A>,
) -> Option<(String, bool)>
where
    V: Fn(String, String) -> VF,
    VF: Future<Output = Result<ModelVersion, MlflowError>>,
    A: Fn(String, String) -> AF,
    AF: Future<Output = Result<bool, MlflowError>>,
{
    let Some(v) = r.resolve(m) else {
        if let UriTarget::Alias(a) = &r.target {
            let has = (fetch.has_aliases)(m.name.clone(), a.clone()).await;
            if !has.unwrap_or(false) {
                return None;
            }
        }
        return Some((missing_target(&m.name, &r.target), false));
    };
    if m.stages.iter().any(|(_, s)| *s == v) {
        return None;
    }
    match (fetch.version)(m.name.clone(), v.clone()).await {
        Ok(found) if found.status() == VersionStatus::Failed => Some((
            format!("it leads to {} v{v}, which failed registration", m.name),
            true,
        )),
        Ok(_) => None,
        Err(e) if e.is_missing() => Some((missing_target(&m.name, &UriTarget::Version(v)), false)),
        Err(_) => None,
    }
}

/// The fetchers of the MLflow behind `$api`.
macro_rules! mlflow_fetchers {
    ($api:expr) => {
        Fetchers {
            model: |name: String| async move { get_registered_model($api, &name).await },
            version: |name: String, v: String| async move {
                get_model_version($api, &name, &v).await
            },
            has_aliases: |name: String, alias: String| async move {
                server_has_aliases($api, &name, &alias).await
            },
        }
    };
}

/// [`resolve`] against the MLflow behind `api`.
pub async fn resolve_in_mlflow(api: &str, r: &ModelRef) -> Result<Resolved, ResolveError> {
    resolve(r, &mlflow_fetchers!(api)).await
}

/// [`dangling_in`] against the MLflow behind `api`.
pub async fn dangling_in_mlflow(api: &str, m: &ModelFacts, r: &ModelRef) -> Option<(String, bool)> {
    dangling_in(m, r, &mlflow_fetchers!(api)).await
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
    fn a_deployment_pointing_at_nothing_says_what_is_missing() {
        let fetch = |aliases: bool| Fetchers {
            model,
            version: |name: String, v: String| {
                ready(match v.as_str() {
                    "4" => Ok(ModelVersion {
                        name,
                        version: v,
                        status: "FAILED_REGISTRATION".into(),
                        ..Default::default()
                    }),
                    _ => version(name, v).into_inner(),
                })
            },
            has_aliases: move |_: String, _: String| ready(Ok(aliases)),
        };
        let facts = block_on(model("a b".into()))
            .map(|m| ModelFacts::of_model(&m))
            .expect("model");
        let why = |uri: &str, aliases: bool| {
            let r = parse_model_uri(uri).expect("a models:/ URI");
            block_on(dangling_in(&facts, &r, &fetch(aliases)))
        };
        assert_eq!(
            why("models:/a b/2", true),
            None,
            "a latest version: not asked"
        );
        assert_eq!(
            why("models:/a b/99", true),
            Some(("a b has no version 99".to_string(), false))
        );
        assert_eq!(
            why("models:/a b/4", true),
            Some((
                "it leads to a b v4, which failed registration".to_string(),
                true
            ))
        );
        assert_eq!(why("models:/a b@champion", true), None);
        assert_eq!(
            why("models:/a b@gone", true),
            Some(("a b has no alias gone".to_string(), false))
        );
        assert_eq!(
            why("models:/a b@gone", false),
            None,
            "a server without aliases"
        );
        assert_eq!(
            why("models:/a b/Shadow", true),
            Some(("a b has no version in stage Shadow".to_string(), false))
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
