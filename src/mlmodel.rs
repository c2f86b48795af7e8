//! What a model takes and needs, from its `MLmodel` file (YAML) or from the
//! run tag `mlflow.log-model.history` (a JSON list of the same documents):
//! flavors, signature, the MLflow version that logged it, its size and its
//! input example's file. Plain Rust, natively tested.
//!
//! Shapes follow MLflow's `mlflow/models/model.py` (`Model.to_dict`) and
//! `mlflow/types/schema.py` (`ColSpec`, `TensorSpec`, `ParamSpec`): the
//! signature's `inputs`, `outputs` and `params` are JSON *strings* inside the
//! document.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use yaml_rust2::{Yaml, YamlLoader};

/// One `MLmodel` document (or one entry of `mlflow.log-model.history`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct MlModel {
    /// The model's folder in its run (`model`); empty for MLflow 3 logged models.
    pub artifact_path: Option<String>,
    /// Flavor name (`python_function`, `sklearn`, ...) to its settings.
    pub flavors: BTreeMap<String, Value>,
    pub signature: Option<RawSignature>,
    /// The MLflow release that logged the model (`2.9.2`); absent before 1.25.
    pub mlflow_version: Option<String>,
    /// Bytes of the model's folder; written since MLflow 2.x.
    pub model_size_bytes: Option<u64>,
    pub saved_input_example_info: Option<InputExampleInfo>,
    pub run_id: Option<String>,
    pub utc_time_created: Option<String>,
}

/// The signature as written: each part a JSON string (or absent/null).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct RawSignature {
    pub inputs: Option<String>,
    pub outputs: Option<String>,
    pub params: Option<String>,
}

/// `saved_input_example_info`: where the example is and how it was written.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct InputExampleInfo {
    /// File name beside `MLmodel` (`input_example.json`).
    pub artifact_path: String,
    /// `dataframe`, `ndarray`, `json_object`, `sparse_matrix_csc`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// `split` or `records` for data frames.
    pub pandas_orient: Option<String>,
}

/// Why a model description could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl MlModel {
    /// Reads an `MLmodel` file.
    ///
    /// # Errors
    /// The YAML parser's message when the text is not an `MLmodel` document.
    pub fn from_yaml(text: &str) -> Result<Self, ParseError> {
        from_yaml(text, "MLmodel")
    }

    /// Reads the run tag `mlflow.log-model.history`: one entry per model the
    /// run logged. MLflow cuts tag values at 5,000 characters (the run keeps
    /// the cut text), which leaves JSON that does not parse: an error, not a
    /// panic.
    ///
    /// # Errors
    /// "cut short" for a truncated value, else the JSON parser's message.
    pub fn from_history(tag: &str) -> Result<Vec<Self>, ParseError> {
        serde_json::from_str(tag).map_err(|e| {
            ParseError(if e.is_eof() {
                format!(
                    "the run tag mlflow.log-model.history is cut short ({} characters; MLflow keeps at most 5,000 of a tag)",
                    tag.chars().count()
                )
            } else {
                format!("the run tag mlflow.log-model.history is not valid JSON: {e}")
            })
        })
    }

    /// The signature, parsed; `None` when the model was logged without one.
    ///
    /// # Errors
    /// A part that is not the JSON MLflow writes.
    pub fn signature(&self) -> Result<Option<Signature>, ParseError> {
        let Some(raw) = &self.signature else {
            return Ok(None);
        };
        if raw.inputs.is_none() && raw.outputs.is_none() {
            return Ok(None);
        }
        Ok(Some(Signature {
            inputs: Schema::parse(raw.inputs.as_deref(), "inputs")?,
            outputs: Schema::parse(raw.outputs.as_deref(), "outputs")?,
            params: match raw.params.as_deref() {
                None | Some("null") | Some("") => Vec::new(),
                Some(text) => parse_params(text)?,
            },
        }))
    }

    /// The flavors, `python_function` first.
    pub fn flavors(&self) -> Vec<Flavor> {
        let mut out: Vec<Flavor> = self
            .flavors
            .iter()
            .map(|(name, settings)| Flavor::of(name, settings))
            .collect();
        out.sort_by_key(|f| f.name != PYFUNC);
        out
    }

    /// Whether `mlflow models serve` can serve it (it loads `python_function`).
    pub fn servable(&self) -> bool {
        self.flavors.contains_key(PYFUNC)
    }

    /// The Python version the `python_function` flavor records.
    pub fn python_version(&self) -> Option<String> {
        self.flavors
            .get(PYFUNC)?
            .get("python_version")
            .and_then(scalar)
    }

    /// The environment files the `python_function` flavor names
    /// (`env.virtualenv`, `env.conda`; before MLflow 1.26 `env` was the conda
    /// file's name).
    pub fn env_files(&self) -> EnvFiles {
        let env = self.flavors.get(PYFUNC).and_then(|f| f.get("env"));
        match env {
            Some(Value::String(conda)) => EnvFiles {
                conda: Some(conda.clone()),
                virtualenv: None,
            },
            Some(env) => EnvFiles {
                conda: env.get("conda").and_then(scalar),
                virtualenv: env.get("virtualenv").and_then(scalar),
            },
            None => EnvFiles::default(),
        }
    }
}

