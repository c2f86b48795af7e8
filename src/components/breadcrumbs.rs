use super::AppLink;
use leptos::prelude::*;
use stylers_macro::style;

/// One step of the trail: a link, or the current page when `href` is `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

impl Crumb {
    /// A step that links back.
    pub fn link(label: impl Into<String>, href: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            href: Some(href.into()),
        }
    }

    /// The page the user is on.
    pub fn current(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            href: None,
        }
    }
}

/// The "Models > name > Version N" trail above a page's title.
#[component]
pub fn Breadcrumbs(
    /// Steps from the top; the last one is the current page.
    items: Vec<Crumb>,
) -> impl IntoView {
    let class = style! {
        .breadcrumbs__list {
            display: flex;
            flex-wrap: wrap;
            gap: 0.25rem;
            list-style: none;
            margin: 0 0 0.5rem 0;
            padding: 0;
            font-size: 0.9rem;
            color: var(--pm-muted);
        }
        .breadcrumbs__item {
            min-width: 0;
            max-width: 100%;
            overflow: hidden;
            text-overflow: ellipsis;
            white-space: pre;
        }
        .breadcrumbs__current {
            color: var(--pm-text);
        }
    };
    let items = items
        .into_iter()
        .map(|c| {
            // A long name is cut on screen; its whole text on hover.
            let title = c.label.clone();
            let inner = match c.href {
                Some(href) => view! { <AppLink href=href>{c.label}</AppLink> }.into_any(),
                None => view! {
                    <span class=format!("breadcrumbs__current {class}") aria-current="page">
                        {c.label}
                    </span>
                }
                .into_any(),
            };
            view! { <li class=format!("breadcrumbs__item {class}") title=title>{inner}</li> }
        })
        .collect_view();
    view! {
        <nav aria-label="Breadcrumb">
            <ol class=format!("breadcrumbs__list {class}")>{items}</ol>
        </nav>
    }
}
