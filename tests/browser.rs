//! Component tests in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use primehub_models::components::error_state::SESSION_ENDED_EVENT;
use primehub_models::components::{Breadcrumbs, Crumb, ErrorState, LocalTime, Problem};
use primehub_models::components::{DeploymentLinks, DeploymentsState};
use primehub_models::config::ConfigError;
use primehub_models::deploy::{Deployment, ModelFacts};
use primehub_models::mlflow::types::{Alias, KeyValue, ModelVersion, RegisteredModel};
use primehub_models::mlflow::MlflowError;
use primehub_models::pages::model_list::ModelTable;
use primehub_models::pages::ConfigErrorPage;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh container and returns the container.
fn mount<F, N>(view: F) -> HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), view).forget();
    container
}

fn deployment(id: &str, name: &str, uri: &str) -> Deployment {
    Deployment {
        id: id.into(),
        name: Some(name.into()),
        model_uri: Some(uri.into()),
        status: None,
    }
}

fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

fn attrs(root: &HtmlElement, selector: &str, attr: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.get_attribute(attr).unwrap_or_default())
        .collect()
}

fn model(name: &str, latest: Option<&str>) -> RegisteredModel {
    RegisteredModel {
        name: name.to_string(),
        description: "# Heading <b>x</b>\n\nbody".to_string(),
        tags: vec![
            KeyValue {
                key: "team".into(),
                value: "<script>alert(1)</script>".into(),
            },
            KeyValue {
                key: "mlflow.prompt.hidden".into(),
                value: "x".into(),
            },
        ],
        aliases: vec![Alias {
            alias: "champion".into(),
            version: "1".into(),
        }],
        creation_timestamp: Some(1_795_695_324_721),
        last_updated_timestamp: None,
        latest_versions: latest
            .map(|v| {
                vec![ModelVersion {
                    version: v.to_string(),
                    ..Default::default()
                }]
            })
            .unwrap_or_default(),
    }
}

#[wasm_bindgen_test]
fn model_table_shows_hostile_names_as_text_with_encoded_links() {
    let hostile = "<img src=x onerror=alert(1)>";
    let models = vec![
        model("  padded  ", Some("1")),
        model(hostile, Some("12")),
        model("a#b?c%", None),
    ];
    let root = mount(move || {
        view! {
            <Router>
                <ModelTable models=models base="/console/g/demo" />
            </Router>
        }
    });
    assert_eq!(texts(&root, "tbody th"), ["  padded  ", hostile, "a#b?c%"]);
    assert!(
        root.query_selector("tbody img").unwrap().is_none(),
        "markup in a name must stay text"
    );
    assert_eq!(
        attrs(&root, "tbody th a", "href"),
        [
            "/console/g/demo/models/%20%20padded%20%20",
            "/console/g/demo/models/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
            "/console/g/demo/models/a%23b%3Fc%25",
        ]
    );
    let latest = texts(&root, "tbody td:nth-of-type(1)");
    assert_eq!(latest, ["Version 1", "Version 12", "-"]);
    assert_eq!(
        attrs(&root, "tbody td:nth-of-type(1) a", "href")[1],
        "/console/g/demo/models/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/versions/12"
    );
    // Last Modified is missing for every row: shown as "-".
    assert_eq!(texts(&root, "tbody td:nth-of-type(5)"), ["-", "-", "-"]);
    // Aliases and tags as chips, mlflow.* tags hidden, payloads as text.
    assert_eq!(
        texts(&root, "tbody tr:first-child td:nth-of-type(2) .chip"),
        ["champion \u{2192} v1"]
    );
    assert_eq!(
        texts(&root, "tbody tr:first-child td:nth-of-type(3) .chip"),
        ["team: <script>alert(1)</script>"]
    );
    assert!(root
        .query_selector("tbody script, tbody b")
        .unwrap()
        .is_none());
    assert_eq!(
        texts(&root, "tbody tr:first-child td:nth-of-type(6)"),
        ["Heading <b>x</b>"]
    );
    // Created has its full timestamp and age on hover.
    let title = attrs(&root, "tbody tr:first-child time", "title");
    assert!(
        title[0].starts_with("2026-11-26T12:15:24.721Z ("),
        "{title:?}"
    );
}

