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
use web_sys::AbortController;

/// A finished HTTP exchange: status, content type and body text.
pub struct Exchange {
    pub status: u16,
    pub content_type: String,
    pub body: String,
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

/// [`send`], giving up after `secs`.
async fn send_within(
    url: &str,
    json_body: Option<String>,
    secs: u32,
) -> Result<Exchange, MlflowError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());

    let timed_out = Rc::new(Cell::new(false));
    let _timeout = controller.clone().map(|c| {
        let timed_out = Rc::clone(&timed_out);
        Timeout::new(secs.saturating_mul(1000), move || {
            timed_out.set(true);
            c.abort();
        })
    });
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

    let request = build_request(url, json_body.as_deref(), signal.as_ref())
        .map_err(|e| failed(format!("the request could not be built: {e:?}")))?;
    let response = gloo_net::http::Request::from(request)
        .send()
        .await
        .map_err(|e| failed(e.to_string()))?;
    let status = response.status();
    let content_type = response.headers().get("content-type").unwrap_or_default();
    let body = response.text().await.map_err(|e| failed(e.to_string()))?;
    Ok(Exchange {
        status,
        content_type,
        body,
    })
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
    web_sys::Request::new_with_str_and_init(url, &init)
}
