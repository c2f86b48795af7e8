use leptos::prelude::*;

/// Grey placeholder rows that hold the table's place while it loads.
#[component]
pub fn TableSkeleton(
    /// Column headers, so the layout does not jump when data arrives.
    headers: Vec<&'static str>,
    /// How many placeholder rows.
    #[prop(default = 5)]
    rows: usize,
) -> impl IntoView {
    let cols = headers.len();
    view! {
            <div class="table-frame">
    <table class="data-table data-table--loading" aria-busy="true">
                <caption class="visually-hidden">"Loading…"</caption>
                <thead>
                    <tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {(0..rows)
                        .map(|_| {
                            view! {
                                <tr>
                                    {(0..cols)
                                        .map(|_| view! { <td><span class="skeleton-bar"></span></td> })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
    </div>
        }
}
