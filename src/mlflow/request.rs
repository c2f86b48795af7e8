//! The one request helper: send a request, give up after 10 s (or the time
//! the caller allows), cancel when
//! the view that asked is dropped, and hand back the exchange or decode it.

use super::error::{decode_response, MlflowError, TIMEOUT_SECS};
use gloo_timers::callback::Timeout;
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::AbortController;

/// A finished HTTP exchange: status (0 for a redirect, which is not
/// followed), content type and body text.
pub struct Exchange {
    pub status: u16,
    pub content_type: String,
    pub body: String,
    /// The MLflow workspace the proxy says it browses: its
    /// `X-MLFLOW-WORKSPACE` answer header (`render-nginx.sh` echoes it).
    pub workspace: Option<String>,
}

/// GETs `url` and decodes its JSON body as `T`.
///
/// Called inside a reactive owner (a resource or a component), the request is
/// aborted when that owner is cleaned up, so leaving a page stops its requests.
pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, MlflowError> {
    get_json_within(url, TIMEOUT_SECS).await
}

/// [`get_json`], waiting up to `secs` for the answer.
pub async fn get_json_within<T: DeserializeOwned>(url: &str, secs: u32) -> Result<T, MlflowError> {
    let x = send_within(url, None, secs).await?;
    decode_response(x.status, &x.content_type, &x.body)
}

/// Sends a GET (no body) or a JSON POST (with `json_body`) and returns the
/// exchange whatever its status; only transport failures are errors
/// (network, timeout, cancelled).
pub async fn send(url: &str, json_body: Option<String>) -> Result<Exchange, MlflowError> {
    send_within(url, json_body, TIMEOUT_SECS).await
}

/// [`send`], giving up after `secs`; the answer to the same request when
/// the page's route started it ahead ([`super::prefetch`]).
async fn send_within(
    url: &str,
    json_body: Option<String>,
    secs: u32,
) -> Result<Exchange, MlflowError> {
    if let Some(started) = super::prefetch::take(url, json_body.as_deref()) {
        // Stopped with the route's data, which lives as long as the page.
        let answer = started.await.unwrap_or(Err(MlflowError::Cancelled));
        // An answer already there would resolve within this task, where a
        // fetch never does. Seen with Leptos 0.8 (reactive_graph 0.2.16):
        // compare's versions and the first run of its runs resource then
        // resolved in the same task and the runs resource never ran again
        // for the versions' runs (the page said "Loading" for ever); an
        // AsyncDerived drops `mark_dirty` while it notifies its own
        // subscribers, the likely cause. Answered a task later, as from
        // the network, it runs as usual (tests/e2e/first-requests.spec.mjs).
        next_task().await;
        return answer;
    }
    let controller = AbortController::new().ok();
    // Aborted when the view that asked is cleaned up, and whenever this
    // future is dropped unfinished (a stopped task, a superseded resource
    // run): no request outlives what it was for. Aborting a finished fetch
    // does nothing.
    let on_cleanup_abort = SendWrapper::new(controller.clone());
    on_cleanup(move || {
        if let Some(c) = on_cleanup_abort.take() {
            c.abort();
        }
    });
    exchange(url, json_body, secs, controller).await
}

/// Sends the request now, outside any view (a route's prefetch): stopped
/// only by dropping the future, and after `secs`.
pub(super) async fn send_now(
    url: &str,
    json_body: Option<String>,
    secs: u32,
) -> Result<Exchange, MlflowError> {
    exchange(url, json_body, secs, AbortController::new().ok()).await
}

/// The fetch itself, aborted by `controller` after `secs` and when dropped.
async fn exchange(
    url: &str,
    json_body: Option<String>,
    secs: u32,
    controller: Option<AbortController>,
) -> Result<Exchange, MlflowError> {
    let signal = controller.as_ref().map(|c| c.signal());
    let timed_out = Rc::new(Cell::new(false));
    let _timeout = controller.clone().map(|c| {
        let timed_out = Rc::clone(&timed_out);
        Timeout::new(secs.saturating_mul(1000), move || {
            timed_out.set(true);
            c.abort();
        })
    });
    let _abort_on_drop = AbortOnDrop(controller.clone());

    let aborted = || signal.as_ref().is_some_and(|s| s.aborted());
    let failed = |detail: String| {
        if timed_out.get() {
            MlflowError::Timeout { secs }
        } else if aborted() {
            MlflowError::Cancelled
        } else {
            MlflowError::Network { detail }
        }
    };

    // The loader may have started this GET already (standalone page, first
    // page view): its answer is awaited instead, stopped by the same signal.
    let early = json_body
        .is_none()
        .then(|| super::early::take(url, signal.as_ref()))
        .flatten();
    let response = match early {
        Some(answer) => wasm_bindgen_futures::JsFuture::from(answer)
            .await
            .map_err(|e| failed(js_error_text(&e)))?
            .dyn_into::<web_sys::Response>()
            .map(gloo_net::http::Response::from)
            .map_err(|_| failed("the loader's answer is not a response".into()))?,
        None => {
            let request = build_request(url, json_body.as_deref(), signal.as_ref())
                .map_err(|e| failed(format!("the request could not be built: {e:?}")))?;
            gloo_net::http::Request::from(request)
                .send()
                .await
                .map_err(|e| failed(e.to_string()))?
        }
    };
    let status = response.status();
    let headers = response.headers();
    let content_type = headers.get("content-type").unwrap_or_default();
    let workspace = headers.get("x-mlflow-workspace");
    let body = response.text().await.map_err(|e| failed(e.to_string()))?;
    Ok(Exchange {
        status,
        content_type,
        body,
        workspace,
    })
}

/// A rejected fetch's error as gloo-net words its own: "TypeError: Failed
/// to fetch".
fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => "the request failed".into(),
    }
}

/// Resolves in a later task of the browser's event loop, as a fetch does.
async fn next_task() {
    let (tx, rx) = futures::channel::oneshot::channel();
    let timer = Timeout::new(0, move || {
        let _ = tx.send(());
    });
    let _ = rx.await;
    drop(timer);
}

/// Aborts its fetch when dropped.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(c) = &self.0 {
            c.abort();
        }
    }
}

/// The fetch request for exactly `url`. gloo-net's builder is not used: it
/// re-parses the URL and appends its own (empty) query with a stray `&`,
/// which MLflow 2.9 and older answer with HTTP 500.
fn build_request(
    url: &str,
    json_body: Option<&str>,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<web_sys::Request, wasm_bindgen::JsValue> {
    let headers = web_sys::Headers::new()?;
    headers.set("Accept", "application/json")?;
    let init = web_sys::RequestInit::new();
    match json_body {
        None => init.set_method("GET"),
        Some(body) => {
            init.set_method("POST");
            headers.set("Content-Type", "application/json")?;
            init.set_body(&wasm_bindgen::JsValue::from_str(body));
        }
    }
    init.set_headers(&headers);
    init.set_signal(signal);
    // Not followed: MLflow's API never redirects, and a proxy that does is
    // sending a signed-out user to sign in (often on another origin, where a
    // followed fetch fails as a network error). The answer is then an opaque
    // redirect with status 0, which `decode_response` reads as a session
    // that ended.
    init.set_redirect(web_sys::RequestRedirect::Manual);
    web_sys::Request::new_with_str_and_init(url, &init)
}
