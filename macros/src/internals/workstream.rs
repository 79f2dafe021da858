//! `#[lwi(workstream = "...")]`: the struct checked against the work stream's real context
//! variables, read from a Dataverse export at compile time: [`load`] the export, [`compare`]
//! each sent field with it, [`report_unsent`] the variables no field sends.

use std::collections::HashSet;
use std::path::PathBuf;

use lwicontext_schema::rules::unknown_variable;
use lwicontext_schema::{DataType, Workstream};
use proc_macro2::TokenStream;
use quote::ToTokens;

use super::ast::{Container, Field};
use super::attr::Located;
use super::ctxt::Ctxt;

/// What the expansion needs from a successful check.
pub(crate) struct WorkstreamCheck<'c, 'a> {
    /// The export's absolute path, so that the expansion can make cargo track it.
    pub(crate) path: PathBuf,
    /// Where the attribute was written, for the note.
    pub(crate) tokens: TokenStream,
    /// Fields whose variable is a Number: their type's kind is checked by the compiler.
    pub(crate) numbers: Vec<&'c Field<'a>>,
    /// Fillable variables the struct does not send, unless `partial` or `exhaustive` is set.
    pub(crate) unsent: Vec<String>,
}

/// Checks the sent fields against the export; `None` when the container has no `workstream`,
/// or the export cannot be read.
pub(crate) fn check<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
    fields: &[&'c Field<'a>],
) -> Option<WorkstreamCheck<'c, 'a>> {
    check_flags(cx, cont);
    let file = cont.attrs.workstream.as_ref()?;
    let (path, workstream) = load(cx, file)?;
    let numbers = compare(cx, &workstream, &file.value, fields);
    let unsent = report_unsent(cx, cont, &workstream, fields);
    Some(WorkstreamCheck {
        path,
        tokens: file.tokens.to_token_stream(),
        numbers,
        unsent,
    })
}

/// `exhaustive` and `partial` need a `workstream`, and exclude each other.
fn check_flags(cx: &Ctxt, cont: &Container<'_>) {
    let attrs = &cont.attrs;
    if attrs.workstream.is_none() {
        for (flag, name) in [
            (&attrs.exhaustive, "exhaustive"),
            (&attrs.partial, "partial"),
        ] {
            if let Some(flag) = flag {
                cx.error_spanned_by(
                    &flag.tokens,
                    format!("`{name}` says how to compare with a work stream export: add `workstream = \"contextvariables.json\"`"),
                );
            }
        }
    } else if let (Some(_), Some(partial)) = (&attrs.exhaustive, &attrs.partial) {
        cx.error_spanned_by(
            &partial.tokens,
            "`exhaustive` and `partial` contradict each other: choose one",
        );
    }
}

/// Reads the export, relative to the crate's `Cargo.toml`; an error on the attribute if it
/// cannot.
fn load(cx: &Ctxt, file: &Located<String>) -> Option<(PathBuf, Workstream)> {
    let manifest_dir =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let path = manifest_dir.join(&file.value);
    let workstream = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read the work stream export `{}` (relative to this crate's Cargo.toml): {error}", file.value))
        .and_then(|text| {
            Workstream::parse(&text).map_err(|error| {
                format!("the work stream export `{}` is malformed: {error}", file.value)
            })
        });
    match workstream {
        Ok(workstream) => Some((path, workstream)),
        Err(message) => {
            cx.error_spanned_by(&file.tokens, message);
            None
        }
    }
}

/// Each sent field's variable must be in the export, active, and Text or Number. Returns the
/// fields whose variable is a Number.
fn compare<'c, 'a>(
    cx: &Ctxt,
    workstream: &Workstream,
    file: &str,
    fields: &[&'c Field<'a>],
) -> Vec<&'c Field<'a>> {
    let mut numbers = Vec::new();
    for &field in fields {
        let name = &field.name;
        let Some(variable) = workstream.get(name) else {
            let known = workstream.fillable().map(|variable| variable.name.as_str());
            cx.error_spanned_by(
                &field.name_tokens,
                format!("`{file}`: {}", unknown_variable(name, known)),
            );
            continue;
        };
        if !variable.active {
            cx.error_spanned_by(
                &field.name_tokens,
                format!("context variable `{name}` is inactive in the work stream (statecode 1): activate it, or stop sending it"),
            );
        }
        match variable.data_type {
            DataType::Number => numbers.push(field),
            DataType::Text => {}
            other => cx.error_spanned_by(
                &field.name_tokens,
                format!("context variable `{name}` has the type {other}, which lwicontexts cannot fill: only Text and Number variables take a value"),
            ),
        }
    }
    numbers
}

/// The export's fillable variables that no field sends: an error with `exhaustive`, nothing
/// with `partial`, otherwise returned for the expansion's note.
fn report_unsent(
    cx: &Ctxt,
    cont: &Container<'_>,
    workstream: &Workstream,
    fields: &[&Field<'_>],
) -> Vec<String> {
    let attrs = &cont.attrs;
    let sent: HashSet<&str> = fields.iter().map(|field| field.name.as_str()).collect();
    let unsent: Vec<String> = workstream
        .fillable()
        .filter(|variable| !sent.contains(variable.name.as_str()))
        .map(|variable| variable.name.clone())
        .collect();
    if let Some(exhaustive) = &attrs.exhaustive
        && !unsent.is_empty()
    {
        cx.error_spanned_by(
            &exhaustive.tokens,
            format!(
                "`{}` does not send {} of the work stream's context variables: {}; add a field for each, or drop `exhaustive`",
                cont.ident,
                unsent.len(),
                listed(&unsent)
            ),
        );
    }
    if attrs.exhaustive.is_some() || attrs.partial.is_some() {
        Vec::new()
    } else {
        unsent
    }
}

/// "`a`, `b`, `c`".
pub(crate) fn listed(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
