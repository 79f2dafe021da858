//! Rust source for a context struct, written from a work stream export: what
//! `lwicontext codegen` prints.

use std::collections::HashSet;
use std::fmt::{self, Write as _};

use lwicontext::context::{Encoding, VariableKind};
use lwicontext::rules::Violation;
use lwicontext::rules::{check_count, check_name};
use lwicontext::workstream::Workstream;

/// How [`rust_struct`] writes the struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RustStructOptions {
    /// The struct's name.
    pub(crate) name: String,
    /// The export's path as the `workstream` attribute gives it: relative to the `Cargo.toml`
    /// of the crate the file goes into.
    pub(crate) workstream_path: String,
    /// The encoding attribute; `string` (the default) writes none.
    pub(crate) encoding: Encoding,
    /// `f64` instead of `i64` for Number variables.
    pub(crate) float_numbers: bool,
    /// Variables whose field is not an `Option`.
    pub(crate) required: Vec<String>,
}

#[cfg(test)]
impl RustStructOptions {
    /// `ChatContext`, string encoding, `i64` numbers, every field optional.
    pub(crate) fn new(workstream_path: impl Into<String>) -> Self {
        Self {
            name: "ChatContext".to_owned(),
            workstream_path: workstream_path.into(),
            encoding: Encoding::String,
            float_numbers: false,
            required: Vec::new(),
        }
    }
}

/// Why no struct could be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CodegenError {
    /// The struct name is not a Rust type name the module can use.
    NotATypeName(String),
    /// A required variable that the export does not have as an active Text or Number variable.
    UnknownRequired(String),
    /// An export Omnichannel would refuse: a name over the limits, or too many variables.
    Export {
        /// The variable at fault; `None` for the count.
        variable: Option<String>,
        /// The rule it breaks.
        violation: Violation,
    },
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotATypeName(name) => write!(
                f,
                "`{name}` is not a Rust type name the generated module can use (not a keyword, and not a name its fields use)"
            ),
            Self::Export {
                variable: Some(variable),
                violation,
            } => write!(f, "the export's {}", violation.at(variable)),
            Self::Export {
                variable: None,
                violation,
            } => write!(
                f,
                "the export's active Text and Number variables: {violation}"
            ),
            Self::UnknownRequired(name) => write!(
                f,
                "--required {name}: not an active Text or Number variable of the export"
            ),
        }
    }
}

impl std::error::Error for CodegenError {}

/// A module's source: a `#[derive(LwiContext)]` struct with one field per active Text or
/// Number variable of the export, checked against it at compile time (`exhaustive`, so that a
/// variable added to the work stream asks for the file to be written anew).
///
/// # Errors
/// A [`CodegenError`]: a struct name that is not an identifier, or a required variable the
/// export lacks.
pub(crate) fn rust_struct(
    workstream: &Workstream,
    options: &RustStructOptions,
) -> Result<String, CodegenError> {
    if !is_type_name(&options.name) {
        return Err(CodegenError::NotATypeName(options.name.clone()));
    }
    for variable in workstream.fillable() {
        check_name(&variable.name).map_err(|violation| CodegenError::Export {
            variable: Some(variable.name.clone()),
            violation,
        })?;
    }
    check_count(workstream.fillable().count()).map_err(|violation| CodegenError::Export {
        variable: None,
        violation,
    })?;
    if let Some(unknown) = options.required.iter().find(|name| {
        !workstream
            .fillable()
            .any(|variable| &variable.name == *name)
    }) {
        return Err(CodegenError::UnknownRequired(unknown.clone()));
    }

    let path = &options.workstream_path;
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = writeln!(
        out,
        "//! The context variables of the work stream exported to `{path}`."
    );
    let _ = writeln!(out, "//!");
    let _ = writeln!(
        out,
        "//! Written by `lwicontext codegen`; `#[derive(LwiContext)]` checks the struct against the"
    );
    let _ = writeln!(out, "//! export at compile time.");
    out.push_str("\nuse lwicontext::LwiContext;\n\n");
    let _ = writeln!(
        out,
        "/// The context variables of the work stream exported to `{path}`."
    );
    out.push_str("#[derive(LwiContext, Clone, Debug, Default, PartialEq)]\n");
    let mut items = vec![format!("workstream = {path:?}"), "exhaustive".to_owned()];
    if options.encoding != Encoding::String {
        items.push(format!("encoding = \"{}\"", options.encoding));
    }
    out.push_str(&lwi_attribute("", &items));
    let _ = writeln!(out, "pub struct {} {{", options.name);

    let mut taken = HashSet::new();
    for (i, variable) in workstream.fillable().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let doc = variable.doc();
        let _ = writeln!(out, "    ///{}{doc}", if doc.is_empty() { "" } else { " " });
        let mut items = vec![format!("rename = {:?}", variable.name)];
        if !variable.displayable {
            items.push("displayable = false".to_owned());
        }
        out.push_str(&lwi_attribute("    ", &items));
        let ty = match variable.data_type.kind().unwrap_or(VariableKind::Text) {
            VariableKind::Text => "String",
            VariableKind::Number if options.float_numbers => "f64",
            VariableKind::Number => "i64",
        };
        let ty = if options.required.contains(&variable.name) {
            ty.to_owned()
        } else {
            format!("Option<{ty}>")
        };
        let field = field_name(&variable.name, &mut taken);
        // rustfmt moves the type to a line of its own past 100 columns.
        let line = format!("    pub {field}: {ty},");
        if line.chars().count() <= 100 {
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "    pub {field}:\n        {ty},");
        }
    }
    out.push_str("}\n");
    Ok(out)
}

