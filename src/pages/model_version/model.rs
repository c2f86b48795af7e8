//! The version page's "Model" section: what the model takes (signature,
//! input example), what it is (flavors), what it needs (environment) and its
//! files. The data and its rules are in `mlflow::model_files`, `mlmodel`,
//! `model_env` and `input_example`.

use crate::components::CodeBlock;
use crate::deploy::scoring::{curl_command, python_request, scoring_request, BuiltFrom, SERVE_URL};
use crate::format::bytes;
use crate::input_example::{example_table, parse_example, ExampleTable};
use crate::mlflow::model_files::{
    file_url, list_files, Described, FileEntry, ModelFacts, ModelLocation, READ_CAP,
};
use crate::mlflow::types::ModelVersion;
use crate::mlmodel::{shape_label, MlModel, ParamSpec, Schema, Signature};
use leptos::prelude::*;
use std::rc::Rc;

/// Rows of a file list shown before "Show all".
const FILES_SHOWN: usize = 50;
/// Rows of a signature table shown before "Show all".
const SCHEMA_SHOWN: usize = 100;
/// Rows of the input example shown.
const EXAMPLE_ROWS: usize = 10;

#[component]
pub(super) fn ModelSection(
    facts: LocalResource<Option<Rc<ModelFacts>>>,
    version: ModelVersion,
    root: Option<String>,
    api: String,
) -> impl IntoView {
    view! {
        <section class="model-section" aria-labelledby="model-title">
            <h2 id="model-title">"Model"</h2>
            {move || match facts.get().flatten() {
                None => view! { <p aria-busy="true">"Loading the model's description…"</p> }.into_any(),
                Some(f) => facts_view(f, version.clone(), root.clone(), api.clone()),
            }}
        </section>
    }
}

fn facts_view(f: Rc<ModelFacts>, v: ModelVersion, root: Option<String>, api: String) -> AnyView {
    let described = f
        .mlmodel
        .as_ref()
        .ok()
        .map(|(m, how)| (m.clone(), how.clone()));
    let from = (!f.readable).then(|| {
        let tag = matches!(&described, Some((_, Described::RunTag)))
            .then_some("Signature and flavors below come from the run's mlflow.log-model.history tag. ");
        view! {
            <p class="model-root-note muted">
                {tag}
                "Requirements, the input example and file downloads need the model's files, which the page reads through "
                <code>"mlflow_root"</code>
                " in its configuration (the proxy's prefix for MLflow's root). It is not set here: ask your administrator."
            </p>
        }
    });
    let missing = f
        .mlmodel
        .as_ref()
        .err()
        .map(|why| view! { <p class="model-missing" role="status">{why.clone()}</p> });
    let (signature, flavors, example) = match &described {
        Some((m, _)) => (
            signature_view(m).into_any(),
            flavors_view(m).into_any(),
            view! { <InputExample facts=f.clone() model=m.clone() version=v.clone() root=root.clone() /> }
                .into_any(),
        ),
        None => {
            let unknown = || view! { <p class="muted">"Not known: the model's description could not be read (above)."</p> };
            let request = view! {
                {unknown()}
                <h3 id="model-request">"Request"</h3>
                <p class="muted">"Not known: a request is built from the model's signature or input example, and its description could not be read (above)."</p>
            };
            (unknown().into_any(), unknown().into_any(), request.into_any())
        }
    };
    view! {
        {missing}
        {from}
        <h3>"Signature"</h3>
        {signature}
        <h3>"Input example"</h3>
        {example}
        <h3>"Flavors"</h3>
        {flavors}
        <h3>"Environment"</h3>
        {environment_view(&f, described.as_ref().map(|(m, _)| m))}
        <h3>"Size and files"</h3>
        <Files facts=f version=v root=root api=api />
    }
    .into_any()
}

fn signature_view(m: &MlModel) -> AnyView {
    match m.signature() {
        Err(e) => view! { <p class="model-missing" role="status">{format!("The signature could not be read: {e}.")}</p> }.into_any(),
        Ok(None) => view! {
            <p class="model-no-signature">
                <strong>"Logged without a signature."</strong>
                " MLflow's model server does not check the requests it serves, so a missing column or a wrong type shows only as an error from the model itself."
            </p>
        }
        .into_any(),
        Ok(Some(s)) => signature_tables(&s).into_any(),
    }
}

