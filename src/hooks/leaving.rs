//! Whether the page is being left.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Provided to each routed page: true from the moment the address leaves
/// the page's path (the router then loads the next page while this one
/// stays on screen) until the page is gone.
#[derive(Clone, Copy)]
pub struct Leaving(pub Memo<bool>);

/// Provides [`Leaving`] for the page about to be built at the current path.
/// Called in the page's route (inside the router). Another model's or
/// version's address is the same route: the router keeps the page and
/// gives it the new parameters, so that is not leaving.
pub fn provide_leaving() {
    let location = use_location();
    let base = use_context::<crate::context::AppContext>()
        .map(|c| c.base)
        .unwrap_or_default();
    let here = location
        .pathname
        .with_untracked(|p| route_pattern(p, &base));
    provide_context(Leaving(Memo::new(move |_| {
        location.pathname.with(|p| route_pattern(p, &base) != here)
    })));
}

/// The route an app path (under `base`) belongs to: the path with its
/// parameters (model name, version, deployment id) replaced by `:`. Names
/// are percent-encoded in paths, so each is one segment.
pub fn route_pattern(path: &str, base: &str) -> String {
    let mut segments: Vec<&str> = crate::routes::under_base(path, base)
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let parameters: &[usize] = match segments.first().copied() {
        Some("models") => &[1, 3],
        Some("deployments") if segments.get(1) != Some(&"create") => &[1],
        _ => &[],
    };
    for &i in parameters {
        if let Some(s) = segments.get_mut(i) {
            *s = ":";
        }
    }
    segments.join("/")
}

/// Runs `stop` once when the page this is called in starts being left
/// (a task of the page that would act on its answer, such as navigating,
/// must not act once the user has gone elsewhere). Does nothing outside a
/// routed page.
pub fn on_leaving(stop: impl Fn() + Send + Sync + 'static) {
    if let Some(Leaving(leaving)) = use_context::<Leaving>() {
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            let left = leaving.get();
            if left {
                stop();
            }
            left
        });
    }
}

#[cfg(test)]
mod tests {
    use super::route_pattern;

    #[test]
    fn another_model_or_version_is_the_same_route() {
        let base = "/console/g/demo";
        let p = |path: &str| route_pattern(path, base);
        assert_eq!(
            p("/console/g/demo/models/a"),
            p("/console/g/demo/models/b%2Fc")
        );
        // A model named like a route segment is still a model.
        assert_eq!(
            p("/console/g/demo/models/models"),
            p("/console/g/demo/models/compare")
        );
        assert_eq!(
            p("/console/g/demo/models/a/versions/1"),
            p("/console/g/demo/models/versions/versions/22")
        );
        assert_eq!(
            p("/console/g/demo/deployments/d1"),
            p("/console/g/demo/deployments/d2")
        );
        assert_eq!(
            p("/console/g/demo/deployments/d1/edit"),
            p("/console/g/demo/deployments/d2/edit")
        );
    }

    #[test]
    fn another_page_is_another_route() {
        let p = |path: &str| route_pattern(path, "");
        let routes = [
            p("/models"),
            p("/models/a"),
            p("/models/a/versions/1"),
            p("/models/a/compare"),
            p("/deployments/create"),
            p("/deployments/d1"),
            p("/deployments/d1/edit"),
        ];
        for (i, a) in routes.iter().enumerate() {
            for b in &routes[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // Without the base (a host path outside it) nothing is taken off.
        assert_eq!(
            route_pattern("/other/models/a", "/console"),
            "other/models/a"
        );
    }
}
