use crate::components::{AppLink, Breadcrumbs, Crumb};
use crate::context::AppContext;
use crate::links::models_href;
use leptos::prelude::*;

/// The fallback for any path the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <Breadcrumbs items=vec![Crumb::link("Models", models_href(&ctx.base)), Crumb::current("Not found")] />
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. It may have been mistyped, or the link is out of date."</p>
        <p><AppLink class="button" href=models_href(&ctx.base)>"Go to Models"</AppLink></p>
    }
}
