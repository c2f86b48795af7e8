use leptos::prelude::*;

/// Epoch milliseconds as local `YYYY-MM-DD HH:mm:ss`.
pub fn format_local_time(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// A timestamp in local time, `-` when MLflow sent none; the full timestamp
/// and its age on hover.
#[component]
pub fn LocalTime(
    /// Epoch milliseconds.
    ms: Option<i64>,
) -> impl IntoView {
    match ms {
        Some(ms) if ms > 0 => {
            let iso = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
                .to_iso_string()
                .as_string()
                .unwrap_or_default();
            let age = crate::format::relative_age(js_sys::Date::now() as i64, ms);
            let title = format!("{iso} ({age})");
            view! { <time datetime=iso title=title>{format_local_time(ms)}</time> }.into_any()
        }
        _ => view! { <span>"-"</span> }.into_any(),
    }
}