/// The flavor `mlflow models serve` needs.
pub const PYFUNC: &str = "python_function";

/// `python_env.yaml` and `conda.yaml`, as the model names them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvFiles {
    pub conda: Option<String>,
    pub virtualenv: Option<String>,
}

/// One loader of the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flavor {
    pub name: String,
    /// The framework's version (`sklearn_version: 1.5.2`), where written.
    pub version: Option<String>,
    /// `python_function`'s `loader_module`.
    pub loader_module: Option<String>,
}

impl Flavor {
    fn of(name: &str, settings: &Value) -> Self {
        let field = |key: &str| settings.get(key).and_then(scalar);
        // `<framework>_version`, except the pickler's and Python's.
        let version = settings.as_object().and_then(|o| {
            o.iter()
                .filter(|(k, _)| {
                    k.ends_with("_version") && *k != "python_version" && *k != "cloudpickle_version"
                })
                .find_map(|(_, v)| scalar(v))
        });
        Self {
            name: name.to_string(),
            version,
            loader_module: field("loader_module"),
        }
    }
}

/// A YAML/JSON scalar as text (`3.11` stays `3.11`).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads the first YAML document of `text` (the file `file`) into `T`,
/// through JSON's data model: non-string keys become their text, and floats
/// stay text (`3.10` is a version, not 3.1).
///
/// # Errors
/// Where the YAML does not parse, or why it is not a `T`.
pub fn from_yaml<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, ParseError> {
    let docs = YamlLoader::load_from_str(text)
        .map_err(|e| ParseError(format!("The {file} file is not valid YAML: {e}")))?;
    let doc = docs.into_iter().next().unwrap_or(Yaml::Null);
    if !matches!(doc, Yaml::Hash(_)) {
        return Err(ParseError(format!(
            "The {file} file is empty or is not a YAML mapping of keys"
        )));
    }
    serde_json::from_value(yaml_to_json(doc))
        .map_err(|e| ParseError(format!("The {file} file is not what MLflow writes: {e}")))
}

fn yaml_to_json(y: Yaml) -> Value {
    match y {
        Yaml::Real(s) | Yaml::String(s) => Value::String(s),
        Yaml::Integer(i) => Value::from(i),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Yaml::Hash(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let key = match yaml_to_json(k) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

/// A parsed signature.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signature {
    pub inputs: Schema,
    pub outputs: Schema,
    pub params: Vec<ParamSpec>,
}

/// Inputs or outputs: named columns, or tensors.
#[derive(Clone, Debug, PartialEq)]
pub enum Schema {
    Columns(Vec<ColumnSpec>),
    Tensors(Vec<TensorSpec>),
}

impl Default for Schema {
    fn default() -> Self {
        Self::Columns(Vec::new())
    }
}

/// One column: its name (unnamed columns are numbered by position), its type
/// as MLflow names it (`long`, `array<string>`), whether callers must send it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    pub name: Option<String>,
    pub ty: String,
    pub required: bool,
}

/// One tensor: numpy dtype and shape (`-1` is any size).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TensorSpec {
    pub name: Option<String>,
    pub dtype: String,
    pub shape: Vec<i64>,
}

