//! A model's input example (`input_example.json`, `mlflow/models/utils.py`)
//! as a table: data frames in pandas' `split` or `records` orient (bare or
//! under `dataframe_split`/`dataframe_records`), tensors under `inputs` or
//! `instances`, a bare list of rows or a JSON object of columns. Plain Rust,
//! natively tested.

use serde_json::Value;

/// Parses an example file. MLflow writes a data frame's missing values as
/// bare `NaN` (and infinities as `Infinity`), which JSON does not have: they
/// are read as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub fn parse_example(text: &str) -> Option<Value> {
    serde_json::from_str(text)
        .ok()
        .or_else(|| serde_json::from_str(&quote_non_finite(text)).ok())
}

/// `NaN`, `Infinity` and `-Infinity` outside strings, quoted.
fn quote_non_finite(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let (mut in_string, mut escaped) = (false, false);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if let Some(word) = ["-Infinity", "Infinity", "NaN"]
            .into_iter()
            .find(|w| rest.starts_with(w))
        {
            out.push('"');
            out.push_str(word);
            out.push('"');
            rest = &rest[word.len()..];
            continue;
        }
        in_string = c == '"';
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The first rows of an example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleTable {
    pub columns: Vec<String>,
    /// Each row's cells, in column order; a missing value is empty.
    pub rows: Vec<Vec<String>>,
    /// Rows in the example, shown or not.
    pub total_rows: usize,
}

/// The example's rows as a table of at most `max_rows` rows; `None` for a
/// shape that is not a table (a scalar, a string, nested tensors): the raw
/// JSON tells it then.
pub fn example_table(example: &Value, max_rows: usize) -> Option<ExampleTable> {
    let obj = example.as_object();
    if let Some(inner) = obj.and_then(|o| {
        o.get("dataframe_split")
            .or_else(|| o.get("dataframe_records"))
            .or_else(|| o.get("inputs"))
            .or_else(|| o.get("instances"))
    }) {
        if obj.is_some_and(|o| o.len() <= 2) {
            return example_table(inner, max_rows);
        }
    }
    match example {
        // `split`: {"columns": [...], "data": [[...]]}.
        Value::Object(o) if o.get("data").is_some_and(Value::is_array) => {
            let data = o.get("data").and_then(Value::as_array)?;
            let width = data
                .iter()
                .filter_map(Value::as_array)
                .map(Vec::len)
                .max()
                .unwrap_or(0);
            let columns = match o.get("columns").and_then(Value::as_array) {
                Some(c) => c.iter().map(cell).collect(),
                None => (0..width).map(|i| i.to_string()).collect(),
            };
            Some(rows_of(columns, data, max_rows, |row, i| {
                row.as_array()?.get(i)
            }))
        }
        // Columns as lists: {"age": [1, 2], "plan": ["a", "b"]}; or one row of scalars.
        Value::Object(o) if !o.is_empty() => {
            let columns: Vec<String> = o.keys().cloned().collect();
            if o.values().all(Value::is_array) {
                let len = o
                    .values()
                    .filter_map(Value::as_array)
                    .map(Vec::len)
                    .max()
                    .unwrap_or(0);
                let rows: Vec<Vec<String>> = (0..len.min(max_rows))
                    .map(|r| {
                        o.values()
                            .map(|v| {
                                v.as_array()
                                    .and_then(|a| a.get(r))
                                    .map(cell)
                                    .unwrap_or_default()
                            })
                            .collect()
                    })
                    .collect();
                Some(ExampleTable {
                    columns,
                    rows,
                    total_rows: len,
                })
            } else if o.values().all(|v| !v.is_array() && !v.is_object()) {
                Some(ExampleTable {
                    rows: vec![o.values().map(cell).collect()],
                    columns,
                    total_rows: 1,
                })
            } else {
                None
            }
        }
        // Records [{"age": 1}, ...] or rows [[1, 2], ...].
        Value::Array(items) if !items.is_empty() => {
            if items.iter().all(Value::is_object) {
                let mut columns: Vec<String> = Vec::new();
                for item in items.iter().filter_map(Value::as_object) {
                    for k in item.keys() {
                        if !columns.contains(k) {
                            columns.push(k.clone());
                        }
                    }
                }
                let keys = columns.clone();
                Some(rows_of(columns, items, max_rows, move |row, i| {
                    row.get(keys[i].as_str())
                }))
            } else if items.iter().all(Value::is_array) {
                let width = items
                    .iter()
                    .filter_map(Value::as_array)
                    .map(Vec::len)
                    .max()
                    .unwrap_or(0);
                let nested = items
                    .iter()
                    .filter_map(Value::as_array)
                    .flatten()
                    .any(|v| v.is_array());
                if nested {
                    return None;
                }
                let columns = (0..width).map(|i| i.to_string()).collect();
                Some(rows_of(columns, items, max_rows, |row, i| {
                    row.as_array()?.get(i)
                }))
            } else {
                // One row of scalars: a 1-d tensor.
                let columns = (0..items.len()).map(|i| i.to_string()).collect();
                Some(ExampleTable {
                    columns,
                    rows: vec![items.iter().map(cell).collect()],
                    total_rows: 1,
                })
            }
        }
        _ => None,
    }
}

fn rows_of<'a>(
    columns: Vec<String>,
    rows: &'a [Value],
    max_rows: usize,
    at: impl Fn(&'a Value, usize) -> Option<&'a Value>,
) -> ExampleTable {
    let shown = rows
        .iter()
        .take(max_rows)
        .map(|row| {
            (0..columns.len())
                .map(|i| at(row, i).map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    ExampleTable {
        columns,
        rows: shown,
        total_rows: rows.len(),
    }
}

/// A value as a cell: strings without quotes, the rest as JSON.
fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn table(v: Value) -> Option<ExampleTable> {
        example_table(&v, 2)
    }

    #[test]
    fn data_frames_in_every_orient_mlflow_writes() {
        let split =
            json!({"columns": ["age", "plan"], "data": [[42, "basic"], [31, "pro"], [7, null]]});
        let t = table(split.clone()).unwrap();
        assert_eq!(t.columns, vec!["age", "plan"]);
        assert_eq!(t.rows, vec![vec!["42", "basic"], vec!["31", "pro"]]);
        assert_eq!(t.total_rows, 3, "three rows, two shown");
        assert_eq!(
            table(json!({"dataframe_split": split})).unwrap().total_rows,
            3
        );
        let records = json!([{"age": 42, "plan": "basic"}, {"plan": "pro", "extra": true}]);
        let t = table(records).unwrap();
        assert_eq!(t.columns, vec!["age", "plan", "extra"]);
        assert_eq!(t.rows[1], vec!["", "pro", "true"]);
    }

    #[test]
    fn missing_values_as_pandas_writes_them() {
        let text = r#"{"columns": ["a", "b"], "data": [[NaN, "x NaN"], [-Infinity, null]]}"#;
        let t = table(parse_example(text).unwrap()).unwrap();
        assert_eq!(
            t.rows,
            vec![vec!["NaN", "x NaN"], vec!["-Infinity", "null"]]
        );
        assert_eq!(parse_example("{not json"), None);
    }

    #[test]
    fn tensors_and_other_shapes() {
        let t = table(json!({"inputs": [[5.1, 3.5, 1.4, 0.2], [4.9, 3.0, 1.4, 0.2]]})).unwrap();
        assert_eq!(t.columns, vec!["0", "1", "2", "3"]);
        assert_eq!(t.rows[0], vec!["5.1", "3.5", "1.4", "0.2"]);
        assert_eq!(
            table(json!([[[1, 2]], [[3, 4]]])),
            None,
            "3-d: raw JSON only"
        );
        assert_eq!(table(json!("a string")), None);
        let one = table(json!({"prompt": "hi", "temperature": 0.5})).unwrap();
        assert_eq!(one.rows, vec![vec!["hi", "0.5"]]);
        let cols = table(json!({"a": [1, 2, 3], "b": ["x"]})).unwrap();
        assert_eq!(cols.rows, vec![vec!["1", "x"], vec!["2", ""]]);
        assert_eq!(cols.total_rows, 3);
    }
}
