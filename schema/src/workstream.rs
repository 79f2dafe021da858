//! A work stream's context variables, as the Dataverse Web API returns them:
//!
//! ```text
//! GET <org>/api/data/v9.2/msdyn_ocliveworkstreamcontextvariables
//!     ?$select=msdyn_name,msdyn_displayname,msdyn_datatype,statecode
//!     &$filter=_msdyn_liveworkstreamid_value eq <work stream id>
//! ```

use crate::prelude::*;
use core::fmt;

use serde_json::Value as Json;

use crate::VariableKind;

/// A context variable's type in Dataverse (`msdyn_datatype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataType {
    /// 192350000: Text.
    Text,
    /// 192350001: Number.
    Number,
    /// 192350100: Entity Reference, which `lwicontexts` cannot fill.
    EntityReference,
    /// Another code.
    Other(i64),
}

impl DataType {
    /// The type with that `msdyn_datatype` code.
    pub fn from_code(code: i64) -> Self {
        match code {
            192_350_000 => Self::Text,
            192_350_001 => Self::Number,
            192_350_100 => Self::EntityReference,
            other => Self::Other(other),
        }
    }

    /// The kind of value `lwicontexts` sends for it; `None` for types it cannot fill.
    pub fn kind(self) -> Option<VariableKind> {
        match self {
            Self::Text => Some(VariableKind::Text),
            Self::Number => Some(VariableKind::Number),
            Self::EntityReference | Self::Other(_) => None,
        }
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text => f.write_str("Text"),
            Self::Number => f.write_str("Number"),
            Self::EntityReference => f.write_str("Entity Reference"),
            Self::Other(code) => write!(f, "type {code}"),
        }
    }
}

/// One context variable of a work stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkstreamVariable {
    /// `msdyn_name`: the exact, case-sensitive name `lwicontexts` uses.
    pub name: String,
    /// `msdyn_displayname`, if the export has it.
    pub display_name: Option<String>,
    /// `msdyn_datatype`.
    pub data_type: DataType,
    /// `statecode` 0; a variable with `statecode` 1 is inactive. Active when the export has no
    /// `statecode`.
    pub active: bool,
    /// `msdyn_isdisplayable`: whether agents see it; true when the export does not say.
    pub displayable: bool,
}

impl WorkstreamVariable {
    /// What documents the variable in generated code: its display name (its name when it has
    /// none), on one line, with no backticks that could open a code block.
    ///
    /// ```
    /// use lwicontext::workstream::Workstream;
    ///
    /// let export = r#"[{"msdyn_name": "a", "msdyn_datatype": 192350000,
    ///                   "msdyn_displayname": "Cart  `value`\n(cents)"}]"#;
    /// let workstream = Workstream::parse(export)?;
    /// assert_eq!(workstream.variables()[0].doc(), "Cart 'value' (cents)");
    /// # Ok::<(), lwicontext::workstream::SchemaError>(())
    /// ```
    pub fn doc(&self) -> String {
        self.display_name
            .as_deref()
            .unwrap_or(&self.name)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('`', "'")
    }

    /// Whether `lwicontexts` can fill it: active, and Text or Number.
    pub fn is_fillable(&self) -> bool {
        self.active && self.data_type.kind().is_some()
    }
}

/// Why an export could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    message: String,
}

impl SchemaError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl core::error::Error for SchemaError {}

/// A work stream's context variables, read from a Dataverse Web API export.
///
/// Accepts the Web API's answer as it is, `{"@odata.context": "...", "value": [...]}` with any
/// extra properties, or a plain JSON array of the same objects.
///
/// ```
/// use lwicontext::workstream::{DataType, Workstream};
///
/// let export = r#"{"@odata.context": "...", "value": [
///     {"msdyn_name": "msdyn_cartvalue", "msdyn_displayname": "Cart value",
///      "msdyn_datatype": 192350001, "statecode": 0, "msdyn_ocliveworkstreamcontextvariableid": "…"}
/// ]}"#;
/// let workstream = Workstream::parse(export)?;
/// let cart = workstream.get("msdyn_cartvalue").unwrap();
/// assert_eq!(cart.data_type, DataType::Number);
/// assert_eq!(cart.display_name.as_deref(), Some("Cart value"));
/// # Ok::<(), lwicontext::workstream::SchemaError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workstream {
    variables: Vec<WorkstreamVariable>,
}