impl TensorSpec {
    /// `(-1, 4)`, numpy's notation; `-1` is any size.
    pub fn shape_label(&self) -> String {
        shape_label(&self.shape)
    }
}

/// A shape in numpy's notation: `(-1, 4)`, `(-1,)`; `-1` is any size.
pub fn shape_label(shape: &[i64]) -> String {
    let dims: Vec<String> = shape.iter().map(i64::to_string).collect();
    if dims.len() == 1 {
        format!("({},)", dims[0])
    } else {
        format!("({})", dims.join(", "))
    }
}

/// One inference parameter (signatures since MLflow 2.6).
#[derive(Clone, Debug, PartialEq)]
pub struct ParamSpec {
    pub name: String,
    pub ty: String,
    /// The default as JSON text (`0.5`, `"greedy"`).
    pub default: String,
    pub shape: Option<Vec<i64>>,
}

impl Schema {
    fn parse(text: Option<&str>, part: &str) -> Result<Self, ParseError> {
        let Some(text) = text.filter(|t| !t.is_empty() && *t != "null") else {
            return Ok(Self::default());
        };
        let bad =
            |why: String| ParseError(format!("the signature's {part} are not readable: {why}"));
        let specs: Vec<Value> = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        if specs
            .iter()
            .any(|s| s.get("type").and_then(Value::as_str) == Some("tensor"))
        {
            let tensors = specs
                .iter()
                .map(|s| {
                    let spec = s.get("tensor-spec").unwrap_or(&Value::Null);
                    TensorSpec {
                        name: s.get("name").and_then(scalar),
                        dtype: spec.get("dtype").and_then(scalar).unwrap_or_default(),
                        shape: spec
                            .get("shape")
                            .and_then(Value::as_array)
                            .map(|d| d.iter().filter_map(Value::as_i64).collect())
                            .unwrap_or_default(),
                    }
                })
                .collect();
            return Ok(Self::Tensors(tensors));
        }
        Ok(Self::Columns(
            specs
                .iter()
                .map(|s| ColumnSpec {
                    name: s.get("name").and_then(scalar),
                    ty: type_label(s),
                    required: required(s),
                })
                .collect(),
        ))
    }

    /// No column and no tensor.
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Columns(c) => c.is_empty(),
            Self::Tensors(t) => t.is_empty(),
        }
    }
}

/// `required` since MLflow 2.10, `optional` in 2.5-2.9; required before.
fn required(spec: &Value) -> bool {
    match (spec.get("required"), spec.get("optional")) {
        (Some(Value::Bool(r)), _) => *r,
        (_, Some(Value::Bool(o))) => !*o,
        _ => true,
    }
}

/// A column type as a reader writes it: `long`, `array<string>`,
/// `map<double>`, `object{a: long, b?: string}`, `any`.
pub fn type_label(spec: &Value) -> String {
    let ty = spec.get("type").and_then(Value::as_str).unwrap_or("");
    match ty {
        "array" => format!(
            "array<{}>",
            spec.get("items").map(type_label).unwrap_or_default()
        ),
        "map" => format!(
            "map<{}>",
            spec.get("values").map(type_label).unwrap_or_default()
        ),
        "object" => {
            let fields: Vec<String> = spec
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| {
                    p.iter()
                        .map(|(k, v)| {
                            let opt = if required(v) { "" } else { "?" };
                            format!("{k}{opt}: {}", type_label(v))
                        })
                        .collect()
                })
                .unwrap_or_default();
            format!("object{{{}}}", fields.join(", "))
        }
        "" => "unknown".to_string(),
        other => other.to_string(),
    }
}

fn parse_params(text: &str) -> Result<Vec<ParamSpec>, ParseError> {
    let specs: Vec<Value> = serde_json::from_str(text)
        .map_err(|e| ParseError(format!("the signature's params are not readable: {e}")))?;
    Ok(specs
        .iter()
        .map(|s| ParamSpec {
            name: s.get("name").and_then(scalar).unwrap_or_default(),
            ty: type_label(s),
            default: s.get("default").map(Value::to_string).unwrap_or_default(),
            shape: s
                .get("shape")
                .and_then(Value::as_array)
                .map(|d| d.iter().filter_map(Value::as_i64).collect()),
        })
        .collect())
}

