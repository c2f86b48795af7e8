//! Versions paged and sorted here, for servers that do not: MLflow 1.x
//! answers `model-versions/search` with every version at once, in
//! last-modified order, whatever `max_results`, `order_by` and `page_token`
//! say. Detected from the answer, never from a configured release.

use super::client::{trusted_token, VersionOrder, VersionSearch};
use super::types::{ModelVersion, SearchModelVersions};

/// Page tokens the app makes itself (`offset:N`), for servers that answer
/// `model-versions/search` with every version at once.
const LOCAL_TOKEN: &str = "offset:";

/// The row a local page token starts at; `None` for MLflow's own tokens.
pub(crate) fn local_offset(token: Option<&str>) -> Option<usize> {
    token?.strip_prefix(LOCAL_TOKEN)?.parse().ok()
}

/// Shapes `model-versions/search`'s answer into the page `search` asked for
/// (see [`super::client::search_model_versions`]); `narrow` keeps only the exact name.
pub fn versions_page(
    mut answer: SearchModelVersions,
    search: &VersionSearch,
    narrow: bool,
) -> SearchModelVersions {
    let max = search.max_results.clamp(1, 1000) as usize;
    let offset = local_offset(search.page_token.as_deref());
    let rows = answer.model_versions.len();
    let unpaged = rows > max || offset.is_some();
    if narrow {
        answer.model_versions.retain(|v| v.name == search.name);
    }
    if unpaged || !in_order(&answer.model_versions, search.order) {
        sort_versions(&mut answer.model_versions, search.order);
    }
    if !unpaged {
        answer.next_page_token = trusted_token(answer.next_page_token, rows, search.max_results);
        return answer;
    }
    let all = std::mem::take(&mut answer.model_versions);
    let start = offset.unwrap_or(0).min(all.len());
    let end = (start + max).min(all.len());
    let next = (end < all.len()).then(|| format!("{LOCAL_TOKEN}{end}"));
    SearchModelVersions {
        model_versions: all.into_iter().skip(start).take(end - start).collect(),
        next_page_token: next,
    }
}

/// The sort key of `v` for `order`, ascending: (primary, version number).
fn version_key(v: &ModelVersion, order: VersionOrder) -> (i64, u64) {
    let number = v.version.parse().unwrap_or(0);
    match order {
        VersionOrder::NewestFirst | VersionOrder::OldestFirst => (number as i64, number),
        VersionOrder::RegisteredDesc | VersionOrder::RegisteredAsc => {
            (v.creation_timestamp.unwrap_or(0), number)
        }
    }
}

fn descending(order: VersionOrder) -> bool {
    matches!(
        order,
        VersionOrder::NewestFirst | VersionOrder::RegisteredDesc
    )
}

/// Sorts versions as MLflow's `order_by` for `order` would.
pub fn sort_versions(versions: &mut [ModelVersion], order: VersionOrder) {
    versions.sort_by(|a, b| {
        let o = version_key(a, order).cmp(&version_key(b, order));
        if descending(order) {
            o.reverse()
        } else {
            o
        }
    });
}

/// True when the primary sort key of `order` never goes the wrong way (ties
/// are left in the server's order).
fn in_order(versions: &[ModelVersion], order: VersionOrder) -> bool {
    versions.windows(2).all(|w| {
        let (a, b) = (version_key(&w[0], order).0, version_key(&w[1], order).0);
        if descending(order) {
            a >= b
        } else {
            a <= b
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(name: &str, version: u32, created: i64) -> ModelVersion {
        ModelVersion {
            name: name.into(),
            version: version.to_string(),
            creation_timestamp: Some(created),
            ..Default::default()
        }
    }

    fn numbers(page: &SearchModelVersions) -> Vec<&str> {
        page.model_versions
            .iter()
            .map(|v| v.version.as_str())
            .collect()
    }

    /// MLflow 1.30: all 7 versions at once, last modified first (here:
    /// 3, 7, 1, ...), whatever was asked.
    fn whole_list() -> SearchModelVersions {
        let order = [3, 7, 1, 6, 2, 5, 4];
        SearchModelVersions {
            model_versions: order
                .iter()
                .map(|&n| mv("m", n, 1000 - (n as i64) * 10))
                .collect(),
            next_page_token: None,
        }
    }

    #[test]
    fn servers_that_ignore_paging_are_paged_and_sorted_here() {
        let mut s = VersionSearch {
            name: "m".into(),
            order: VersionOrder::NewestFirst,
            max_results: 3,
            page_token: None,
        };
        let p1 = versions_page(whole_list(), &s, false);
        assert_eq!(numbers(&p1), ["7", "6", "5"]);
        assert_eq!(p1.next_page_token.as_deref(), Some("offset:3"));
        s.page_token = p1.next_page_token;
        let p2 = versions_page(whole_list(), &s, false);
        assert_eq!(numbers(&p2), ["4", "3", "2"]);
        s.page_token = p2.next_page_token;
        let p3 = versions_page(whole_list(), &s, false);
        assert_eq!(numbers(&p3), ["1"]);
        assert_eq!(p3.next_page_token, None);
        // Registered oldest first: version 7 was registered first here.
        s.order = VersionOrder::RegisteredAsc;
        s.page_token = None;
        assert_eq!(
            numbers(&versions_page(whole_list(), &s, false)),
            ["7", "6", "5"]
        );
        s.order = VersionOrder::OldestFirst;
        assert_eq!(
            numbers(&versions_page(whole_list(), &s, false)),
            ["1", "2", "3"]
        );
        // A token past the end (the model lost versions): an empty last page.
        s.page_token = Some("offset:50".into());
        let gone = versions_page(whole_list(), &s, false);
        assert!(gone.model_versions.is_empty() && gone.next_page_token.is_none());
    }

    #[test]
    fn a_short_unsorted_answer_is_sorted_and_a_paged_one_left_alone() {
        let s = VersionSearch {
            name: "m".into(),
            order: VersionOrder::NewestFirst,
            max_results: 25,
            page_token: None,
        };
        // Fewer rows than asked for, but in last-modified order: sorted.
        let p = versions_page(whole_list(), &s, false);
        assert_eq!(numbers(&p), ["7", "6", "5", "4", "3", "2", "1"]);
        assert_eq!(p.next_page_token, None);
        // A server that pages: its rows and token are kept as they are.
        let paged = SearchModelVersions {
            model_versions: vec![mv("m", 9, 5), mv("m", 8, 5)],
            next_page_token: Some("eyJvZmZzZXQiOiAyfQ==".into()),
        };
        let s2 = VersionSearch {
            max_results: 2,
            ..s.clone()
        };
        let p = versions_page(paged.clone(), &s2, false);
        assert_eq!(p, paged);
        // Narrowed to the exact name after the count.
        let mixed = SearchModelVersions {
            model_versions: vec![mv("a'\"b", 2, 1), mv("a'x\"b", 1, 1)],
            next_page_token: None,
        };
        let s3 = VersionSearch {
            name: "a'\"b".into(),
            ..s
        };
        assert_eq!(numbers(&versions_page(mixed, &s3, true)), ["2"]);
    }
}