#[wasm_bindgen_test]
async fn sortable_headers_report_and_flip_the_order() {
    use primehub_models::mlflow::client::ModelOrder;
    let asked = RwSignal::new(None::<ModelOrder>);
    let root = mount(move || {
        view! {
            <Router>
                <ModelTable
                    models=vec![model("a", Some("1"))]
                    base=""
                    order=ModelOrder::NameAsc
                    on_sort=move |o| asked.set(Some(o))
                />
            </Router>
        }
    });
    assert_eq!(
        attrs(&root, "th[aria-sort]", "aria-sort"),
        ["ascending", "none"]
    );
    let buttons = root.query_selector_all("thead button").unwrap();
    let name: HtmlElement = buttons.item(0).unwrap().unchecked_into();
    name.click();
    assert_eq!(asked.get_untracked(), Some(ModelOrder::NameDesc));
    let updated: HtmlElement = buttons.item(1).unwrap().unchecked_into();
    updated.click();
    assert_eq!(asked.get_untracked(), Some(ModelOrder::UpdatedDesc));
}

#[wasm_bindgen_test]
fn local_time_is_formatted_and_missing_is_a_dash() {
    let root = mount(|| view! { <LocalTime ms=Some(1_795_695_324_721) /><LocalTime ms=None /> });
    let shown = texts(&root, "time");
    assert_eq!(shown.len(), 1);
    let s = &shown[0];
    // YYYY-MM-DD HH:mm:ss in local time (the year is 2026 in every time zone).
    assert_eq!(s.len(), 19, "{s}");
    assert!(s.starts_with("2026-11-"), "{s}");
    assert_eq!(&s[10..11], " ");
    assert_eq!(
        attrs(&root, "time", "datetime"),
        ["2026-11-26T12:15:24.721Z"]
    );
    assert!(root.text_content().unwrap().ends_with('-'));
}

#[wasm_bindgen_test]
fn error_state_explains_and_retries() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    let root = mount(move || {
        view! {
            <ErrorState
                error=MlflowError::Unreachable { status: 502 }
                on_retry=move |_| {
                    counted.fetch_add(1, Ordering::SeqCst);
                }
            />
        }
    });
    assert_eq!(texts(&root, "[role=alert] h2"), ["MLflow is not reachable"]);
    assert!(texts(&root, "[role=alert] p")[0].contains("HTTP 502"));
    let button: HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Retry");
    button.click();
    button.click();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[wasm_bindgen_test]
fn error_state_offers_no_retry_that_cannot_help() {
    let denied = mount(|| {
        view! {
            <ErrorState
                error=Problem::from(MlflowError::PermissionDenied).about_model("churn \"x\"")
                on_retry=|_| ()
            />
        }
    });
    assert_eq!(texts(&denied, "[role=alert] h2"), ["No permission"]);
    assert_eq!(
        texts(&denied, "[role=alert] p"),
        ["You do not have permission to read \u{201c}churn \"x\"\u{201d} on this MLflow server; ask its owner for access."]
    );
    assert_eq!(denied.query_selector_all("button").unwrap().length(), 0);
    // Standalone, the page reloads (not pressed here: it would reload the test).
    let alone = mount(|| view! { <ErrorState error=MlflowError::SessionEnded on_retry=|_| () /> });
    assert_eq!(texts(&alone, "[role=alert] h2"), ["Signed out"]);
    assert_eq!(texts(&alone, "button"), ["Reload"]);
}