/// The signature as the compare page's rows: `input age` -> `long`,
/// `input plan` -> `string (optional)`, `output 0` -> `double`, `param
/// temperature` -> `double, default 0.5`; tensors as `float32 (-1, 4)`.
/// A column added, removed or retyped is then a row that differs.
pub fn signature_pairs(signature: &Signature) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (part, schema) in [("input", &signature.inputs), ("output", &signature.outputs)] {
        match schema {
            Schema::Columns(cols) => {
                for (i, c) in cols.iter().enumerate() {
                    let name = c.name.clone().unwrap_or_else(|| i.to_string());
                    let optional = if c.required { "" } else { " (optional)" };
                    out.push((format!("{part} {name}"), format!("{}{optional}", c.ty)));
                }
            }
            Schema::Tensors(tensors) => {
                for (i, t) in tensors.iter().enumerate() {
                    let name = t.name.clone().unwrap_or_else(|| i.to_string());
                    out.push((
                        format!("{part} {name}"),
                        format!("tensor {} {}", t.dtype, t.shape_label()),
                    ));
                }
            }
        }
    }
    for p in &signature.params {
        out.push((
            format!("param {}", p.name),
            format!("{}, default {}", p.ty, p.default),
        ));
    }
    out
}

/// The entry of `mlflow.log-model.history` for the model at `artifact_path`
/// in its run; the only entry when the path is not known. Of several entries
/// for one path (a model logged twice), the last.
pub fn history_entry(entries: Vec<MlModel>, artifact_path: Option<&str>) -> Option<MlModel> {
    match artifact_path {
        Some(path) => entries.into_iter().rev().find(|e| {
            e.artifact_path.as_deref().map(|p| p.trim_matches('/')) == Some(path.trim_matches('/'))
        }),
        None if entries.len() == 1 => entries.into_iter().next(),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MLMODEL: &str = "artifact_path: model
flavors:
  python_function:
    cloudpickle_version: 3.0.0
    code: null
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.pyfunc.model
    python_model: python_model.pkl
    python_version: 3.11.7
  sklearn:
    pickled_model: model.pkl
    sklearn_version: 1.5.2
mlflow_version: 2.9.2
model_size_bytes: 2048
model_uuid: 0f9e
run_id: 4d2c
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  type: dataframe
signature:
  inputs: '[{\"type\": \"long\", \"name\": \"age\", \"required\": true}, {\"type\": \"string\",
    \"name\": \"plan\", \"required\": false}]'
  outputs: '[{\"type\": \"double\", \"required\": true}]'
  params: '[{\"name\": \"temperature\", \"type\": \"double\", \"default\": 0.5, \"shape\": null}]'
utc_time_created: '2026-11-30 10:00:00.000000'
";

    #[test]
    fn an_mlmodel_file_gives_flavors_signature_and_environment() {
        let m = MlModel::from_yaml(MLMODEL).unwrap();
        assert_eq!(m.mlflow_version.as_deref(), Some("2.9.2"));
        assert_eq!(m.model_size_bytes, Some(2048));
        assert_eq!(m.python_version().as_deref(), Some("3.11.7"));
        assert!(m.servable());
        let flavors = m.flavors();
        assert_eq!(flavors[0].name, "python_function");
        assert_eq!(
            flavors[0].loader_module.as_deref(),
            Some("mlflow.pyfunc.model")
        );
        assert_eq!(
            flavors[0].version, None,
            "the pickler's version is not the framework's"
        );
        assert_eq!(flavors[1].version.as_deref(), Some("1.5.2"));
        assert_eq!(
            m.env_files(),
            EnvFiles {
                conda: Some("conda.yaml".into()),
                virtualenv: Some("python_env.yaml".into())
            }
        );
        let info = m.saved_input_example_info.clone().unwrap();
        assert_eq!(
            (info.artifact_path.as_str(), info.kind.as_str()),
            ("input_example.json", "dataframe")
        );
        // The folded JSON string is one value again.
        let s = m.signature().unwrap().unwrap();
        assert_eq!(
            s.inputs,
            Schema::Columns(vec![
                ColumnSpec {
                    name: Some("age".into()),
                    ty: "long".into(),
                    required: true
                },
                ColumnSpec {
                    name: Some("plan".into()),
                    ty: "string".into(),
                    required: false
                },
            ])
        );
        assert_eq!(s.params[0].default, "0.5");
        assert_eq!(
            signature_pairs(&s),
            vec![
                ("input age".to_string(), "long".to_string()),
                ("input plan".to_string(), "string (optional)".to_string()),
                ("output 0".to_string(), "double".to_string()),
                (
                    "param temperature".to_string(),
                    "double, default 0.5".to_string()
                ),
            ]
        );
    }

    #[test]
    fn tensors_nested_types_and_old_optional_flags() {
        let raw = RawSignature {
            inputs: Some(r#"[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]"#.into()),
            outputs: Some(r#"[{"type": "array", "items": {"type": "string"}, "name": "tags", "optional": true},
                {"type": "object", "name": "o", "properties": {"a": {"type": "long", "required": false}}},
                {"type": "map", "values": {"type": "double"}, "name": "m"}]"#.into()),
            params: None,
        };
        let m = MlModel {
            signature: Some(raw),
            ..Default::default()
        };
        let s = m.signature().unwrap().unwrap();
        let Schema::Tensors(t) = &s.inputs else {
            panic!("tensors")
        };
        assert_eq!(
            (t[0].dtype.as_str(), t[0].shape_label()),
            ("float32", "(-1, 4)".to_string())
        );
        let Schema::Columns(c) = &s.outputs else {
            panic!("columns")
        };
        assert_eq!(c[0].ty, "array<string>");
        assert!(!c[0].required, "2.5-2.9 wrote `optional`");
        assert_eq!(c[1].ty, "object{a?: long}");
        assert_eq!(c[2].ty, "map<double>");
        assert_eq!(
            signature_pairs(&s)[0],
            ("input 0".into(), "tensor float32 (-1, 4)".into())
        );
    }

    #[test]
    fn no_signature_and_broken_documents_are_told_not_panicked_on() {
        let m = MlModel::from_yaml("flavors:\n  sklearn: {}\n").unwrap();
        assert_eq!(m.signature().unwrap(), None);
        assert!(
            !m.servable(),
            "no python_function: `mlflow models serve` cannot load it"
        );
        assert!(MlModel::from_yaml("flavors: [unclosed").is_err());
        assert!(MlModel::from_yaml("- a list\n- not a model\n").is_err());
        let bad = MlModel {
            signature: Some(RawSignature {
                inputs: Some("[{".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert!(bad.signature().unwrap_err().0.contains("inputs"));
    }

    #[test]
    fn the_history_tag_is_read_and_a_cut_one_is_an_error() {
        let tag = r#"[{"run_id": "r", "artifact_path": "model", "utc_time_created": "x",
            "flavors": {"python_function": {"python_version": "3.8.10", "loader_module": "mlflow.pyfunc.model"}},
            "signature": {"inputs": "[{\"name\": \"x\", \"type\": \"double\"}]", "outputs": null},
            "mlflow_version": "1.30.1"},
            {"artifact_path": "other", "flavors": {}}]"#;
        let entries = MlModel::from_history(tag).unwrap();
        let entry = history_entry(entries.clone(), Some("model/")).unwrap();
        assert_eq!(entry.python_version().as_deref(), Some("3.8.10"));
        let s = entry.signature().unwrap().unwrap();
        assert_eq!(
            s.inputs,
            Schema::Columns(vec![ColumnSpec {
                name: Some("x".into()),
                ty: "double".into(),
                required: true
            }])
        );
        assert_eq!(s.outputs, Schema::default());
        assert_eq!(
            history_entry(entries, None),
            None,
            "two models, no path: no guess"
        );
        let cut = &tag[..200];
        assert!(MlModel::from_history(cut)
            .unwrap_err()
            .0
            .contains("cut short"));
    }
}
