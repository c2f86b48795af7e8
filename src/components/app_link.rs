use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// An in-app link. The router's own link handling decodes the path before it
/// navigates, which loses trailing spaces and breaks `%` in model names; this
/// link navigates to its href exactly as encoded. Modified clicks (new tab,
/// new window) are left to the browser.
#[component]
pub fn AppLink(
    /// An already-encoded path from [`crate::links`].
    #[prop(into)]
    href: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: Option<String>,
    children: Children,
) -> impl IntoView {
    let navigate = use_navigate();
    let target = href.clone();
    let on_click = move |ev: MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        ev.prevent_default();
        navigate(&target, exact(false, true));
    };
    view! {
        <a href=href class=class on:click=on_click>
            {children()}
        </a>
    }
}

/// Navigation options for an href from [`crate::links`]: it already holds the
/// base path, so the router must take it as it is (its default resolves it
/// against the base a second time).
pub fn exact(replace: bool, scroll: bool) -> NavigateOptions {
    NavigateOptions {
        resolve: false,
        replace,
        scroll,
        ..Default::default()
    }
}
