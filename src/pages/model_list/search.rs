//! The model list's search box: typed text, searched after a pause or at
//! once on Enter. Text that is not a valid filter yet changes nothing on
//! screen (the last results stay); it is pointed out on Enter or after a
//! longer pause, never while typing.

use crate::mlflow::filter::model_search_filter;
use crate::query::ModelListState;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// Milliseconds the search waits after the last keystroke.
const SEARCH_DEBOUNCE_MS: u32 = 300;
/// Milliseconds of pause before text that is not a valid filter is pointed out.
const UNFINISHED_FILTER_MS: u32 = 1500;

/// The box's text, the error to point out, and what its events do.
pub(super) struct SearchBox {
    pub text: RwSignal<String>,
    pub typed_error: RwSignal<Option<String>>,
    /// Text typed.
    pub on_input: Callback<String>,
    /// Enter.
    pub on_submit: Callback<()>,
    /// "Clear search".
    pub clear: Callback<()>,
}

/// The search box of the list whose view is `state`; `go` shows a view
/// (replacing the history entry when asked).
pub(super) fn use_search_box(
    state: Memo<ModelListState>,
    go: impl Fn(ModelListState, bool) + Clone + Send + Sync + 'static,
) -> SearchBox {
    let text = RwSignal::new(state.get_untracked().q);
    let typed_error = RwSignal::new(None::<String>);
    let pending = StoredValue::new_local(None::<Timeout>);
    let submit = {
        let go = go.clone();
        move || {
            pending.update_value(|t| drop(t.take()));
            let s = state.get_untracked();
            let q = text.get_untracked();
            if let Err(e) = model_search_filter(&q) {
                typed_error.set(Some(e.to_string()));
                return;
            }
            typed_error.set(None);
            if q != s.q {
                go(
                    ModelListState {
                        q,
                        ..s.first_page()
                    },
                    true,
                );
            }
        }
    };
    // Back/forward or a link changed the search: show it in the box.
    Effect::new(move |_| {
        let q = state.read().q.clone();
        if pending.with_value(Option::is_none) && q != text.get_untracked() {
            text.set(q);
            typed_error.set(None);
        }
    });
    let on_input = {
        let submit = submit.clone();
        Callback::new(move |q: String| {
            let pause = if model_search_filter(&q).is_ok() {
                SEARCH_DEBOUNCE_MS
            } else {
                UNFINISHED_FILTER_MS
            };
            text.set(q);
            typed_error.set(None);
            let submit = submit.clone();
            pending.set_value(Some(Timeout::new(pause, submit)));
        })
    };
    let on_submit = Callback::new(move |_: ()| submit());
    let clear = Callback::new(move |_: ()| {
        pending.update_value(|t| drop(t.take()));
        text.set(String::new());
        typed_error.set(None);
        go(
            ModelListState {
                q: String::new(),
                ..state.get_untracked().first_page()
            },
            false,
        );
    });
    SearchBox {
        text,
        typed_error,
        on_input,
        on_submit,
        clear,
    }
}