/// `#[lwi(...)]` on one line, or one item a line when its arguments are wider than rustfmt's
/// `attr_fn_like_width` (70) or the line than 100 columns: as rustfmt writes it, so that
/// formatting the file changes nothing.
fn lwi_attribute(indent: &str, items: &[String]) -> String {
    let arguments = items.join(", ");
    let line = format!("{indent}#[lwi({arguments})]\n");
    // rustfmt keeps a single argument on the line whenever the line (newline aside) stays
    // under 100 columns; several only when they also fit its `attr_fn_like_width`.
    let fits = line.chars().count() <= 100;
    if fits && (items.len() == 1 || arguments.chars().count() <= 70) {
        return line;
    }
    let mut out = format!("{indent}#[lwi(\n");
    for (i, item) in items.iter().enumerate() {
        let comma = if i + 1 < items.len() { "," } else { "" };
        let _ = writeln!(out, "{indent}    {item}{comma}");
    }
    let _ = writeln!(out, "{indent})]");
    out
}

fn is_type_name(name: &str) -> bool {
    // The names the generated module itself uses would be shadowed.
    const USED: &[&str] = &[
        "String",
        "Option",
        "Some",
        "None",
        "LwiContext",
        "Clone",
        "Debug",
        "Default",
        "PartialEq",
        "i64",
        "f64",
    ];
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
        && !USED.contains(&name)
        && name != "_"
}

/// Rust's keywords, strict and reserved, in edition 2024.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// A `snake_case` field name for a variable name, unique among `taken`.
fn field_name(variable: &str, taken: &mut HashSet<String>) -> String {
    // The glue names its files the same way: one rule for word boundaries (HTTPServer →
    // http_server), then every run of what an identifier cannot hold becomes one `_`.
    let mut snake = String::with_capacity(variable.len() + 4);
    for c in lwicontext::glue::snake_case(variable).chars() {
        if c.is_ascii_alphanumeric() {
            snake.push(c);
        } else if !snake.ends_with('_') && !snake.is_empty() {
            snake.push('_');
        }
    }
    let trimmed = snake.trim_end_matches('_');
    let mut name = if trimmed.is_empty() {
        "variable"
    } else {
        trimmed
    }
    .to_owned();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "v_");
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    let mut unique = name.clone();
    let mut n = 2;
    while !taken.insert(unique.clone()) {
        unique = format!("{name}_{n}");
        n += 1;
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_snake_case_and_unique() {
        let mut taken = HashSet::new();
        let mut name = |variable: &str| field_name(variable, &mut taken);
        assert_eq!(name("msdyn_cartvalue"), "msdyn_cartvalue");
        assert_eq!(
            name("contoso_PreferredLanguage"),
            "contoso_preferred_language"
        );
        assert_eq!(name("Cart value (€)"), "cart_value");
        assert_eq!(name("cart-value"), "cart_value_2");
        assert_eq!(name("2nd address"), "v_2nd_address");
        assert_eq!(name("type"), "type_");
        assert_eq!(name("€€"), "variable");
        assert_eq!(name("HTTPServer"), "http_server");
        assert_eq!(name("msdyn_VIPLevel2"), "msdyn_vip_level2");
    }

    #[test]
    fn long_names_are_laid_out_as_rustfmt_lays_them_out() {
        let name = format!("contoso_{}", "x".repeat(92));
        let export = format!(
            r#"[{{"msdyn_name": "{name}", "msdyn_datatype": 192350000, "msdyn_isdisplayable": false}}]"#
        );
        let workstream = Workstream::parse(&export).unwrap();
        let text = rust_struct(&workstream, &RustStructOptions::new("x.json")).unwrap();
        let expected = format!(
            "    #[lwi(\n        rename = \"{name}\",\n        displayable = false\n    )]\n    pub {name}:\n        Option<String>,\n"
        );
        assert!(text.contains(&expected), "{text}");
    }

    #[test]
    fn refuses_bad_names_and_unknown_required_variables() {
        let workstream =
            Workstream::parse(r#"[{"msdyn_name": "a", "msdyn_datatype": 192350000}]"#).unwrap();
        let mut options = RustStructOptions::new("x.json");
        options.name = "chat context".into();
        assert!(matches!(
            rust_struct(&workstream, &options),
            Err(CodegenError::NotATypeName(_))
        ));
        options.name = "String".into();
        assert!(matches!(
            rust_struct(&workstream, &options),
            Err(CodegenError::NotATypeName(_))
        ));
        options.name = "Chat".into();
        options.required = vec!["b".into()];
        assert_eq!(
            rust_struct(&workstream, &options),
            Err(CodegenError::UnknownRequired("b".into()))
        );
        let empty_name =
            Workstream::parse(r#"[{"msdyn_name": "", "msdyn_datatype": 192350000}]"#).unwrap();
        assert_eq!(
            rust_struct(&empty_name, &RustStructOptions::new("x.json")),
            Err(CodegenError::Export {
                variable: Some(String::new()),
                violation: Violation::InvalidName { length: 0 }
            })
        );
    }
}
