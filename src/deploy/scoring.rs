//! A ready-to-send request for MLflow's scoring protocol (`POST
//! /invocations` of `mlflow models serve`), built from the version's input
//! example or, without one, from its signature with placeholder values of
//! the right types; written as `curl` and as Python `requests`.
//! MLflow's protocol: `mlflow/pyfunc/scoring_server/__init__.py`
//! (`dataframe_split`, `dataframe_records`, `inputs`, `params` since 2.0;
//! before 2.0 a bare split frame with `format=pandas-split`).

use super::{python_string, shell_word};
use crate::mlmodel::{MlModel, Schema, TensorSpec};
use serde_json::{Map, Value};

/// Where `mlflow models serve` listens unless told otherwise.
pub const SERVE_URL: &str = "http://127.0.0.1:5000/invocations";

/// What the request was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltFrom {
    /// The input example logged with the model, as it is.
    Example,
    /// The signature: one row (or tensor) of placeholder values.
    Signature,
}

/// A request body and the `Content-Type` it goes with.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoringRequest {
    pub content_type: &'static str,
    pub body: Value,
    pub from: BuiltFrom,
    /// Columns the signature requires that the example lacks, added with a
    /// placeholder (the server refuses a request without them).
    pub filled: Vec<String>,
}

/// True when the model was logged by MLflow 1.x, whose server reads a bare
/// pandas frame rather than `dataframe_split`.
fn before_2(model: &MlModel) -> bool {
    model
        .mlflow_version
        .as_deref()
        .and_then(|v| v.split('.').next()?.trim().parse::<u32>().ok())
        .is_some_and(|major| major < 2)
}

/// The request for `model`, from its parsed input `example` when there is
/// one, else from its signature; `None` with neither (or a signature
/// without inputs).
pub fn scoring_request(model: &MlModel, example: Option<&Value>) -> Option<ScoringRequest> {
    let old = before_2(model);
    let signature = model.signature().ok().flatten();
    let (mut body, content_type, from) = match example {
        Some(e) => {
            let (body, ct) = from_example(e, old);
            (body, ct, BuiltFrom::Example)
        }
        None => {
            let s = signature.as_ref().filter(|s| !s.inputs.is_empty())?;
            let (body, ct) = from_schema(&s.inputs, old);
            (body, ct, BuiltFrom::Signature)
        }
    };
    let filled = match (&signature, from) {
        (Some(s), BuiltFrom::Example) => fill_required(&mut body, &s.inputs),
        _ => Vec::new(),
    };
    // Inference params (MLflow 2.6+) with their defaults: where to change them.
    if let (Some(s), Value::Object(o)) = (&signature, &mut body) {
        if !old && !s.params.is_empty() && !o.contains_key("params") {
            let params: Map<String, Value> = s
                .params
                .iter()
                .map(|p| {
                    let v = serde_json::from_str(&p.default).unwrap_or(Value::Null);
                    (p.name.clone(), v)
                })
                .collect();
            o.insert("params".into(), Value::Object(params));
        }
    }
    Some(ScoringRequest {
        content_type,
        body,
        from,
        filled,
    })
}

/// Adds to a frame (split or records, bare or under `dataframe_split` /
/// `dataframe_records`) each column `inputs` requires that it lacks, with a
/// placeholder of its type; returns their names.
fn fill_required(body: &mut Value, inputs: &Schema) -> Vec<String> {
    let Schema::Columns(cols) = inputs else {
        return Vec::new();
    };
    let frame = match body {
        Value::Object(o) if o.contains_key("dataframe_split") => o.get_mut("dataframe_split"),
        Value::Object(o) if o.contains_key("dataframe_records") => o.get_mut("dataframe_records"),
        other => Some(other),
    };
    let Some(frame) = frame else {
        return Vec::new();
    };
    let mut filled = Vec::new();
    for c in cols.iter().filter(|c| c.required) {
        let Some(name) = &c.name else { continue };
        match frame {
            Value::Object(split) => {
                let has = split
                    .get("columns")
                    .and_then(Value::as_array)
                    .is_some_and(|names| names.iter().any(|n| n.as_str() == Some(name)));
                if has || !split.get("data").is_some_and(Value::is_array) {
                    continue;
                }
                if let Some(Value::Array(names)) = split.get_mut("columns") {
                    names.push(Value::from(name.as_str()));
                } else {
                    continue;
                }
                if let Some(Value::Array(rows)) = split.get_mut("data") {
                    for row in rows.iter_mut() {
                        if let Value::Array(cells) = row {
                            cells.push(placeholder(&c.ty));
                        }
                    }
                }
                filled.push(name.clone());
            }
            Value::Array(records) if records.iter().all(Value::is_object) => {
                let mut added = false;
                for r in records.iter_mut() {
                    if let Value::Object(r) = r {
                        if !r.contains_key(name) {
                            r.insert(name.clone(), placeholder(&c.ty));
                            added = true;
                        }
                    }
                }
                if added {
                    filled.push(name.clone());
                }
            }
            _ => {}
        }
    }
    filled
}

