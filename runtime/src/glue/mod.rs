#![doc = include_str!("../docs/glue.md")]

mod dts;
mod js;
mod names;

use alloc::borrow::Cow;
#[cfg(feature = "std")]
use std::io;
#[cfg(feature = "std")]
use std::path::{Path, PathBuf};

use lwicontext_schema::{Encoding, JsonType, VariableKind, Workstream};

use crate::context::LwiContext;
use crate::prelude::*;

pub use names::{pascal_case, snake_case};

/// How [`render`] names and labels what it writes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GlueOptions {
    /// The files' name, `snake_case`, without extension: `chat_context` gives
    /// `chat_context.js`, `chat_context.d.ts` and the interface `ChatContext`. By default the
    /// context type's name in `snake_case`, and the interface is named after the type.
    name: Option<String>,
}

impl GlueOptions {
    /// The type's own names.
    pub fn new() -> Self {
        Self::default()
    }

    /// Files named `<name>.js` / `<name>.d.ts`, and the interface `name` in `PascalCase`.
    ///
    /// # Errors
    /// [`InvalidGlueName`] unless `name` is ASCII letters, digits and `_`, starting with a
    /// letter: a file name and, in `PascalCase`, a TypeScript interface name.
    pub fn name(mut self, name: impl Into<String>) -> Result<Self, InvalidGlueName> {
        let name = name.into();
        let mut chars = name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(InvalidGlueName { name });
        }
        self.name = Some(name);
        Ok(self)
    }
}

/// A glue name that is not a `snake_case` file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidGlueName {
    /// The name given.
    pub name: String,
}

impl core::fmt::Display for InvalidGlueName {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{:?} is not a glue name: a snake_case file name is needed, such as chat_context",
            self.name
        )
    }
}

impl core::error::Error for InvalidGlueName {}

/// One context variable as the glue describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlueVariable<'a> {
    /// The exact name.
    pub name: &'a str,
    /// Text or Number, as the work stream types it.
    pub kind: VariableKind,
    /// The JSON type the `native` encoding writes it as.
    pub json_type: JsonType,
    /// Whether it may be left out.
    pub optional: bool,
    /// Whether agents see it.
    pub displayable: bool,
    /// Its documentation: the field's doc comment, or the export's display name.
    pub doc: Cow<'a, str>,
}

/// What the glue is rendered from: a derived context type, or a work stream export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlueSource<'a> {
    /// The interface's name when [`GlueOptions::name`] gives none.
    pub type_name: &'a str,
    /// Where it comes from, for the "generated, do not edit" line: "the Rust type
    /// `ChatContext`".
    pub origin: String,
    /// How the site's server writes values into `lwicontexts`.
    pub encoding: Encoding,
    /// The variables, in order.
    pub variables: Vec<GlueVariable<'a>>,
}

impl GlueSource<'static> {
    /// The source for a derived context type.
    pub fn of<C: LwiContext + ?Sized>() -> Self {
        GlueSource {
            type_name: C::NAME,
            origin: format!("the Rust type `{}`", C::NAME),
            encoding: C::ENCODING,
            variables: C::VARIABLES
                .iter()
                .map(|variable| GlueVariable {
                    name: variable.name,
                    kind: variable.kind,
                    json_type: variable.json_type,
                    optional: variable.optional,
                    displayable: variable.displayable,
                    doc: Cow::Borrowed(variable.doc),
                })
                .collect(),
        }
    }
}

impl<'a> GlueSource<'a> {
    /// The source for a work stream export's active Text and Number variables, each optional
    /// unless `required` names it, documented by its display name
    /// ([`WorkstreamVariable::doc`](crate::workstream::WorkstreamVariable::doc)): the same variables that
    /// `lwicontext codegen` writes a struct for.
    pub fn from_workstream(
        type_name: &'a str,
        origin: impl Into<String>,
        workstream: &'a Workstream,
        encoding: Encoding,
        required: &[String],
    ) -> Self {
        GlueSource {
            type_name,
            origin: origin.into(),
            encoding,
            variables: workstream
                .fillable()
                .map(|variable| {
                    let kind = variable.data_type.kind().unwrap_or(VariableKind::Text);
                    GlueVariable {
                        name: &variable.name,
                        kind,
                        json_type: JsonType::of_kind(kind),
                        optional: !required.contains(&variable.name),
                        displayable: variable.displayable,
                        doc: Cow::Owned(variable.doc()),
                    }
                })
                .collect(),
        }
    }
}

/// The generated module: `<name>.js` and `<name>.d.ts`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glue {
    name: String,
    js: String,
    dts: String,
}

impl Glue {
    /// The files' name, without extension.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The ES module.
    pub fn js(&self) -> &str {
        &self.js
    }

    /// Its TypeScript declarations.
    pub fn dts(&self) -> &str {
        &self.dts
    }

    /// Writes `<name>.js` and `<name>.d.ts` into `dir`, which must exist, and returns their
    /// paths.
    ///
    /// # Errors
    /// The error of the first file that cannot be written.
    #[cfg(feature = "std")]
    pub fn write_to(&self, dir: impl AsRef<Path>) -> io::Result<[PathBuf; 2]> {
        let js = dir.as_ref().join(format!("{}.js", self.name));
        let dts = dir.as_ref().join(format!("{}.d.ts", self.name));
        std::fs::write(&js, &self.js)?;
        std::fs::write(&dts, &self.dts)?;
        Ok([js, dts])
    }
}

/// The glue for the context type `C`.
pub fn render<C: LwiContext + ?Sized>(options: &GlueOptions) -> Glue {
    render_source(&GlueSource::of::<C>(), options)
}

/// The glue for any source: a derived type ([`GlueSource::of`]) or a work stream export
/// ([`GlueSource::from_workstream`]).
pub fn render_source(source: &GlueSource<'_>, options: &GlueOptions) -> Glue {
    let (name, interface) = match &options.name {
        Some(name) => (name.clone(), pascal_case(name)),
        None => (snake_case(source.type_name), source.type_name.to_owned()),
    };
    let header = format!(
        "// Generated by lwicontext {} from {}: do not edit.\n",
        env!("CARGO_PKG_VERSION"),
        source.origin
    );
    Glue {
        js: js::render(&header, &interface, source),
        dts: dts::render(&header, &interface, source),
        name,
    }
}
