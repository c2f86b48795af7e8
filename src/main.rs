//! The binary: the JavaScript entry points (the loader `models.js` calls them).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Does nothing: the loader decides what runs (the standalone page calls
/// `boot`, a host calls `mount` or `open_deploy_dialog`).
fn main() {}

/// What a host gets back: `unmount()` removes the app and its listeners.
#[wasm_bindgen]
pub struct MountHandle {
    unmount: Option<primehub_models::Unmount>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes what was mounted; calling it again does nothing.
    pub fn unmount(&mut self) {
        if let Some(f) = self.unmount.take() {
            f();
        }
    }
}

/// The standalone page: the app on `<body>`; `take` takes the requests the
/// loader started before the wasm arrived (`src/loader/early.js`), or is
/// `undefined`.
#[wasm_bindgen]
pub fn boot(take: JsValue) {
    primehub_models::boot(take);
}

/// Renders the app inside `element`. `config` is an object like
/// `window.PRIMEHUB_MODELS_CONFIG`, or `undefined` to use that or config.json.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, config: JsValue) -> MountHandle {
    MountHandle {
        unmount: Some(primehub_models::mount(element, config)),
    }
}

/// Shows only the Deploy Model dialog for `model` (`{name, version}`) inside
/// `element`; OK hands off to the Deployments route like the app does.
#[wasm_bindgen]
pub fn open_deploy_dialog(
    element: web_sys::HtmlElement,
    model: JsValue,
    config: JsValue,
) -> Result<MountHandle, JsError> {
    let field = |key: &str| -> Option<String> {
        let v = js_sys::Reflect::get(&model, &JsValue::from_str(key)).ok()?;
        // A version given as a number reads as JavaScript writes it (3, not
        // 3.0), without Rust's float formatting in the shell.
        v.as_string()
            .or_else(|| {
                v.dyn_ref::<js_sys::Number>()
                    .and_then(|n| n.to_string_with_radix(10).ok())
                    .map(String::from)
            })
            .filter(|s| !s.trim().is_empty())
    };
    let (Some(name), Some(version)) = (field("name"), field("version")) else {
        return Err(JsError::new(
            "open_deploy_dialog: the model must be an object {name, version}",
        ));
    };
    primehub_models::open_deploy_dialog(element, name, version, config)
        .map(|f| MountHandle { unmount: Some(f) })
        .map_err(|e| JsError::new(&format!("open_deploy_dialog: {e}")))
}
