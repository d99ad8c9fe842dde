//! The frontmatter JSON Schema: embedded in the binary, or a repository's own extended one.

use std::path::Path;

use boon::{Compiler, Draft, ErrorKind, InstanceToken, SchemaIndex, Schemas, ValidationError};
use serde_json::Value;

use crate::error::Error;

/// `schema/postmortem.schema.json`, the one definition of the frontmatter.
pub const EMBEDDED: &str = include_str!("../schema/postmortem.schema.json");
const EMBEDDED_URL: &str = "https://pmctl.dev/schema/postmortem.schema.json";

/// A compiled schema, ready to validate frontmatter mappings from any thread.
pub struct FrontmatterSchema {
    schemas: Schemas,
    index: SchemaIndex,
}

/// One way a frontmatter mapping breaks the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaViolation {
    /// The top-level key concerned, or `None` for the mapping itself (a missing key).
    pub key: Option<String>,
    /// The list index under `key`, when the problem is one item of a list.
    pub item: Option<usize>,
    pub message: String,
    /// Keys the mapping lacks, for `required` violations.
    pub missing: Vec<String>,
}

impl FrontmatterSchema {
    /// The embedded schema, with `severity` allowing exactly the configured severities.
    pub fn embedded(severities: &[String]) -> Result<Self, Error> {
        let mut value: Value = serde_json::from_str(EMBEDDED)
            .map_err(|e| Error::Other(format!("embedded schema is not valid JSON: {e}")))?;
        if let Some(severity) = value.pointer_mut("/properties/severity") {
            severity["enum"] = Value::Array(severities.iter().cloned().map(Value::String).collect());
        }
        Self::compile(EMBEDDED_URL, value)
    }

    /// A repository's own schema file (config `schema = "…"`).
    pub fn from_file(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| Error::Config {
            path: path.display().to_string(),
            message: format!("schema is not valid JSON: {e}"),
        })?;
        let url = format!("file:///{}", path.display().to_string().trim_start_matches('/'));
        Self::compile(&url, value)
            .map_err(|e| Error::Config { path: path.display().to_string(), message: e.to_string() })
    }

    fn compile(url: &str, value: Value) -> Result<Self, Error> {
        let mut compiler = Compiler::new();
        compiler.set_default_draft(Draft::V7);
        compiler.add_resource(url, value).map_err(|e| Error::Other(format!("schema {url}: {e}")))?;
        let mut schemas = Schemas::new();
        let index = compiler
            .compile(url, &mut schemas)
            .map_err(|e| Error::Other(format!("schema {url} does not compile: {e:#}")))?;
        Ok(FrontmatterSchema { schemas, index })
    }

    pub fn validate(&self, frontmatter: &Value) -> Vec<SchemaViolation> {
        match self.schemas.validate(frontmatter, self.index) {
            Ok(()) => Vec::new(),
            Err(error) => {
                let mut out = Vec::new();
                collect_leaves(&error, frontmatter, &mut out);
                out.dedup();
                out
            }
        }
    }
}

fn collect_leaves(error: &ValidationError<'_, '_>, root: &Value, out: &mut Vec<SchemaViolation>) {
    if !error.causes.is_empty() {
        for cause in &error.causes {
            collect_leaves(cause, root, out);
        }
        return;
    }
    let tokens = &error.instance_location.tokens;
    let key = match tokens.first() {
        Some(InstanceToken::Prop(name)) => Some(name.to_string()),
        _ => None,
    };
    let item = match tokens.get(1) {
        Some(InstanceToken::Item(i)) => Some(*i),
        _ => None,
    };
    let (message, missing) = match &error.kind {
        ErrorKind::Required { want } => {
            let names: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            let list = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            let noun = if names.len() == 1 { "key" } else { "keys" };
            (format!("frontmatter is missing the required {noun} {list}"), names)
        }
        ErrorKind::Enum { want } => {
            let allowed = want.iter().map(short_json).collect::<Vec<_>>().join(", ");
            let got = root
                .pointer(&error.instance_location.to_string())
                .map_or_else(|| "the value".to_string(), |v| format!("`{}`", short_json(v)));
            (format!("{got} is not one of {allowed}"), Vec::new())
        }
        ErrorKind::Type { got, want } => {
            let want = want.iter().map(|t| format!("{t}")).collect::<Vec<_>>().join(" or ");
            (format!("expected {want}, found {got}"), Vec::new())
        }
        ErrorKind::Pattern { got, .. } => (format!("\"{got}\" is not in the expected format"), Vec::new()),
        other => (other.to_string(), Vec::new()),
    };
    let message = match (&key, item) {
        (Some(key), Some(i)) => format!("`{key}` item {}: {message}", i + 1),
        (Some(key), None) => format!("`{key}`: {message}"),
        (None, _) => message,
    };
    out.push(SchemaViolation { key, item, message, missing });
}

fn short_json(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
