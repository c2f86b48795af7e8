//! What a Deploy button opens: the action a page holds, the popup for host
//! pages, and `?deploy` in the URL.

use super::*;
use crate::components::app_link::exact;
use crate::query::QueryState;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// What the Deploy buttons of a page do.
#[derive(Clone, Copy)]
pub struct DeployAction {
    /// The version the dialog is about.
    pub(super) target: RwSignal<Option<String>>,
    /// The "Deploy Model" dialog.
    pub(super) dialog: RwSignal<bool>,
    /// The "Feature not available" notice.
    pub(super) notice: RwSignal<bool>,
    pub(super) name: Signal<String>,
    pub(super) deployments: Deployments,
    /// Set when OK hands off: the page is being left, the URL is not ours.
    pub(super) leaving: StoredValue<bool>,
    /// Hand off with a full-page navigation even to a relative route (the
    /// dialog alone in a host page, where no router of ours runs).
    pub(super) full_page: StoredValue<bool>,
}

impl DeployAction {
    /// Deploy button pressed for `version`.
    pub fn open(&self, version: String) {
        if self.deployments.enabled() {
            self.target.set(Some(version));
            self.dialog.set(true);
        } else {
            self.notice.set(true);
        }
    }

    /// True while the dialog or the notice shows.
    pub fn is_open(&self) -> bool {
        self.dialog.get() || self.notice.get()
    }
}

/// The deploy action of a page about model `name`.
pub fn use_deploy_action(name: Signal<String>, deployments: Deployments) -> DeployAction {
    DeployAction {
        target: RwSignal::new(None),
        dialog: RwSignal::new(false),
        notice: RwSignal::new(false),
        name,
        deployments,
        leaving: StoredValue::new(false),
        full_page: StoredValue::new(false),
    }
}

/// The Deploy Model dialog alone, open for one version: what a host page
/// gets from `openDeployDialog`.
#[component]
pub fn DeployPopup(#[prop(into)] name: String, #[prop(into)] version: String) -> impl IntoView {
    let deployments = Deployments::for_page();
    let action = use_deploy_action(Signal::stored(name), deployments);
    action.full_page.set_value(true);
    Effect::new(move |_| action.open(version.clone()));
    view! { <DeployDialogs action=action /> }
}

/// Opens the dialog when the URL asks for it (`?deploy=N`, or `?deploy` with
/// `version` given: empty until the page's version has loaded) and drops the
/// parameter again once it closes, so Back and reload do not reopen it.
pub fn open_from_url(action: DeployAction, version: Option<Signal<String>>) {
    let location = use_location();
    let navigate = use_navigate();
    // A version number, or (on a version page) the version once it is known
    // to exist; anything else is ignored.
    let asked = Memo::new(move |_| {
        let q = QueryState::parse(&location.search.get());
        let v = q.get("deploy")?;
        let v = match version {
            Some(s) => s.get(),
            None => v.trim().to_string(),
        };
        (!v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())).then_some(v)
    });
    Effect::new(move |_| {
        if let Some(v) = asked.get() {
            action.open(v);
        }
    });
    Effect::new(move |was_open: Option<bool>| {
        let open = action.is_open();
        let leaving = action.leaving.get_value();
        if was_open == Some(true) && !open && !leaving && asked.get_untracked().is_some() {
            let mut q = QueryState::parse(&location.search.get_untracked());
            q.set("deploy", "");
            let href = format!(
                "{}{}",
                // The browser's own path: still encoded, with the base.
                window().location().pathname().unwrap_or_default(),
                q.to_query_string()
            );
            navigate(&href, exact(true, false));
        }
        open
    });
}

/// The query string of the current page without `deploy`; `None` when it has
/// no `deploy` to drop.
pub(super) fn without_deploy(search: &str) -> Option<String> {
    let mut q = QueryState::parse(search);
    q.get("deploy")?;
    q.set("deploy", "");
    Some(q.to_query_string())
}

#[cfg(test)]
mod tests {
    use super::without_deploy;

    #[test]
    fn only_deploy_is_dropped_from_the_query() {
        assert_eq!(without_deploy("?deploy=3"), Some(String::new()));
        assert_eq!(
            without_deploy("?page=2&deploy&cols=a%20b"),
            Some("?page=2&cols=a%20b".into())
        );
        assert_eq!(without_deploy("?page=2"), None);
        assert_eq!(without_deploy(""), None);
    }
}
