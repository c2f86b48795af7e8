//! The Columns dialog's form, and the choice remembered per model in the browser.

use leptos::prelude::*;
use std::collections::BTreeSet;

const STORAGE_PREFIX: &str = "primehub-models:columns:";

pub(super) fn stored_columns(name: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage
        .get_item(&format!("{STORAGE_PREFIX}{name}"))
        .ok()
        .flatten()
}

pub(super) fn store_columns(name: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Storage can be full or disabled; the URL still carries the choice.
        let _ = storage.set_item(&format!("{STORAGE_PREFIX}{name}"), value);
    }
}

/// The Columns dialog's form: parameter and metric keys of the page's runs.
#[component]
pub(super) fn ColumnsForm(
    /// Keys the page's runs have: (params, metrics); `None` while they load.
    available: Signal<Option<(BTreeSet<String>, BTreeSet<String>)>>,
    /// Keys shown now.
    chosen: (Vec<String>, Vec<String>),
    on_apply: Callback<(Vec<String>, Vec<String>)>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let earlier = chosen.clone();
    let params = RwSignal::new(chosen.0);
    let metrics = RwSignal::new(chosen.1);
    let group = move |legend: &'static str,
                      keys: BTreeSet<String>,
                      picked: RwSignal<Vec<String>>| {
        if keys.is_empty() {
            let empty = format!(
                "No run of this page that could be read logged {}.",
                legend.to_lowercase()
            );
            return view! { <fieldset class="columns__group"><legend>{legend}</legend><p class="muted">{empty}</p></fieldset> }.into_any();
        }
        view! {
            <fieldset class="columns__group">
                <legend>{legend}</legend>
                {keys
                    .into_iter()
                    .map(|k| {
                        let key = k.clone();
                        let checked = picked.get_untracked().contains(&k);
                        view! {
                            <label class="columns__option">
                                <input
                                    type="checkbox"
                                    checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        picked.update(|list| {
                                            list.retain(|x| x != &key);
                                            if on {
                                                list.push(key.clone());
                                            }
                                        });
                                    }
                                />
                                " "
                                {k}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
        .into_any()
    };
    view! {
        <form
            class="columns"
            method="dialog"
            on:submit=move |ev| {
                ev.prevent_default();
                on_apply.run((params.get_untracked(), metrics.get_untracked()));
            }
        >
            {move || match available.get() {
                None => view! {
                    <p class="columns__loading" aria-busy="true">"Loading the parameters and metrics of this page's runs…"</p>
                }
                .into_any(),
                Some((mut all_params, mut all_metrics)) => {
                    // Keys chosen earlier stay offered, even when this page's runs lack them.
                    all_params.extend(earlier.0.iter().cloned());
                    all_metrics.extend(earlier.1.iter().cloned());
                    view! {
                        {group("Parameters", all_params, params)}
                        {group("Metrics", all_metrics, metrics)}
                    }
                    .into_any()
                }
            }}
            <div class="modal__actions">
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
                <button type="submit" class="button">"Apply"</button>
            </div>
        </form>
    }
}
