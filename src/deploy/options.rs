//! What the Deploy dialog offers to update: the group's deployments, this
//! model's first, each saying what it serves and whether it is live.

use super::{normalize_version, Dangling, Deployment, ModelFacts};

/// A deployment as the Deploy dialog offers it for updating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateOption {
    pub id: String,
    /// Its name, or id.
    pub label: String,
    /// "iris prod: serves v2 (stopped)".
    pub text: String,
    /// It serves a version of the model being deployed.
    pub same_model: bool,
    /// What updating it replaces when it serves another model (or none):
    /// the dialog asks to confirm.
    pub replaces: Option<String>,
}

/// The group's deployments for the dialog deploying `version` of `model`:
/// those serving this model first, then the others, each in the source's
/// order, each saying what it serves now, whether it is live, and, for those
/// in `dangling`, that it points at nothing and why.
pub fn update_options(
    list: &[Deployment],
    model: &ModelFacts,
    version: &str,
    dangling: &[Dangling],
) -> Vec<UpdateOption> {
    let version = normalize_version(version);
    let mut options: Vec<UpdateOption> = list
        .iter()
        .map(|d| {
            let same_model = d.model_ref().is_some_and(|r| r.names(&model.name));
            let serves = if same_model {
                match d.serves(model) {
                    Some(v) if v == version => format!("serves v{v}, this version"),
                    Some(v) => format!("serves v{v}"),
                    None => format!("serves {}", d.serving_label()),
                }
            } else if d.model_ref().is_some() {
                format!("serves another model, {}", d.serving_label())
            } else {
                format!("serves {}", d.serving_label())
            };
            let mut state = d.not_live().map(|s| format!(" ({s})")).unwrap_or_default();
            if let Some(x) = dangling.iter().find(|x| x.id == d.id) {
                state.push_str(&format!(" \u{2014} points at nothing: {}", x.why));
            }
            UpdateOption {
                id: d.id.clone(),
                label: d.label().to_string(),
                text: format!("{}: {serves}{state}", d.label()),
                same_model,
                replaces: (!same_model).then(|| d.serving_label()),
            }
        })
        .collect();
    // A stable sort keeps the source's order within each group.
    options.sort_by_key(|o| !o.same_model);
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlflow::types::Alias;

    fn iris() -> ModelFacts {
        ModelFacts {
            name: "iris classifier".into(),
            aliases: vec![Alias {
                alias: "champion".into(),
                version: "2".into(),
            }],
            stages: Vec::new(),
        }
    }

    #[test]
    fn the_dialog_lists_this_models_deployments_first_saying_what_each_serves() {
        let d = |id: &str, uri: Option<&str>, status: Option<&str>| Deployment {
            id: id.into(),
            name: Some(id.replace('-', " ")),
            model_uri: uri.map(str::to_string),
            status: status.map(str::to_string),
        };
        let list = vec![
            d(
                "fraud-scoring",
                Some("models:/fraud detector v2/4"),
                Some("Deployed"),
            ),
            d(
                "iris-prod",
                Some("models:/iris%20classifier@champion"),
                Some("Deployed"),
            ),
            d("image-only", None, Some("Failed")),
            d(
                "iris-canary",
                Some("models:/iris classifier/3"),
                Some("Stopped"),
            ),
            d("iris-old", Some("models:/iris classifier/1"), None),
        ];
        let got = update_options(&list, &iris(), "3", &[]);
        let texts: Vec<&str> = got.iter().map(|o| o.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "iris prod: serves v2",
                "iris canary: serves v3, this version (stopped)",
                "iris old: serves v1",
                "fraud scoring: serves another model, fraud detector v2 v4",
                "image only: serves no model (failed)",
            ]
        );
        let replaces: Vec<Option<&str>> = got.iter().map(|o| o.replaces.as_deref()).collect();
        assert_eq!(
            replaces,
            [
                None,
                None,
                None,
                Some("fraud detector v2 v4"),
                Some("no model")
            ]
        );
        // An alias this page cannot resolve is said as written.
        let bare = ModelFacts {
            name: "iris classifier".into(),
            ..Default::default()
        };
        assert_eq!(
            update_options(&list[1..2], &bare, "3", &[])[0].text,
            "iris prod: serves iris classifier @champion"
        );
        // A deployment of a version MLflow no longer has says so.
        let gone = vec![d(
            "iris-old",
            Some("models:/iris classifier/99"),
            Some("Deployed"),
        )];
        let dangling = [Dangling {
            id: "iris-old".into(),
            label: "iris old".into(),
            model: "iris classifier".into(),
            points_at: "iris classifier v99".into(),
            target: crate::deploy::UriTarget::Version("99".into()),
            why: "iris classifier has no version 99".into(),
            failed: false,
        }];
        assert_eq!(
            update_options(&gone, &iris(), "3", &dangling)[0].text,
            "iris old: serves v99 \u{2014} points at nothing: iris classifier has no version 99"
        );
        assert_eq!(dangling[0].short(), "v99 (missing)");
        assert_eq!(
            dangling[0].sentence(),
            "iris old serves iris classifier v99: iris classifier has no version 99"
        );
    }
}