#[wasm_bindgen_test]
fn inside_a_host_a_session_that_ended_is_the_hosts_to_renew() {
    let root = mount(|| {
        provide_context(primehub_models::Embedded);
        view! { <ErrorState error=MlflowError::SessionEnded on_retry=|_| () /> }
    });
    let heard = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&heard);
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        count.fetch_add(1, Ordering::SeqCst);
    });
    root.add_event_listener_with_callback(SESSION_ENDED_EVENT, listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    let button: HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Sign in again");
    button.click();
    assert_eq!(heard.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
fn config_error_page_names_the_key() {
    let error = ConfigError {
        key: "mlflow_ui".into(),
        problem: "must be an http:// or https:// URL".into(),
    };
    let root = mount(move || view! { <ConfigErrorPage error=error /> });
    assert_eq!(texts(&root, ".config-error__key"), ["mlflow_ui"]);
    assert!(texts(&root, ".config-error__problem")[0].contains("http:// or https://"));
}

#[wasm_bindgen_test]
fn breadcrumbs_mark_the_current_page() {
    let root = mount(|| {
        view! {
            <Router>
                <Breadcrumbs items=vec![Crumb::link("Models", "/models"), Crumb::current("  padded  ")] />
            </Router>
        }
    });
    assert_eq!(attrs(&root, "nav a", "href"), ["/models"]);
    assert_eq!(texts(&root, "[aria-current=page]"), ["  padded  "]);
}

#[wasm_bindgen_test]
async fn modal_opens_modal_and_returns_focus() {
    use primehub_models::components::Modal;
    let open = RwSignal::new(false);
    let root = mount(move || {
        view! {
            <button id="opener" on:click=move |_| open.set(true)>"Open"</button>
            <Modal open=open title="Pick">
                <button id="inside">"Inside"</button>
            </Modal>
        }
    });
    let opener: HtmlElement = root
        .query_selector("#opener")
        .unwrap()
        .unwrap()
        .unchecked_into();
    opener.focus().unwrap();
    opener.click();
    until("the dialog to open", || {
        root.query_selector("dialog[open]").unwrap().is_some()
    })
    .await;
    let dialog: web_sys::HtmlDialogElement = root
        .query_selector("dialog")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(dialog.open(), "the dialog opens");
    assert!(
        dialog.matches(":modal").unwrap(),
        "as a modal: the page behind is inert"
    );
    let active = document().active_element().unwrap();
    assert_eq!(active.id(), "inside", "focus moves into the dialog");
    assert_eq!(texts(&root, "dialog h2"), ["Pick"]);
    open.set(false);
    until("the dialog to close", || !dialog.open()).await;
    assert!(!dialog.open());
    assert_eq!(
        document().active_element().unwrap().id(),
        "opener",
        "focus returns"
    );
}

#[wasm_bindgen_test]
fn metric_trend_draws_a_point_per_version_with_a_text_alternative() {
    use primehub_models::components::MetricTrend;
    let points = vec![
        ("1".to_string(), 0.92),
        ("2".to_string(), 0.95),
        ("3".to_string(), 0.9731),
    ];
    let root = mount(move || view! { <MetricTrend metric="accuracy" points=points /> });
    assert_eq!(
        root.query_selector_all(".line-chart__point")
            .unwrap()
            .length(),
        3
    );
    assert_eq!(
        texts(&root, "figcaption"),
        ["accuracy by version: version 1: 0.92, version 2: 0.95, version 3: 0.9731."]
    );
    assert_eq!(
        texts(&root, ".line-chart__point title")[2],
        "Version 3: 0.9731"
    );
    assert_eq!(
        texts(&root, ".metric-trend__summary"),
        ["accuracy: min 0.92, max 0.9731, newest version 0.9731"]
    );
}

#[wasm_bindgen_test]
fn markdown_renders_without_the_authors_markup() {
    use primehub_models::components::Markdown;
    let root = mount(|| {
        view! { <Markdown source="# T\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![a](https://e.example/p.png)" /> }
    });
    assert_eq!(
        texts(&root, "h2"),
        ["T"],
        "headings start below the page's own"
    );
    assert!(root.query_selector("img, a, script").unwrap().is_none());
    assert!(root
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
fn versions_table_fills_run_cells_and_dashes_what_is_missing() {
    use primehub_models::mlflow::types::SearchModelVersions;
    use primehub_models::pages::model_versions::VersionsTable;
    use primehub_models::query::VersionListState;
    let version = |n: &str, run: &str, status: &str| ModelVersion {
        version: n.into(),
        run_id: run.into(),
        status: status.into(),
        status_message: if status == "READY" {
            String::new()
        } else {
            "<b>disk</b> full".into()
        },
        ..Default::default()
    };
    let page = SearchModelVersions {
        model_versions: vec![
            version("3", "r1", "FAILED_REGISTRATION"),
            version("2", "gone", "READY"),
            version("1", "", "READY"),
        ],
        next_page_token: None,
    };
    let state = VersionListState {
        params: vec!["C".into()],
        metrics: vec!["accuracy".into()],
        ..Default::default()
    };
    let facts = ModelFacts {
        name: "a b".into(),
        aliases: vec![Alias {
            alias: "champion".into(),
            version: "2".into(),
        }],
        stages: vec![],
    };
    let deployed = RwSignal::new(None::<String>);
    let (p2, s2) = (page.clone(), state.clone());
    let (p3, s3) = (page.clone(), state.clone());
    let root = mount(move || {
        view! {
            <Router>
                <VersionsTable page=page runs=Some(sample_runs()) state=state model=facts base="" name="a b" deployed=None on_deploy=move |v| deployed.set(Some(v)) selected=Signal::stored(Vec::new()) on_select=|_| () />
            </Router>
        }
    });
    assert_eq!(
        texts(&root, "thead th"),
        [
            "",
            "Version",
            "Registered At",
            "Stage",
            "Status",
            "Aliases",
            "C",
            "accuracy",
            "Actions"
        ]
    );
    // A run MLflow no longer has: its values are not known, not "not
    // logged" ("-", as for the version without a run).
    assert_eq!(
        texts(&root, "td.param-cell"),
        ["<i>2.0</i>", "not known", "-"]
    );
    assert!(root.query_selector("tbody i, tbody b").unwrap().is_none());
    assert_eq!(texts(&root, "td.metric-cell"), ["0.9731", "not known", "-"]);
    assert_eq!(
        attrs(&root, "td.metric-cell span", "title"),
        ["its run no longer exists"]
    );
    assert_eq!(attrs(&root, "td.metric-cell", "title")[0], "0.9731");
    assert!(texts(&root, "tbody tr:first-child td:nth-of-type(4)")[0]
        .starts_with("Failed<b>disk</b> full"));
    assert_eq!(texts(&root, "tbody tr:nth-child(2) .chip"), ["champion"]);
    assert_eq!(
        attrs(&root, "tbody th a", "href")[0],
        "/models/a%20b/versions/3"
    );
    let deploy: HtmlElement = root
        .query_selector("tbody tr:nth-child(2) button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    deploy.click();
    assert_eq!(deployed.get_untracked().as_deref(), Some("2"));
    // While runs load, run cells say so instead of "-". Deployed By links
    // each deployment serving the row's version, whatever URI form it uses.
    let loading = mount(move || {
        let list = vec![
            deployment("d 1", "prod", "models:/a@champion"),
            deployment("d-2", "canary", "models:/a/2"),
            deployment("d-3", "other", "models:/ab/2"),
        ];
        let facts = ModelFacts {
            name: "a".into(),
            aliases: vec![Alias {
                alias: "champion".into(),
                version: "2".into(),
            }],
            stages: vec![],
        };
        let deployed = Some((
            Signal::stored(DeploymentsState::Ready(Arc::new(list))),
            DeploymentLinks {
                route: "deployments".into(),
                base: "/console".into(),
            },
        ));
        view! {
            <Router>
                <VersionsTable page=p2 runs=None state=s2 model=facts base="" name="a" deployed=deployed on_deploy=|_| () selected=Signal::stored(Vec::new()) on_select=|_| () />
            </Router>
        }
    });
    assert_eq!(texts(&loading, "td.param-cell"), ["…", "…", "…"]);
    // A model without aliases (every model before MLflow 2.3): no column.
    let plain = mount(move || {
        view! {
            <Router>
                <VersionsTable page=p3 runs=None state=s3 model=ModelFacts::default() base="" name="a" deployed=None on_deploy=|_| () selected=Signal::stored(Vec::new()) on_select=|_| () />
            </Router>
        }
    });
    assert_eq!(
        texts(&plain, "thead th"),
        [
            "",
            "Version",
            "Registered At",
            "Stage",
            "Status",
            "C",
            "accuracy",
            "Actions"
        ]
    );
    // The select box, Registered At, Stage, Status, C, accuracy, Actions.
    assert_eq!(texts(&plain, "tbody tr:first-child td").len(), 7);
    assert_eq!(texts(&loading, "td.deployed-by"), ["-", "prodcanary", "-"]);
    assert_eq!(
        attrs(&loading, "td.deployed-by a", "href"),
        ["/console/deployments/d%201", "/console/deployments/d-2"]
    );
}

/// Runs for the versions table: r1 with a param and a metric, "gone" deleted.
/// Built inside views: Router's children must be Send and runs hold Rc.
fn sample_runs() -> primehub_models::pages::model_versions::RunMap {
    use primehub_models::mlflow::types::{Metric, Run, RunData};
    use primehub_models::pages::model_versions::RunMap;
    use std::rc::Rc;
    let mut runs = RunMap::new();
    runs.insert(
        "r1".into(),
        Rc::new(Ok(Run {
            data: RunData {
                params: vec![KeyValue {
                    key: "C".into(),
                    value: "<i>2.0</i>".into(),
                }],
                metrics: vec![Metric {
                    key: "accuracy".into(),
                    value: 0.9731,
                    ..Default::default()
                }],
                ..Default::default()
            },
            ..Default::default()
        })),
    );
    runs.insert(
        "gone".into(),
        Rc::new(Err(MlflowError::Api {
            status: 404,
            code: "RESOURCE_DOES_NOT_EXIST".into(),
            message: "gone".into(),
        })),
    );
    runs
}

#[wasm_bindgen_test]
async fn key_value_table_sorts_and_filters_long_lists() {
    use primehub_models::components::{KeyValueTable, KvRow};
    let rows: Vec<KvRow> = (0..12)
        .rev()
        .map(|i| {
            let value = if i == 3 {
                "<b>x</b>".to_string()
            } else {
                format!("v{i}")
            };
            KvRow::text(&format!("key{i:02}"), &value)
        })
        .collect();
    let root =
        mount(move || view! { <KeyValueTable caption="Parameters" rows=rows empty="none" /> });
    let names = texts(&root, "tbody th");
    assert_eq!(names.len(), 12);
    assert_eq!(names[0], "key00", "sorted by key");
    assert!(root.query_selector("tbody b").unwrap().is_none());
    let filter: web_sys::HtmlInputElement = root
        .query_selector("input.kv-filter")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        filter.get_attribute("aria-label").as_deref(),
        Some("Filter parameters")
    );
    filter.set_value("<B>");
    filter
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    until("the filter to apply", || {
        texts(&root, "tbody th") == ["key03"]
    })
    .await;
    // Short lists have no filter; empty ones say why.
    let short = mount(
        || view! { <KeyValueTable caption="Tags" rows=vec![KvRow::text("a", "1")] empty="none" /> },
    );
    assert!(short.query_selector("input").unwrap().is_none());
    let empty = mount(
        || view! { <KeyValueTable caption="Tags" rows=vec![] empty="The run has no tags." /> },
    );
    assert_eq!(texts(&empty, "p"), ["The run has no tags."]);
}

#[wasm_bindgen_test]
async fn values_show_empty_and_long_text_whole_on_demand() {
    use primehub_models::components::{tag_chips, ValueText};
    let long = format!("BEGIN {} END", "abcdefghij".repeat(10_000));
    let whole = long.clone();
    let tags = vec![
        KeyValue {
            key: "reviewed".into(),
            value: String::new(),
        },
        KeyValue {
            key: "long_note".into(),
            value: long.clone(),
        },
    ];
    let root = mount(move || {
        view! {
            <p id="empty"><ValueText text="" name="prefix" /></p>
            <p id="short"><ValueText text="lbfgs" name="solver" /></p>
            <p id="long"><ValueText text=long name="long_note" /></p>
            <div id="chips">{tag_chips(&tags)}</div>
        }
    });
    assert_eq!(texts(&root, "#empty"), ["(empty)"]);
    assert_eq!(texts(&root, "#empty .value-empty"), ["(empty)"]);
    assert_eq!(texts(&root, "#short"), ["lbfgs"]);
    assert!(root.query_selector("#short button").unwrap().is_none());
    // Cut, with a button that names what it opens.
    let start = texts(&root, "#long .long-value__start").join("");
    assert_eq!(start.chars().count(), 161, "160 characters and an ellipsis");
    assert!(start.starts_with("BEGIN abcdefghij") && start.ends_with('\u{2026}'));
    assert_eq!(
        attrs(&root, "#long button", "aria-label"),
        ["Show all 100,010 characters of long_note"]
    );
    assert_eq!(
        texts(&root, "#chips .chip")[0],
        "reviewed: (empty)",
        "an empty tag is not `key:`"
    );
    assert_eq!(
        attrs(&root, "#chips .chip", "class")[1],
        "chip chip--tag chip--long"
    );
    // The whole value, in a dialog that takes focus and gives it back.
    let more: HtmlElement = element(&root, "#long button");
    more.focus().unwrap();
    more.click();
    until("the whole value", || {
        root.query_selector("#long dialog[open] pre")
            .unwrap()
            .is_some()
    })
    .await;
    assert_eq!(texts(&root, "#long dialog pre"), [whole]);
    assert_eq!(
        texts(&root, "#long dialog h2"),
        ["long_note (100,010 characters)"]
    );
    let close: HtmlElement = element(&root, "#long dialog .button--secondary:not(.copy-button)");
    close.click();
    until("the dialog to close", || {
        root.query_selector("#long dialog[open]").unwrap().is_none()
    })
    .await;
    assert_eq!(
        document().active_element().map(|e| e.class_name()),
        Some("link-button long-value__more".to_string()),
        "focus back on Show all"
    );
}

#[wasm_bindgen_test]
async fn field_lists_keep_each_label_with_its_value() {
    use primehub_models::components::Field;
    let optional = RwSignal::new(false);
    let root = mount(move || {
        view! {
            <dl class="field-list">
                <Field label="Stage">"None"</Field>
                {move || optional.get().then(|| view! { <Field label="Logged Model">"m-1"</Field> })}
                <Field label="Model URI" class="model-uri-field">"models:/a/1"</Field>
            </dl>
        }
    });
    assert_eq!(texts(&root, ".field > dt"), ["Stage", "Model URI"]);
    optional.set(true);
    until("the optional field", || {
        root.query_selector_all("dl > div.field").unwrap().length() == 3
    })
    .await;
    assert!(root.query_selector("dl > dt, dl > dd").unwrap().is_none());
    assert_eq!(
        texts(&root, ".field > dt"),
        ["Stage", "Logged Model", "Model URI"]
    );
    assert_eq!(texts(&root, ".field > dd"), ["None", "m-1", "models:/a/1"]);
    assert_eq!(texts(&root, "dd.model-uri-field"), ["models:/a/1"]);
}

#[wasm_bindgen_test]
async fn charts_offer_a_log_scale_only_for_values_above_zero() {
    use primehub_models::components::{LineChart, Series};
    let log = RwSignal::new(false);
    let series = |values: &[f64]| {
        vec![Series {
            name: "grad_norm".into(),
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| (i as f64, *v))
                .collect(),
        }]
    };
    let (tiny, signed) = (series(&[1.1e-13, 2.5e-13, 1.2e-4]), series(&[-1.0, 2.0]));
    let root = mount(move || {
        view! {
            <div id="tiny" style="width: 480px">
                <LineChart series=tiny x_name="Version" summary="tiny" log=log on_log=Some(Callback::new(move |on| log.set(on))) />
            </div>
            <div id="signed" style="width: 480px">
                <LineChart series=signed x_name="Step" summary="signed" log=true on_log=Some(Callback::new(|_| ())) />
            </div>
        }
    });
    let ys = |root: &HtmlElement| -> Vec<f64> {
        let list = root.query_selector_all("#tiny .line-chart__point").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| {
                n.unchecked_into::<web_sys::Element>()
                    .get_bounding_client_rect()
                    .top()
            })
            .collect()
    };
    let linear = ys(&root);
    assert!((linear[0] - linear[1]).abs() < 1.0, "{linear:?}");
    assert_eq!(
        texts(&root, "#tiny .line-chart__x-name"),
        ["Version \u{2192}"]
    );
    let box_: web_sys::HtmlInputElement = element(&root, "#tiny .line-chart__log input");
    box_.click();
    until("the log scale", || {
        let y = ys(&root);
        y[0] - y[1] > 4.0
    })
    .await;
    assert!(log.get_untracked());
    let ticks = texts(&root, "#tiny text.line-chart__axis[text-anchor='end']");
    assert!(
        ticks.iter().all(|t| t.starts_with("1e-") || t == "0.0001"),
        "{ticks:?}"
    );
    // Asked for, but a value is below 0: linear, and it says why.
    assert!(root
        .query_selector("#signed .line-chart__log input")
        .unwrap()
        .is_none());
    assert_eq!(
        texts(&root, "#signed .line-chart__log--unavailable"),
        ["No log scale: this chart has values of 0 or below."]
    );
}

/// Mounts a Deploy button for version 3 of model `a b#?` with the given
/// static deployments list (served from a `data:` URL).
fn deploy_harness(list_json: &str) -> HtmlElement {
    use primehub_models::components::{use_deploy_action, DeployDialogs, Deployments};
    use primehub_models::config::{Config, DeploymentSource, DeploymentsConfig};
    use primehub_models::context::AppContext;
    let url = format!(
        "data:application/json,{}",
        String::from(js_sys::encode_uri_component(list_json))
    );
    mount(move || {
        provide_context(AppContext {
            config: Arc::new(Config {
                mlflow_api: "/api/mlflow".into(),
                mlflow_root: None,
                mlflow_ui: None,
                group: None,
                workspace: None,
                base_path: None,
                deployments: Some(DeploymentsConfig {
                    route: "deployments".into(),
                    source: Some(DeploymentSource::Static { url }),
                }),
            }),
            base: String::new(),
        });
        view! {
            <Router>
                {
                    let deployments = Deployments::for_page();
                    let action = use_deploy_action(Signal::stored("a b#?".to_string()), deployments);
                    view! {
                        <button class="deploy" on:click=move |_| action.open("3".into())>"Deploy"</button>
                        <DeployDialogs action=action />
                    }
                }
            </Router>
        }
    })
}

fn element<T: JsCast>(root: &HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

fn choose(root: &HtmlElement, value: &str) {
    let select: web_sys::HtmlSelectElement = element(root, "dialog[open] select");
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    select.dispatch_event(&ev).unwrap();
}

/// Waits until `done()` holds, checking every 10 ms, for at most 3 s: no
/// fixed sleep that a busy machine can outrun.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..300 {
        if done() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    panic!("waited 3 s for {what}");
}

fn here() -> String {
    let l = web_sys::window().unwrap().location();
    format!("{}{}", l.pathname().unwrap(), l.search().unwrap())
}

#[wasm_bindgen_test]
async fn deploy_dialog_hands_off_and_starts_fresh_each_time() {
    use primehub_models::deploy::{handoff_create_url, handoff_edit_url, model_uri};
    let started_at = here();
    let root = deploy_harness(
        r#"[{"id":"d-2","name":"prod","modelURI":"models:/a%20b%23%3F/2"},
            {"id":"d-1","name":"old","modelURI":"models:/a b#?@champion"}]"#,
    );
    let open_dialog = || root.query_selector("dialog[open]").unwrap().is_some();
    until("the Deploy button", || {
        root.query_selector("button.deploy").unwrap().is_some()
    })
    .await;
    let deploy: HtmlElement = element(&root, "button.deploy");
    deploy.focus().unwrap();
    deploy.click();
    until("the deployments in the dialog", || {
        texts(&root, "dialog[open] option").len() == 4
    })
    .await;
    let dialog: web_sys::HtmlDialogElement = element(&root, "dialog[open]");
    assert_eq!(texts(&root, "dialog[open] h2"), ["Deploy Model"]);
    assert_eq!(texts(&root, ".deploy-form__name"), ["a b#?"]);
    assert_eq!(
        document().active_element().unwrap().id(),
        "deploy-target",
        "focus starts on the choice"
    );
    assert_eq!(
        texts(&root, "dialog[open] option"),
        [
            "Choose a deployment",
            "+ Create new deployment",
            "prod: serves v2",
            "old: serves a b#? @champion"
        ]
    );
    assert_eq!(
        attrs(&root, "dialog[open] optgroup", "label"),
        ["Deployments of this model"]
    );
    // OK without a choice says what is missing and stays open.
    let ok: HtmlElement = element(&root, "dialog[open] button[type=submit]");
    ok.click();
    until("the missing choice to be named", || {
        !texts(&root, "#deploy-problem")[0].is_empty()
    })
    .await;
    assert!(dialog.open());
    assert!(texts(&root, "#deploy-problem")[0].starts_with("Choose a deployment"));
    // Existing, then back to create: create wins.
    choose(&root, "update:d-2");
    choose(&root, "create");
    let uri = model_uri("a b#?", "3");
    ok.click();
    until("the create hand-off, the dialog closed", || {
        here() == handoff_create_url("deployments", "", &uri) && !dialog.open()
    })
    .await;
    // Reopened: nothing carries over; create, then an existing one: update wins.
    deploy.click();
    until("the dialog to reopen", open_dialog).await;
    let select: web_sys::HtmlSelectElement = element(&root, "dialog[open] select");
    assert_eq!(select.value(), "", "the choice is reset");
    assert_eq!(texts(&root, "#deploy-problem"), [""]);
    choose(&root, "create");
    choose(&root, "update:d-2");
    let ok: HtmlElement = element(&root, "dialog[open] button[type=submit]");
    ok.click();
    until("the update hand-off", || {
        here() == handoff_edit_url("deployments", "", "d-2", &uri) && !open_dialog()
    })
    .await;
    // Cancel closes and focus returns to the Deploy button.
    deploy.focus().unwrap();
    deploy.click();
    until("the dialog to reopen", open_dialog).await;
    let cancel: HtmlElement = element(&root, "dialog[open] .modal__actions button[type=button]");
    cancel.click();
    until("the dialog to close and focus to return to Deploy", || {
        !open_dialog()
            && document()
                .active_element()
                .is_some_and(|e| e.class_list().contains("deploy"))
    })
    .await;
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&started_at))
        .unwrap();
}