const JSON: &str = "application/json";
const PANDAS_SPLIT: &str = "application/json; format=pandas-split";
const PANDAS_RECORDS: &str = "application/json; format=pandas-records";

fn wrap(key: &str, v: Value) -> Value {
    let mut o = Map::new();
    o.insert(key.into(), v);
    Value::Object(o)
}

/// An example as MLflow wrote it: a serving body already, a split frame, a
/// list of records, a tensor (bare or under `inputs`/`instances`), or any
/// of these under `inputs` beside the `params` it was logged with
/// (`input_example=(frame, params)`).
fn from_example(e: &Value, old: bool) -> (Value, &'static str) {
    if let Value::Object(o) = e {
        if o.contains_key("dataframe_split") || o.contains_key("dataframe_records") {
            return (e.clone(), JSON);
        }
        if let Some(inner) = o.get("inputs").or_else(|| o.get("instances")) {
            // A frame logged with params sits under "inputs": it is sent as
            // a frame, the params beside it.
            let framed = inner.get("data").is_some()
                || inner
                    .as_array()
                    .is_some_and(|r| r.first().is_some_and(Value::is_object));
            if !framed {
                return (e.clone(), JSON);
            }
            let (mut body, ct) = from_example(inner, old);
            if let (Value::Object(b), Some(params)) = (&mut body, o.get("params")) {
                if !old {
                    b.insert("params".into(), params.clone());
                }
            }
            return (body, ct);
        }
        if o.contains_key("data") {
            return if old {
                (e.clone(), PANDAS_SPLIT)
            } else {
                (wrap("dataframe_split", e.clone()), JSON)
            };
        }
    }
    if let Value::Array(rows) = e {
        if rows.first().is_some_and(Value::is_object) {
            return if old {
                (e.clone(), PANDAS_RECORDS)
            } else {
                (wrap("dataframe_records", e.clone()), JSON)
            };
        }
    }
    (wrap("inputs", e.clone()), JSON)
}

/// `"NaN"` where pandas wrote a bare `NaN` (read as text by
/// `input_example::parse_example`) becomes `null`: a missing value, as the
/// model server reads it, not the word.
pub fn nan_as_null(v: &mut Value) {
    match v {
        Value::String(s) if s == "NaN" => *v = Value::Null,
        Value::Array(items) => items.iter_mut().for_each(nan_as_null),
        Value::Object(o) => o.values_mut().for_each(nan_as_null),
        _ => {}
    }
}

/// One row of placeholders for columns; one tensor of the signature's
/// shape (any size taken as 1) for tensors.
fn from_schema(inputs: &Schema, old: bool) -> (Value, &'static str) {
    match inputs {
        Schema::Columns(cols) => {
            let names: Vec<Value> = cols
                .iter()
                .enumerate()
                .map(|(i, c)| Value::from(c.name.clone().unwrap_or_else(|| i.to_string())))
                .collect();
            let row: Vec<Value> = cols.iter().map(|c| placeholder(&c.ty)).collect();
            let mut split = Map::new();
            split.insert("columns".into(), Value::Array(names));
            split.insert("data".into(), Value::Array(vec![Value::Array(row)]));
            if old {
                (Value::Object(split), PANDAS_SPLIT)
            } else {
                (wrap("dataframe_split", Value::Object(split)), JSON)
            }
        }
        Schema::Tensors(tensors) => {
            let named = tensors.len() > 1 || tensors.iter().any(|t| t.name.is_some());
            let body = if named && tensors.iter().all(|t| t.name.is_some()) {
                Value::Object(
                    tensors
                        .iter()
                        .map(|t| (t.name.clone().unwrap_or_default(), tensor(t)))
                        .collect(),
                )
            } else {
                tensors.first().map(tensor).unwrap_or(Value::Null)
            };
            (wrap("inputs", body), JSON)
        }
    }
}

