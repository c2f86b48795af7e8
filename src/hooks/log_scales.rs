//! Which charts of a page are on a log scale, kept in the page's URL.

use crate::components::app_link::exact;
use crate::query::{log_scales, toggled, QueryState};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// The metrics charted on a log scale (`log=<metric>`, repeated, in the
/// query string), and how to change one. Copy: hand it to every chart.
#[derive(Clone, Copy)]
pub struct LogScales {
    on: Memo<Vec<String>>,
    set: Callback<(String, bool)>,
}

/// [`LogScales`] of the page at `page_href` (the path the query string is
/// appended to): a change replaces the history entry, every other query key
/// kept.
pub fn use_log_scales(page_href: String) -> LogScales {
    let location = use_location();
    let navigate = use_navigate();
    let on = Memo::new(move |_| log_scales(&QueryState::parse(&location.search.get())));
    let set = Callback::new(move |(metric, enable): (String, bool)| {
        let mut q = QueryState::parse(&location.search.get_untracked());
        q.set_all("log", &toggled(&log_scales(&q), &metric, enable));
        navigate(
            &format!("{page_href}{}", q.to_query_string()),
            exact(true, false),
        );
    });
    LogScales { on, set }
}

impl LogScales {
    /// Whether `metric`'s chart is on a log scale.
    pub fn on(self, metric: String) -> Signal<bool> {
        Signal::derive(move || self.on.with(|l| l.contains(&metric)))
    }

    /// What a chart's "Log scale" box calls for `metric`.
    pub fn set(self, metric: String) -> Callback<bool> {
        Callback::new(move |enable| self.set.run((metric.clone(), enable)))
    }
}
