//! What only the browser knows: the host's configuration object, the
//! `config.json` beside `index.html`, and the page's `<base>`.

use crate::config::{normalize_base_path, parse_config, parse_config_text, Config, ConfigError};
use wasm_bindgen::JsValue;

/// The global a host page sets before the app loads.
pub const HOST_CONFIG_GLOBAL: &str = "PRIMEHUB_MODELS_CONFIG";

/// The configuration, from the host's object if there is one, else `config.json`.
pub async fn load_config() -> Result<Config, ConfigError> {
    if let Some(value) = host_config()? {
        return parse_config(&value);
    }
    let not_found = |detail: String| {
        ConfigError {
        key: String::new(),
        problem: format!(
            "no configuration could be loaded: `window.{HOST_CONFIG_GLOBAL}` is not set and config.json next to index.html {detail}. Create config.json with at least {{\"mlflow_api\": \"/api/mlflow\"}}."
        ),
    }
    };
    // A relative URL: fetch resolves it against the page's <base>.
    let x = crate::mlflow::request::send("config.json", None)
        .await
        .map_err(|e| not_found(format!("could not be fetched ({e})")))?;
    if x.status == 0 {
        // Requests do not follow redirects: the site sent it to sign in.
        return Err(ConfigError {
            key: String::new(),
            problem: "config.json was answered with a redirect, as a site does when your session has ended: reload the page to sign in again.".into(),
        });
    }
    if !(200..300).contains(&x.status) {
        return Err(not_found(format!("answered HTTP {}", x.status)));
    }
    // Where the proxy chooses an MLflow workspace, it names it beside the
    // configuration (render-nginx.sh).
    parse_config_text(&x.body).map(|c| c.with_echoed_workspace(x.workspace.as_deref()))
}

/// `window.PRIMEHUB_MODELS_CONFIG` as JSON, when the host set it.
fn host_config() -> Result<Option<serde_json::Value>, ConfigError> {
    let Some(window) = web_sys::window() else {
        return Ok(None);
    };
    let value = js_sys::Reflect::get(&window, &JsValue::from_str(HOST_CONFIG_GLOBAL))
        .unwrap_or(JsValue::UNDEFINED);
    js_value_to_config_json(&value)
}

/// Converts a JS configuration object into JSON for [`parse_config`].
pub fn js_value_to_config_json(value: &JsValue) -> Result<Option<serde_json::Value>, ConfigError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let unreadable = || ConfigError {
        key: String::new(),
        problem: format!("`{HOST_CONFIG_GLOBAL}` must be a plain object of strings"),
    };
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(unreadable)?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|_| unreadable())
}

/// The path of the page's `<base href>` as a router base; `""` without one.
pub fn document_base_path() -> String {
    let document = web_sys::window().and_then(|w| w.document());
    let has_base = document
        .as_ref()
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .is_some();
    if !has_base {
        return String::new();
    }
    document
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .and_then(|url| normalize_base_path(&url.pathname()))
        .unwrap_or_default()
}