impl Workstream {
    /// Reads an export.
    ///
    /// # Errors
    /// A [`SchemaError`] saying where: not JSON (with line and column), no `value` array, or
    /// a variable without a string `msdyn_name` or a numeric `msdyn_datatype`.
    pub fn parse(text: &str) -> Result<Self, SchemaError> {
        let json: Json = serde_json::from_str(text).map_err(|error| {
            SchemaError::new(format!(
                "not JSON: {error} (expected the Web API's answer or an array of variables)"
            ))
        })?;
        let items = match &json {
            Json::Array(items) => items,
            Json::Object(object) => match object.get("value") {
                Some(Json::Array(items)) => items,
                _ => {
                    return Err(SchemaError::new(
                        "no `value` array: expected the Web API's answer, {\"value\": [...]}, or an array of variables",
                    ));
                }
            },
            _ => return Err(SchemaError::new("expected a JSON object or array")),
        };
        let variables = items
            .iter()
            .enumerate()
            .map(|(index, item)| variable(index, item))
            .collect::<Result<Vec<_>, _>>()?;
        let names = variables.iter().map(|variable| variable.name.as_str());
        if let Some(name) = crate::rules::first_repeated(names.clone()) {
            let index = names.clone().enumerate().filter(|(_, n)| *n == name).nth(1);
            return Err(SchemaError::new(format!(
                "variable {}: `{name}` appears twice; export one work stream's variables",
                index.map_or(0, |(index, _)| index)
            )));
        }
        Ok(Self { variables })
    }

    /// Every variable, in the export's order.
    pub fn variables(&self) -> &[WorkstreamVariable] {
        &self.variables
    }

    /// The variable with that exact name.
    pub fn get(&self, name: &str) -> Option<&WorkstreamVariable> {
        self.variables.iter().find(|variable| variable.name == name)
    }

    /// The variables `lwicontexts` can fill: active, Text or Number.
    pub fn fillable(&self) -> impl Iterator<Item = &WorkstreamVariable> {
        self.variables
            .iter()
            .filter(|variable| variable.is_fillable())
    }
}

fn variable(index: usize, item: &Json) -> Result<WorkstreamVariable, SchemaError> {
    let at = |what: &str| SchemaError::new(format!("variable {index}: {what}"));
    let name = item
        .get("msdyn_name")
        .and_then(Json::as_str)
        .ok_or_else(|| at("no string `msdyn_name`"))?;
    let code = item
        .get("msdyn_datatype")
        .and_then(Json::as_i64)
        .ok_or_else(|| at(&format!("`{name}` has no numeric `msdyn_datatype`")))?;
    let active = match item.get("statecode") {
        None | Some(Json::Null) => true,
        Some(state) => match state.as_i64() {
            Some(0) => true,
            Some(_) => false,
            None => {
                return Err(at(&format!(
                    "`{name}` has a `statecode` that is not a number"
                )));
            }
        },
    };
    Ok(WorkstreamVariable {
        name: name.to_owned(),
        display_name: item
            .get("msdyn_displayname")
            .and_then(Json::as_str)
            .map(str::to_owned),
        data_type: DataType::from_code(code),
        active,
        displayable: item
            .get("msdyn_isdisplayable")
            .and_then(Json::as_bool)
            .unwrap_or(true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::prelude::rust_2024::*;

    #[test]
    fn reads_both_forms_and_every_type() {
        let items = r#"[
            {"msdyn_name": "a", "msdyn_datatype": 192350000},
            {"msdyn_name": "b", "msdyn_datatype": 192350001, "statecode": 1},
            {"msdyn_name": "c", "msdyn_datatype": 192350100, "statecode": 0},
            {"msdyn_name": "d", "msdyn_datatype": 7, "statecode": null}
        ]"#;
        let plain = Workstream::parse(items).unwrap();
        let wrapped =
            Workstream::parse(&format!(r#"{{"@odata.context": "x", "value": {items}}}"#)).unwrap();
        assert_eq!(plain, wrapped);
        let types: Vec<DataType> = plain.variables().iter().map(|v| v.data_type).collect();
        assert_eq!(
            types,
            [
                DataType::Text,
                DataType::Number,
                DataType::EntityReference,
                DataType::Other(7)
            ]
        );
        assert!(!plain.get("b").unwrap().active);
        let fillable: Vec<&str> = plain.fillable().map(|v| v.name.as_str()).collect();
        assert_eq!(fillable, ["a"]);
    }

    #[test]
    fn says_what_is_wrong() {
        for (text, expected) in [
            ("{", "not JSON"),
            ("{}", "no `value` array"),
            ("3", "expected a JSON object or array"),
            (
                r#"[{"msdyn_datatype": 1}]"#,
                "variable 0: no string `msdyn_name`",
            ),
            (
                r#"[{"msdyn_name": "x"}]"#,
                "`x` has no numeric `msdyn_datatype`",
            ),
            (
                r#"[{"msdyn_name": "x", "msdyn_datatype": 1, "statecode": "on"}]"#,
                "statecode",
            ),
            (
                r#"[{"msdyn_name": "x", "msdyn_datatype": 1}, {"msdyn_name": "x", "msdyn_datatype": 1}]"#,
                "variable 1: `x` appears twice",
            ),
        ] {
            let error = Workstream::parse(text).unwrap_err().to_string();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }
}
