//! `#[lwi(workstream = "...")]`: the struct checked against the work stream's real context
//! variables, read from a Dataverse export at compile time.

use std::collections::HashSet;
use std::path::PathBuf;

use lwicontext_schema::{DataType, Workstream};
use proc_macro2::TokenStream;
use quote::ToTokens;

use super::ast::{Container, Field};
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

/// Checks the sent fields against the export; `None` when the container has no `workstream`.
pub(crate) fn check<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
    fields: &[&'c Field<'a>],
) -> Option<WorkstreamCheck<'c, 'a>> {
    let attrs = &cont.attrs;
    let Some(file) = &attrs.workstream else {
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
        return None;
    };
    if let (Some(_), Some(partial)) = (&attrs.exhaustive, &attrs.partial) {
        cx.error_spanned_by(
            &partial.tokens,
            "`exhaustive` and `partial` contradict each other: choose one",
        );
    }
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
    let workstream = match workstream {
        Ok(workstream) => workstream,
        Err(message) => {
            cx.error_spanned_by(&file.tokens, message);
            return None;
        }
    };

    let mut numbers = Vec::new();
    for &field in fields {
        let name = &field.name;
        let Some(variable) = workstream.get(name) else {
            let hint = workstream
                .suggest(name)
                .map(|close| format!("; did you mean `{close}`?"))
                .unwrap_or_default();
            cx.error_spanned_by(
                &field.name_tokens,
                format!("context variable `{name}` is not in the work stream export `{}` (names are exact and case-sensitive){hint}", file.value),
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

    let sent: HashSet<&str> = fields.iter().map(|field| field.name.as_str()).collect();
    let unsent: Vec<String> = workstream
        .fillable()
        .filter(|variable| !sent.contains(variable.name.as_str()))
        .map(|variable| variable.name.clone())
        .collect();
    let listed = || {
        unsent
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(exhaustive) = &attrs.exhaustive
        && !unsent.is_empty()
    {
        cx.error_spanned_by(
            &exhaustive.tokens,
            format!(
                "`{}` does not send {} of the work stream's context variables: {}; add a field for each, or drop `exhaustive`",
                cont.ident,
                unsent.len(),
                listed()
            ),
        );
    }
    let quiet = attrs.exhaustive.is_some() || attrs.partial.is_some();
    Some(WorkstreamCheck {
        path,
        tokens: file.tokens.to_token_stream(),
        numbers,
        unsent: if quiet { Vec::new() } else { unsent },
    })
}