#[wasm_bindgen_test]
async fn deploy_dialog_with_no_deployments_or_a_failed_source_still_offers_create() {
    let empty = deploy_harness("[]");
    until("the Deploy button", || {
        empty.query_selector("button.deploy").unwrap().is_some()
    })
    .await;
    element::<HtmlElement>(&empty, "button.deploy").click();
    until("the loaded (empty) list in the dialog", || {
        empty
            .query_selector("dialog[open] select")
            .unwrap()
            .is_some()
            && !texts(&empty, "dialog[open] option")
                .iter()
                .any(|o| o.starts_with("Loading"))
    })
    .await;
    let select: HtmlElement = element(&empty, "dialog[open] select");
    assert_eq!(
        select.text_content().unwrap(),
        "Choose a deployment+ Create new deployment",
        "only the create option, nothing stray"
    );
    assert!(empty.query_selector("optgroup").unwrap().is_none());
    element::<HtmlElement>(&empty, "dialog[open] .modal__actions button[type=button]").click();
    until("the dialog to close", || {
        empty.query_selector("dialog[open]").unwrap().is_none()
    })
    .await;

    let failed = deploy_harness(r#"{"not": "a list"}"#);
    until("the Deploy button", || {
        failed.query_selector("button.deploy").unwrap().is_some()
    })
    .await;
    element::<HtmlElement>(&failed, "button.deploy").click();
    until("the failure in the dialog", || {
        failed
            .query_selector("dialog[open] [role=alert]")
            .unwrap()
            .is_some()
    })
    .await;
    assert_eq!(
        texts(&failed, "dialog[open] option"),
        ["Choose a deployment", "+ Create new deployment"]
    );
    let alert = texts(&failed, "dialog[open] [role=alert]");
    assert_eq!(alert.len(), 1);
    assert!(
        alert[0].starts_with(
            "Existing deployments could not be loaded: the answer is not a list of deployments"
        ),
        "{alert:?}"
    );
    assert!(alert[0].contains("You can still create a new deployment."));
    element::<HtmlElement>(&failed, "dialog[open] .modal__actions button[type=button]").click();
}

/// Replaces `window.fetch` with a recorder that answers `{}`; returns a
/// function giving back the real one. Each request is recorded as
/// "METHOD URL", the URL as the browser would send it.
fn record_fetches() -> impl FnOnce() -> Vec<String> {
    let install = js_sys::Function::new_no_args(
        "window.__realFetch = window.fetch; window.__seen = [];
         window.fetch = (input, init) => {
           const r = input instanceof Request ? input : new Request(input, init);
           window.__seen.push(r.method + ' ' + r.url);
           return Promise.resolve(new Response('{}', {
             status: 200, headers: { 'content-type': 'application/json' } }));
         };",
    );
    install.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    || {
        let restore = js_sys::Function::new_no_args(
            "window.fetch = window.__realFetch; const s = window.__seen; window.__seen = []; return s;",
        );
        let seen = restore.call0(&wasm_bindgen::JsValue::NULL).unwrap();
        js_sys::Array::from(&seen)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }
}

#[wasm_bindgen_test]
async fn the_browser_requests_exactly_the_url_the_client_built() {
    use primehub_models::mlflow::client::*;
    use primehub_models::mlflow::request::send;
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let api = "/api/mlflow";
    let hostile = "spe(c)ial-chars_ok.+=@!~&'\"#? 模型 🚀 100%";
    let built = vec![
        search_registered_models_url(
            api,
            &ModelSearch {
                filter: format!("name ILIKE '%{hostile}%' AND tags.`k` = \"v\""),
                order: ModelOrder::UpdatedDesc,
                max_results: 25,
                page_token: Some("eyJvZmZzZXQiOiAyfQ==".into()),
            },
        ),
        search_registered_models_url(api, &ModelSearch::default()),
        get_registered_model_url(api, hostile),
        get_model_version_url(api, "it's a model", "3"),
        search_model_versions_url(
            api,
            &VersionSearch {
                name: "both ' and \" quotes".into(),
                order: VersionOrder::RegisteredAsc,
                max_results: 50,
                page_token: None,
            },
        )
        .0,
        metric_history_url(api, "r1", "loss/val (%)", Some("t=")),
        logged_model_url(api, "m-1da9"),
        get_run_url(api, "0123abc"),
    ];
    let done = record_fetches();
    for url in &built {
        send(url, None).await.unwrap();
    }
    // The deployments sources: PrimeHub's GraphQL (POST) and a static list.
    send("/api/graphql", Some("{}".into())).await.unwrap();
    send("/static/deployments.json?v=2", None).await.unwrap();
    let seen = done();
    let mut want: Vec<String> = built.iter().map(|u| format!("GET {origin}{u}")).collect();
    want.push(format!("POST {origin}/api/graphql"));
    want.push(format!("GET {origin}/static/deployments.json?v=2"));
    assert_eq!(seen, want);
    for url in &seen {
        assert!(!url.ends_with('&') && !url.ends_with('?'), "{url}");
    }
}

#[wasm_bindgen_test]
async fn an_owned_task_is_superseded_by_the_next_and_stops_with_its_owner() {
    use gloo_timers::future::TimeoutFuture;
    use primehub_models::hooks::OwnedTask;
    use std::cell::RefCell;
    use std::rc::Rc;
    // Mounting starts the executor tasks run on, as in the app.
    mount(|| ());
    let log = Rc::new(RefCell::new(Vec::<&str>::new()));
    // Each task writes its name after `ms`; timers end in order, so a task
    // of 30 ms that was not stopped has written before one of 60 ms.
    let after = |ms: u32, name: &'static str| {
        let log = Rc::clone(&log);
        async move {
            TimeoutFuture::new(ms).await;
            log.borrow_mut().push(name);
        }
    };
    let page = Owner::new();
    let task = page.with(OwnedTask::new);
    task.spawn(after(30, "first"));
    task.spawn(after(30, "second"));
    leptos::task::spawn_local(after(60, "control 1"));
    until("the control task", || log.borrow().contains(&"control 1")).await;
    assert_eq!(
        *log.borrow(),
        ["second", "control 1"],
        "the second click supersedes the first"
    );

    task.spawn(after(30, "third"));
    page.cleanup();
    task.spawn(after(30, "after the page"));
    leptos::task::spawn_local(after(60, "control 2"));
    until("the control task", || log.borrow().contains(&"control 2")).await;
    assert_eq!(
        *log.borrow(),
        ["second", "control 1", "control 2"],
        "nothing runs on for a page that is gone"
    );
}