fn tensor(t: &TensorSpec) -> Value {
    let scalar = match t.dtype.as_str() {
        d if d.starts_with("float") => Value::from(0.0),
        d if d.starts_with("int") || d.starts_with("uint") => Value::from(0),
        "bool" => Value::Bool(false),
        _ => Value::from(""),
    };
    t.shape.iter().rev().fold(scalar, |inner, dim| {
        let n = usize::try_from(*dim).ok().filter(|n| *n > 0).unwrap_or(1);
        Value::Array(vec![inner; n.min(64)])
    })
}

/// A value of a column type as `mlmodel::type_label` writes it.
pub fn placeholder(ty: &str) -> Value {
    let ty = ty.trim();
    if let Some(inner) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
        return Value::Array(vec![placeholder(inner)]);
    }
    if ty.starts_with("map<") || ty.starts_with("object{") {
        return Value::Object(Map::new());
    }
    match ty {
        "long" | "integer" => Value::from(0),
        "double" | "float" => Value::from(0.0),
        "boolean" => Value::Bool(false),
        "datetime" => Value::from("2024-01-01T00:00:00"),
        "any" => Value::Null,
        // string, binary (base64 text)
        _ => Value::from(""),
    }
}

/// JSON laid out for reading: objects a key per line, arrays of scalars
/// (a row) on one line.
pub fn layout_json(v: &Value) -> String {
    layout(v, 0, &|s| match s {
        Value::String(s) => Value::from(s.as_str()).to_string(),
        other => other.to_string(),
    })
}

/// The same layout as a Python literal (`None`, `True`, `False`).
pub fn layout_python(v: &Value) -> String {
    layout(v, 0, &|s| match s {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => python_string(s),
        other => other.to_string(),
    })
}

fn layout(v: &Value, depth: usize, scalar: &dyn Fn(&Value) -> String) -> String {
    let pad = "    ".repeat(depth + 1);
    let end = "    ".repeat(depth);
    match v {
        Value::Array(items) if items.iter().all(|i| !i.is_array() && !i.is_object()) => {
            let parts: Vec<String> = items.iter().map(scalar).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| format!("{pad}{}", layout(i, depth + 1, scalar)))
                .collect();
            format!("[\n{}\n{end}]", parts.join(",\n"))
        }
        Value::Object(o) if o.is_empty() => "{}".into(),
        Value::Object(o) => {
            let parts: Vec<String> = o
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{pad}{}: {}",
                        scalar(&Value::from(k.as_str())),
                        layout(v, depth + 1, scalar)
                    )
                })
                .collect();
            format!("{{\n{}\n{end}}}", parts.join(",\n"))
        }
        s => scalar(s),
    }
}

/// `curl` posting `r` to `url`.
pub fn curl_command(url: &str, r: &ScoringRequest) -> String {
    format!(
        "curl -X POST {} \\\n  -H {} \\\n  -d {}",
        shell_word(url),
        shell_word(&format!("Content-Type: {}", r.content_type)),
        shell_word(&layout_json(&r.body))
    )
}

/// Python `requests` posting `r` to `url` and printing the answer.
pub fn python_request(url: &str, r: &ScoringRequest) -> String {
    let headers = if r.content_type == JSON {
        String::new()
    } else {
        format!(
            "    headers={{\"Content-Type\": {}}},\n",
            python_string(r.content_type)
        )
    };
    format!(
        "import requests\n\nresponse = requests.post(\n    {},\n    json={},\n{headers})\nresponse.raise_for_status()\nprint(response.json())",
        python_string(url),
        indent_tail(&layout_python(&r.body), "    ")
    )
}

