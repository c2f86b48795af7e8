//! The Deploy dialog's pre-flight list: each check filled in as its data
//! arrives (the dialog opens at once); the rules are in
//! `crate::deploy::preflight`.

use crate::components::error_state::{Remedy, SignInAgain};
use crate::components::Problem;
use crate::context::AppContext;
use crate::deploy::preflight::{preflight, problems, Candidate, Check, Level, Served};
use crate::mlflow::model_files::{version_facts, ModelFacts, ModelLocation};
use leptos::prelude::*;
use std::rc::Rc;

/// A stand-in for facts that could not be had: every check reads `why`.
fn unavailable(why: String) -> ModelFacts {
    ModelFacts {
        location: ModelLocation::Unknown,
        files: Err(why.clone()),
        mlmodel: Err(why),
        environment: None,
        readable: false,
    }
}

/// The checks for deploying `version` of `name` once a target is chosen
/// (`shown`); `served` is the version the chosen deployment serves now;
/// `also` the other live deployments serving this version. The problems found are written to `problems` (for OK's
/// confirmation).
#[component]
pub(super) fn PreflightChecks(
    name: String,
    version: String,
    #[prop(into)] shown: Signal<bool>,
    #[prop(into)] served: Signal<Option<String>>,
    #[prop(into)] also: Signal<Vec<String>>,
    problems_found: RwSignal<Vec<String>>,
    /// Set while a check's data is still on its way.
    checking: RwSignal<bool>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let (api, root) = (ctx.api(), ctx.root());
    // Both start when asked for: this version's as the dialog opens.
    let this = {
        let (api, root, name, version) = (api.clone(), root.clone(), name.clone(), version.clone());
        crate::hooks::local_resource(move || {
            let (api, root, name, version) =
                (api.clone(), root.clone(), name.clone(), version.clone());
            async move {
                version_facts(&api, root.as_deref(), &name, &version)
                    .await
                    // Told as the pages tell it (no permission names the model).
                    .map_err(|e| Problem::from(e).about_model(&name))
            }
        })
    };
    let served_facts = crate::hooks::local_resource(move || {
        let (api, root, name, asked) = (api.clone(), root.clone(), name.clone(), served.get());
        async move {
            let v = asked?;
            let got = match version_facts(&api, root.as_deref(), &name, &v).await {
                Ok((_, f)) => f,
                Err(e) if e.is_missing() => Rc::new(unavailable(format!(
                    "MLflow has no version {v} of this model"
                ))),
                Err(e) => Rc::new(unavailable(format!("version {v} could not be loaded: {e}"))),
            };
            Some((v, got))
        }
    });
    // Read by the list and by the effect that reports problems: worked out
    // once per change.
    let checks = Memo::new(move |_| -> Option<Vec<Check>> {
        if !shown.get() {
            return None;
        }
        let Some(got) = this.get() else {
            return Some(vec![Check {
                what: "Version",
                level: None,
                why: "Reading the version…".into(),
            }]);
        };
        let (v, facts) = match got {
            Ok(x) => x,
            // No permission, signed out, no workspace: asking again cannot
            // help, so it is a problem; anything else is not checked.
            Err(p) if p.remedy != Remedy::Retry => {
                return Some(vec![Check {
                    what: "Version",
                    level: Some(Level::Problem),
                    why: p.message,
                }])
            }
            Err(p) => {
                return Some(vec![Check {
                    what: "Version",
                    level: Some(Level::NotChecked),
                    why: format!(
                        "Not checked: the version could not be loaded: {}",
                        p.message.trim_end_matches('.')
                    ) + ".",
                }])
            }
        };
        let asked = served.get();
        let got_served = served_facts.get().flatten();
        let candidate = Candidate {
            version: &v.version,
            status: v.status(),
            facts: Some(&facts),
        };
        let served = asked.as_ref().map(|sv| Served {
            version: sv,
            facts: got_served
                .as_ref()
                .filter(|(got, _)| got == sv)
                .map(|(_, f)| f.as_ref()),
        });
        Some(preflight(&candidate, served.as_ref(), &also.get()))
    });
    Effect::new(move |_| {
        let list = checks.get();
        let found: Vec<String> = list
            .as_ref()
            .map(|c| {
                problems(c)
                    .iter()
                    .map(|p| format!("{}: {}", p.what, p.why))
                    .collect()
            })
            .unwrap_or_default();
        if problems_found.with_untracked(|p| *p != found) {
            problems_found.set(found);
        }
        let busy = list.is_some_and(|l| l.iter().any(|c| c.level.is_none()));
        if checking.get_untracked() != busy {
            checking.set(busy);
        }
    });
    move || {
        checks.get().map(|list| {
            let busy = list.iter().any(|c| c.level.is_none());
            let items = list
                .into_iter()
                .map(|c| {
                    let (key, icon, word) = match c.level {
                        None => ("loading", "\u{2026}", "checking"),
                        Some(l) => (
                            l.key(),
                            match l {
                                Level::Pass => "\u{2714}",
                                Level::Warning => "\u{26a0}",
                                Level::Problem => "\u{2716}",
                                Level::NotChecked => "\u{2298}",
                            },
                            l.word(),
                        ),
                    };
                    view! {
                        <li class=format!("preflight__check preflight__check--{key}") data-check=c.what>
                            <span class="preflight__icon" aria-hidden="true">{icon}</span>
                            <span>
                                <strong>{c.what}</strong>
                                <span class="preflight__level">{format!(" ({word}): ")}</span>
                                {c.why}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            // Signed out: the way to sign in again, here as on the pages.
            let sign_in = matches!(this.get(), Some(Err(p)) if p.remedy == Remedy::SignIn)
                .then(|| view! { <SignInAgain /> });
            view! {
                <section class="preflight" aria-labelledby="preflight-title" aria-busy=busy.then_some("true")>
                    <h3 id="preflight-title">"Pre-flight checks"</h3>
                    <ul class="preflight__list">{items}</ul>
                    {sign_in}
                </section>
            }
        })
    }
}