fn signature_tables(s: &Signature) -> impl IntoView {
    let params = (!s.params.is_empty()).then(|| params_table(&s.params));
    view! {
        {schema_table("Inputs", &s.inputs)}
        {schema_table("Outputs", &s.outputs)}
        {params}
    }
}

fn schema_table(caption: &'static str, schema: &Schema) -> AnyView {
    if schema.is_empty() {
        return view! { <p class="muted">{format!("{caption}: none in the signature.")}</p> }
            .into_any();
    }
    let (heads, rows) = match schema {
        Schema::Columns(cols) => (
            ["Name", "Type", "Required"],
            cols.iter()
                .enumerate()
                .map(|(i, c)| {
                    [
                        c.name.clone().unwrap_or_else(|| format!("(column {i})")),
                        c.ty.clone(),
                        if c.required { "required" } else { "optional" }.to_string(),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
        Schema::Tensors(tensors) => (
            ["Name", "Type", "Shape"],
            tensors
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    [
                        t.name.clone().unwrap_or_else(|| format!("(tensor {i})")),
                        format!("tensor of {}", t.dtype),
                        t.shape_label(),
                    ]
                })
                .collect(),
        ),
    };
    // A signature of thousands of columns shows its first ones until asked.
    let count = rows.len();
    let all = RwSignal::new(count <= SCHEMA_SHOWN);
    // The first row "Show all" brings takes the focus the button had.
    let first_more = NodeRef::<leptos::html::Th>::new();
    let body = move || {
        let take = if all.get() { count } else { SCHEMA_SHOWN };
        rows.iter()
            .take(take)
            .enumerate()
            .map(|(i, [name, ty, last])| {
                if i == SCHEMA_SHOWN {
                    view! { <tr><th scope="row" tabindex="-1" node_ref=first_more>{name.clone()}</th><td>{ty.clone()}</td><td>{last.clone()}</td></tr> }.into_any()
                } else {
                    view! { <tr><th scope="row">{name.clone()}</th><td>{ty.clone()}</td><td>{last.clone()}</td></tr> }.into_any()
                }
            })
            .collect_view()
    };
    let show_all = move |_| {
        all.set(true);
        request_animation_frame(move || {
            if let Some(th) = first_more.get() {
                let _ = th.focus();
            }
        });
    };
    let more = (count > SCHEMA_SHOWN).then(|| {
        view! {
            <p class="signature-more" hidden=move || all.get()>
                {format!("The first {SCHEMA_SHOWN} of {count}. ")}
                <button type="button" class="button button--secondary" on:click=show_all>
                    {format!("Show all {count} {}", caption.to_lowercase())}
                </button>
            </p>
        }
    });
    view! {
        <div class="table-frame">
            <table class="data-table signature-table">
                <caption>{caption}</caption>
                <thead><tr>{heads.map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {more}
    }
    .into_any()
}

fn params_table(params: &[ParamSpec]) -> impl IntoView {
    let rows = params
        .iter()
        .map(|p| {
            let shape = p.shape.as_deref().map(shape_label).unwrap_or_else(|| "scalar".into());
            view! { <tr><th scope="row">{p.name.clone()}</th><td>{p.ty.clone()}</td><td><code>{p.default.clone()}</code></td><td>{shape}</td></tr> }
        })
        .collect_view();
    view! {
        <div class="table-frame">
            <table class="data-table signature-table">
                <caption>"Parameters (sent with each request)"</caption>
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Type"</th><th scope="col">"Default"</th><th scope="col">"Shape"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn flavors_view(m: &MlModel) -> impl IntoView {
    let items = m
        .flavors()
        .into_iter()
        .map(|f| {
            let detail = match (f.loader_module, f.version) {
                (Some(loader), _) => format!(" (loader {loader})"),
                (None, Some(version)) => format!(" {version}"),
                (None, None) => String::new(),
            };
            view! { <li><code>{f.name}</code>{detail}</li> }
        })
        .collect_view();
    let serve = if m.servable() {
        view! { <p class="model-servable">"It can be served by "<code>"mlflow models serve"</code>", which loads the python_function flavor."</p> }.into_any()
    } else {
        view! { <p class="model-servable">"It cannot be served by "<code>"mlflow models serve"</code>": that needs the python_function flavor, which this model does not have."</p> }.into_any()
    };
    view! {
        <ul class="flavor-list">{items}</ul>
        {serve}
    }
}

fn environment_view(f: &ModelFacts, m: Option<&MlModel>) -> impl IntoView {
    let logged_with = m.and_then(|m| m.mlflow_version.clone());
    let (python, requirements) = match &f.environment {
        Some(Ok((env, file))) => {
            let list = if env.requirements.is_empty() {
                view! { <p class="muted">{format!("{file} lists no requirements.")}</p> }.into_any()
            } else {
                let items = env
                    .requirements
                    .iter()
                    .map(|r| view! { <li><code>{r.line.clone()}</code></li> })
                    .collect_view();
                view! {
                    <ul class="requirement-list">{items}</ul>
                    <p class="muted">{format!("From {file}.")}</p>
                }
                .into_any()
            };
            (env.python.clone(), list)
        }
        Some(Err(why)) => (
            None,
            view! { <p class="model-missing" role="status">{why.clone()}</p> }.into_any(),
        ),
        None => (
            None,
            view! { <p class="muted">"In the model's files (requirements.txt), which need "<code>"mlflow_root"</code>" (above)."</p> }
                .into_any(),
        ),
    };
    let python = python.or_else(|| m.and_then(MlModel::python_version));
    let unknown = || "not recorded".to_string();
    view! {
        <dl class="field-list model-environment">
            <crate::components::Field label="Python" class="model-python">{python.unwrap_or_else(unknown)}</crate::components::Field>
            <crate::components::Field label="Logged with MLflow" class="model-mlflow-version">{logged_with.unwrap_or_else(unknown)}</crate::components::Field>
            <crate::components::Field label="Requirements" class="model-requirements">{requirements}</crate::components::Field>
        </dl>
    }
}

/// The input example: a table of its first rows, the JSON a click away.
#[component]
fn InputExample(
    facts: Rc<ModelFacts>,
    model: MlModel,
    version: ModelVersion,
    root: Option<String>,
) -> impl IntoView {
    let info = model
        .saved_input_example_info
        .clone()
        .filter(|i| !i.artifact_path.is_empty());
    let Some(info) = info else {
        return view! {
            <p class="muted">"No input example was logged with this model."</p>
            <ScoringRequestView model=model example=None />
        }
        .into_any();
    };
    let Some(root) = root else {
        return view! {
            <p class="muted">{format!("An input example was logged ({}); reading it needs ", info.artifact_path)}<code>"mlflow_root"</code>" (above)."</p>
            <ScoringRequestView model=model example=None />
        }
        .into_any();
    };
    let path = info.artifact_path.clone();
    let example = crate::hooks::local_resource(move || {
        let (facts, root, version, path) =
            (facts.clone(), root.clone(), version.clone(), path.clone());
        async move { facts.read(&root, &version, &path, READ_CAP).await }
    });
    let file = info.artifact_path;
    view! {
        {move || match example.get() {
            None => view! { <p aria-busy="true">"Loading the input example…"</p> }.into_any(),
            Some(Err(e)) => view! {
                <p class="model-missing" role="status">{format!("The input example ({file}) could not be read: {e}.")}</p>
                <ScoringRequestView model=model.clone() example=None />
            }
            .into_any(),
            Some(Ok(text)) => view! {
                {example_view(&text)}
                <ScoringRequestView model=model.clone() example=request_example(&text) />
            }
            .into_any(),
        }}
    }
    .into_any()
}

/// The example as the request sends it: a bare `NaN` pandas wrote (not
/// JSON) is a missing value there.
fn request_example(text: &str) -> Option<serde_json::Value> {
    let mut v = parse_example(text)?;
    if serde_json::from_str::<serde_json::Value>(text).is_err() {
        crate::deploy::scoring::nan_as_null(&mut v);
    }
    Some(v)
}

/// "Request": what to send `mlflow models serve` of this version, as curl
/// and as Python, from the example (else the signature's placeholders).
#[component]
fn ScoringRequestView(model: MlModel, example: Option<serde_json::Value>) -> impl IntoView {
    let Some(r) = scoring_request(&model, example.as_ref()) else {
        return view! {
            <h3 id="model-request">"Request"</h3>
            <p class="muted">"No input example and no signature: there is nothing to build a request to the model server from."</p>
        }
        .into_any();
    };
    let from = match r.from {
        BuiltFrom::Example => "Built from the input example, for the command under \u{201c}Serve it\u{201d} above (MLflow's scoring protocol, POST /invocations).",
        BuiltFrom::Signature => "Built from the signature with placeholder values of each type (no input example could be read): put real values in before sending it.",
    };
    let filled = (!r.filled.is_empty()).then(|| {
        view! {
            <p class="model-request__filled">
                {format!(
                    "The example lacks {}, which the signature requires: added with a placeholder value. Put real values in before sending it.",
                    r.filled.join(", ")
                )}
            </p>
        }
    });
    view! {
        <h3 id="model-request">"Request"</h3>
        <p class="muted model-request__from">{from}</p>
        {filled}
        <h4>"curl"</h4>
        <CodeBlock text=curl_command(SERVE_URL, &r) label="Copy curl command" code_class="request-curl" />
        <h4>"Python (requests)"</h4>
        <CodeBlock text=python_request(SERVE_URL, &r) label="Copy Python code" code_class="request-python" />
    }
    .into_any()
}

fn example_view(text: &str) -> impl IntoView {
    let table = parse_example(text)
        .and_then(|v| example_table(&v, EXAMPLE_ROWS))
        .map(example_rows);
    let note = table
        .is_none()
        .then(|| view! { <p class="muted">"This example is not a table; its JSON follows."</p> });
    let open = table.is_none();
    view! {
        {table}
        {note}
        <details class="example-json" open=open>
            <summary>"Raw JSON"</summary>
            <pre class="code-block"><code>{text.to_string()}</code></pre>
        </details>
    }
}

fn example_rows(t: ExampleTable) -> impl IntoView {
    let shown = t.rows.len();
    let more = (t.total_rows > shown).then(
        || view! { <p class="muted">{format!("The first {shown} of {} rows.", t.total_rows)}</p> },
    );
    let heads = t
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.clone()}</th> })
        .collect_view();
    let rows = t
        .rows
        .into_iter()
        .map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
        .collect_view();
    view! {
        <div class="table-frame">
            <table class="data-table example-table">
                <caption class="visually-hidden">"Input example"</caption>
                <thead><tr>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {more}
    }
}

/// The folder's files with their sizes, each a download link where files
/// can be read; folders opened in place; long lists shown in part until
/// asked.
#[component]
fn Files(
    facts: Rc<ModelFacts>,
    version: ModelVersion,
    root: Option<String>,
    api: String,
) -> impl IntoView {
    let described_size = facts
        .mlmodel
        .as_ref()
        .ok()
        .and_then(|(m, _)| m.model_size_bytes);
    let files: Vec<FileEntry> = match &facts.files {
        Err(why) => {
            return view! { <p class="model-missing" role="status">{format!("The model's files could not be listed. {why}")}</p> }.into_any();
        }
        Ok(files) if files.is_empty() => {
            return view! {
                <p class="model-missing" role="status">
                    "MLflow lists no files for this version: they may have been deleted, or they are in an artifact store this MLflow server cannot read."
                </p>
            }
            .into_any();
        }
        Ok(files) => files.clone(),
    };
    let listed: u64 = files.iter().filter_map(|f| f.file_size).sum();
    let folders = files.iter().any(|f| f.is_dir);
    let recorded = described_size
        .map(|n| {
            format!(
                " MLflow recorded the model as {} when it was logged.",
                bytes(n)
            )
        })
        .unwrap_or_default();
    let total = if folders {
        format!(
            "{} in the files at the top; open a folder to see its files.{recorded}",
            bytes(listed)
        )
    } else {
        format!("{} in all, in {} files.", bytes(listed), files.len())
    };
    let links = FileLinks {
        api,
        location: facts.location.clone(),
        root,
        version,
    };
    view! {
        <p class="model-size">{total}</p>
        <div class="table-frame">
            <table class="data-table model-files">
                <caption class="visually-hidden">"Files of the model"</caption>
                <thead><tr><th scope="col">"File"</th><th scope="col" class="num">"Size"</th></tr></thead>
                <tbody><FileRows entries=files links=links /></tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What each row of the file table links with.
#[derive(Clone)]
struct FileLinks {
    api: String,
    location: ModelLocation,
    root: Option<String>,
    version: ModelVersion,
}

/// One listing's rows (paths relative to the model's folder), the first
/// [`FILES_SHOWN`] until "Show all".
#[component]
fn FileRows(entries: Vec<FileEntry>, links: FileLinks) -> impl IntoView {
    let count = entries.len();
    let all = RwSignal::new(count <= FILES_SHOWN);
    // "Show all" goes away when pressed: the focus moves to the first row
    // it brought, not to the page's start.
    let first_more = NodeRef::<leptos::html::Td>::new();
    let show_all = move |_| {
        all.set(true);
        request_animation_frame(move || {
            if let Some(cell) = first_more.get() {
                let _ = cell.focus();
            }
        });
    };
    move || {
        let take = if all.get() { count } else { FILES_SHOWN };
        let mut rows: Vec<AnyView> = entries
            .iter()
            .take(take)
            .map(|f| file_row(f, &links))
            .collect();
        if all.get() && count > FILES_SHOWN {
            rows.insert(
                FILES_SHOWN,
                view! { <tr><td colspan="2" class="visually-hidden" tabindex="-1" node_ref=first_more>{format!("All {count} entries shown")}</td></tr> }
                    .into_any(),
            );
        } else if !all.get() {
            rows.push(
                view! {
                    <tr><td colspan="2">
                        <button type="button" class="button button--secondary" on:click=show_all>
                            {format!("Show all {count} entries")}
                        </button>
                    </td></tr>
                }
                .into_any(),
            );
        }
        rows
    }
}

fn file_row(f: &FileEntry, links: &FileLinks) -> AnyView {
    if f.is_dir {
        let open = RwSignal::new(false);
        let (path, links) = (f.path.clone(), links.clone());
        let label = format!("{}/", f.path);
        return view! {
            <tr>
                <th scope="row">
                    <button type="button" class="model-files__folder" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                        <span aria-hidden="true">{move || if open.get() { "\u{25be} " } else { "\u{25b8} " }}</span>
                        {label}
                    </button>
                </th>
                <td class="num">"folder"</td>
            </tr>
            {move || open.get().then(|| view! { <FolderRows path=path.clone() links=links.clone() /> })}
        }
        .into_any();
    }
    let cell = match &links.root {
        Some(root) => view! {
            <a href=file_url(root, &links.version, &f.path) download=f.name().to_string()>{f.path.clone()}</a>
        }
        .into_any(),
        None => f.path.clone().into_any(),
    };
    let size = f
        .file_size
        .map(bytes)
        .unwrap_or_else(|| "not known".to_string());
    let exact = f.file_size.map(|n| format!("{n} bytes"));
    view! { <tr><th scope="row">{cell}</th><td class="num" title=exact>{size}</td></tr> }.into_any()
}

/// The rows of an opened folder, listed when opened.
#[component]
fn FolderRows(path: String, links: FileLinks) -> impl IntoView {
    let listing = {
        let (api, location, path) = (links.api.clone(), links.location.clone(), path.clone());
        crate::hooks::local_resource(move || {
            let (api, location, path) = (api.clone(), location.clone(), path.clone());
            async move { list_files(&api, &location, &path).await }
        })
    };
    move || {
        match listing.get() {
        None => view! { <tr><td colspan="2" aria-busy="true">{format!("Listing {path}/…")}</td></tr> }.into_any(),
        Some(Err(e)) => view! { <tr><td colspan="2" class="model-missing">{format!("{path}/ could not be listed: {e}")}</td></tr> }.into_any(),
        Some(Ok(entries)) if entries.is_empty() => view! { <tr><td colspan="2" class="muted">{format!("{path}/ is empty.")}</td></tr> }.into_any(),
        Some(Ok(entries)) => view! { <FileRows entries=entries links=links.clone() /> }.into_any(),
    }
    }
}