/// Every line after the first indented by `pad`.
fn indent_tail(text: &str, pad: &str) -> String {
    text.replace('\n', &format!("\n{pad}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input_example::parse_example;

    fn model(version: &str, inputs: &str, params: Option<&str>) -> MlModel {
        let params = params
            .map(|p| format!("\n  params: '{p}'"))
            .unwrap_or_default();
        MlModel::from_yaml(&format!(
            "flavors:\n  python_function: {{loader_module: mlflow.pyfunc.model}}\nmlflow_version: {version}\nsignature:\n  inputs: '{inputs}'{params}\n"
        ))
        .expect("test MLmodel")
    }

    const COLS: &str = r#"[{"type": "long", "name": "age"}, {"type": "string", "name": "plan"}, {"type": "double", "name": "monthly_charges"}, {"type": "array", "items": {"type": "string"}, "name": "tags", "required": false}, {"type": "boolean", "name": "it''s \"on\""}]"#;

    /// The columns of the examples below.
    const AGE_PLAN: &str = r#"[{"type": "long", "name": "age"}, {"type": "string", "name": "plan", "required": false}]"#;

    #[test]
    fn an_example_frame_goes_under_dataframe_split_with_the_params() {
        let m = model(
            "2.9.2",
            AGE_PLAN,
            Some(r#"[{"name": "temperature", "type": "double", "default": 0.5, "shape": null}]"#),
        );
        let e = parse_example(
            r#"{"columns": ["age", "plan"], "data": [[34, "basic"], [51, "premium"]]}"#,
        );
        let r = scoring_request(&m, e.as_ref()).expect("request");
        assert_eq!(r.from, BuiltFrom::Example);
        assert_eq!(r.content_type, "application/json");
        assert_eq!(
            r.body,
            serde_json::json!({
                "dataframe_split": {"columns": ["age", "plan"], "data": [[34, "basic"], [51, "premium"]]},
                "params": {"temperature": 0.5}
            })
        );
        assert_eq!(
            layout_json(&r.body),
            "{\n    \"dataframe_split\": {\n        \"columns\": [\"age\", \"plan\"],\n        \"data\": [\n            [34, \"basic\"],\n            [51, \"premium\"]\n        ]\n    },\n    \"params\": {\n        \"temperature\": 0.5\n    }\n}"
        );
    }

    #[test]
    fn without_an_example_the_signature_gives_placeholders_of_each_type() {
        let m = model("3.17.2", COLS, None);
        let r = scoring_request(&m, None).expect("request");
        assert_eq!(r.from, BuiltFrom::Signature);
        assert_eq!(
            r.body,
            serde_json::json!({"dataframe_split": {
                "columns": ["age", "plan", "monthly_charges", "tags", "it's \"on\""],
                "data": [[0, "", 0.0, [""], false]]
            }})
        );
        // 0.0 stays a double in the text: MLflow would read 0 as a long.
        let text = layout_json(&r.body);
        assert!(text.contains("            0.0,\n"), "{text}");
    }

    #[test]
    fn tensors_go_under_inputs_in_their_shape() {
        let t = r#"[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]"#;
        let m = model("2.9.2", t, None);
        let r = scoring_request(&m, None).expect("request");
        assert_eq!(
            r.body,
            serde_json::json!({"inputs": [[0.0, 0.0, 0.0, 0.0]]})
        );
        // MLflow 3 writes a tensor example bare; 1.x and 2.x under "inputs".
        let bare = parse_example("[[5.1, 3.5, 1.4, 0.2]]");
        let r = scoring_request(&m, bare.as_ref()).expect("request");
        assert_eq!(
            r.body,
            serde_json::json!({"inputs": [[5.1, 3.5, 1.4, 0.2]]})
        );
        let wrapped = parse_example(r#"{"inputs": [[5.1, 3.5, 1.4, 0.2]]}"#);
        let r = scoring_request(&m, wrapped.as_ref()).expect("request");
        assert_eq!(
            r.body,
            serde_json::json!({"inputs": [[5.1, 3.5, 1.4, 0.2]]})
        );
        let named = r#"[{"type": "tensor", "name": "x", "tensor-spec": {"dtype": "int64", "shape": [-1, 2]}}, {"type": "tensor", "name": "mask", "tensor-spec": {"dtype": "bool", "shape": [2]}}]"#;
        let r = scoring_request(&model("2.9.2", named, None), None).expect("request");
        assert_eq!(
            r.body,
            serde_json::json!({"inputs": {"x": [[0, 0]], "mask": [false, false]}})
        );
    }

    #[test]
    fn mlflow_1_models_get_the_bare_split_frame() {
        let m = model("1.30.1", AGE_PLAN, None);
        let e = parse_example(r#"{"columns": ["age"], "data": [[34]]}"#);
        let r = scoring_request(&m, e.as_ref()).expect("request");
        assert_eq!(r.content_type, "application/json; format=pandas-split");
        assert_eq!(
            r.body,
            serde_json::json!({"columns": ["age"], "data": [[34]]})
        );
        let records = parse_example(r#"[{"age": 34}]"#);
        let r = scoring_request(&m, records.as_ref()).expect("request");
        assert_eq!(r.content_type, "application/json; format=pandas-records");
        let r =
            scoring_request(&model("2.9.2", AGE_PLAN, None), records.as_ref()).expect("request");
        assert_eq!(
            r.body,
            serde_json::json!({"dataframe_records": [{"age": 34}]})
        );
    }

    #[test]
    fn a_required_column_the_example_lacks_is_filled_with_a_placeholder() {
        // MLflow 1.x has no optional columns: the seeded promo column is
        // required there, and its example leaves it out.
        let cols = r#"[{"type": "double", "name": "age"}, {"type": "string", "name": "promo code (€, ''beta'')"}, {"type": "long", "name": "n", "required": false}]"#;
        let e = parse_example(r#"{"columns": ["age"], "data": [[34.5], [51.0]]}"#);
        let r = scoring_request(&model("1.30.1", cols, None), e.as_ref()).expect("request");
        assert_eq!(r.filled, ["promo code (€, 'beta')"]);
        assert_eq!(
            r.body,
            serde_json::json!({"columns": ["age", "promo code (€, 'beta')"], "data": [[34.5, ""], [51.0, ""]]})
        );
        let r = scoring_request(&model("2.9.2", cols, None), e.as_ref()).expect("request");
        assert_eq!(
            r.body["dataframe_split"]["columns"],
            serde_json::json!(["age", "promo code (€, 'beta')"])
        );
        let records = parse_example(r#"[{"age": 1}, {"age": 2, "promo code (€, 'beta')": "x"}]"#);
        let r = scoring_request(&model("2.9.2", cols, None), records.as_ref()).expect("request");
        assert_eq!(
            r.body,
            serde_json::json!({"dataframe_records": [
                {"age": 1, "promo code (€, 'beta')": ""},
                {"age": 2, "promo code (€, 'beta')": "x"}
            ]})
        );
    }

    #[test]
    fn an_example_logged_with_params_sends_its_frame_and_its_params() {
        let m = model(
            "3.17.2",
            r#"[{"type": "string", "name": "q"}]"#,
            Some(r#"[{"name": "k", "type": "long", "default": 1, "shape": null}]"#),
        );
        let e = parse_example(
            r#"{"inputs": {"columns": ["q"], "data": [["hi"]]}, "params": {"k": 3}}"#,
        );
        let r = scoring_request(&m, e.as_ref()).expect("request");
        assert_eq!(
            r.body,
            serde_json::json!({"dataframe_split": {"columns": ["q"], "data": [["hi"]]}, "params": {"k": 3}})
        );
        // A tensor under "inputs" is a serving body as it is.
        let t = parse_example(r#"{"inputs": [[1.0, 2.0]]}"#);
        let r = scoring_request(&m, t.as_ref()).expect("request");
        assert_eq!(r.body["inputs"], serde_json::json!([[1.0, 2.0]]));
        // pandas' bare NaN is a missing value, not the word.
        let mut v =
            parse_example(r#"{"columns": ["s"], "data": [[NaN], ["x"]]}"#).expect("example");
        nan_as_null(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"columns": ["s"], "data": [[null], ["x"]]})
        );
    }

    #[test]
    fn nothing_to_build_from_is_no_request() {
        let m = MlModel::from_yaml("flavors:\n  python_function: {}\nmlflow_version: 2.9.2\n")
            .expect("yaml");
        assert_eq!(scoring_request(&m, None), None);
    }

    #[test]
    fn curl_and_python_carry_the_body_exactly() {
        let m = model("1.30.1", r#"[{"type": "string", "name": "plan"}]"#, None);
        let e = parse_example(r#"{"columns": ["plan"], "data": [["it's"], [null], [true]]}"#);
        let r = scoring_request(&m, e.as_ref()).expect("request");
        assert_eq!(
            curl_command(SERVE_URL, &r),
            "curl -X POST http://127.0.0.1:5000/invocations \\\n  -H 'Content-Type: application/json; format=pandas-split' \\\n  -d '{\n    \"columns\": [\"plan\"],\n    \"data\": [\n        [\"it'\\''s\"],\n        [null],\n        [true]\n    ]\n}'"
        );
        assert_eq!(
            python_request(SERVE_URL, &r),
            "import requests\n\nresponse = requests.post(\n    \"http://127.0.0.1:5000/invocations\",\n    json={\n        \"columns\": [\"plan\"],\n        \"data\": [\n            [\"it's\"],\n            [None],\n            [True]\n        ]\n    },\n    headers={\"Content-Type\": \"application/json; format=pandas-split\"},\n)\nresponse.raise_for_status()\nprint(response.json())"
        );
    }
}
