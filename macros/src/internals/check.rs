//! The rules across fields and attributes, checked before anything is generated: one small
//! function per rule, each reporting on the narrowest token. Omnichannel's own limits and
//! sentences come from `lwicontext_schema::rules`.

use std::collections::HashMap;

use quote::ToTokens;

use lwicontext_schema::PRIMITIVES_ONLY;
use lwicontext_schema::rules::{self, Violation};

use super::ast::{Container, Data, Field, Style, Variant};
use super::attr::Derive;
use super::ctxt::Ctxt;
use super::shape::rejected_shape;
use super::workstream::{self, WorkstreamCheck};

/// Checks a `#[derive(LwiContext)]` input, and against its work stream export if it names one.
pub(crate) fn check_context<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
) -> Option<WorkstreamCheck<'c, 'a>> {
    check_no_type_parameters(cx, cont, "a context struct");
    let fields = context_fields(cx, cont)?;
    let mut names = HashMap::new();
    for field in fields {
        if field.attrs.skip.is_some() {
            check_skip_alone(cx, field);
            continue;
        }
        check_field_type(
            cx,
            field,
            &format!("field `{}`", field.member.to_token_stream()),
        );
        check_name(cx, field);
        check_sent_once(cx, &mut names, field);
    }
    let sent: Vec<&Field<'a>> = cont.sent_fields().collect();
    check_count(cx, cont, sent.len());
    workstream::check(cx, cont, &sent)
}

/// Checks a `#[derive(LwiValue)]` input: a fieldless enum or a newtype.
pub(crate) fn check_value(cx: &Ctxt, cont: &Container<'_>) {
    check_no_type_parameters(cx, cont, "a context value");
    check_value_attributes(cx, cont);
    match value_data(cx, cont) {
        Some(ValueData::Enum(variants)) => {
            let mut names = HashMap::new();
            for variant in variants {
                check_fieldless(cx, variant);
                check_variant_names_differ(cx, &mut names, variant);
            }
        }
        Some(ValueData::Newtype(field)) => {
            check_newtype_not_renamed(cx, cont);
            check_newtype_field_attributes(cx, field);
            check_field_type(cx, field, &format!("the field of `{}`", cont.ident));
        }
        None => {}
    }
}

/// What a `#[derive(LwiValue)]` item holds.
enum ValueData<'c, 'a> {
    Enum(&'c [Variant<'a>]),
    Newtype(&'c Field<'a>),
}

/// A value is a fieldless enum or a newtype: one value, sent as a variant's name or as itself.
fn value_data<'c, 'a>(cx: &Ctxt, cont: &'c Container<'a>) -> Option<ValueData<'c, 'a>> {
    match &cont.data {
        Data::Enum(variants) => return Some(ValueData::Enum(variants)),
        Data::Struct(_, fields) if fields.len() == 1 => return Some(ValueData::Newtype(&fields[0])),
        Data::Struct(..) => cx.error_spanned_by(
            cont.ident,
            "#[derive(LwiValue)] on a struct needs exactly one field, a primitive (a newtype such as `struct Cents(u64);`); for several context variables, use #[derive(LwiContext)]",
        ),
        Data::Union(token) => {
            cx.error_spanned_by(token, "#[derive(LwiValue)] does not support unions");
        }
    }
    None
}

/// The container attributes a value does not take (the attribute table says which).
fn check_value_attributes(cx: &Ctxt, cont: &Container<'_>) {
    for (name, tokens) in cont.attrs.misplaced(Derive::Value) {
        cx.error_spanned_by(
            tokens,
            format!(
                "`{name}` applies to {}, not to a value",
                Derive::Context.item()
            ),
        );
    }
}

/// Type and const parameters could stand for anything: the work stream's variables have fixed
/// types.
fn check_no_type_parameters(cx: &Ctxt, cont: &Container<'_>, what: &str) {
    for param in cont.type_parameters() {
        let kind = match param {
            syn::GenericParam::Const(_) => "const",
            _ => "type",
        };
        cx.error_spanned_by(
            param,
            format!(
                "{what} cannot have {kind} parameters: each context variable has one fixed primitive type; use concrete field types"
            ),
        );
    }
}

/// A context struct has named fields: each field's name is the variable it fills.
fn context_fields<'c, 'a>(cx: &Ctxt, cont: &'c Container<'a>) -> Option<&'c [Field<'a>]> {
    match &cont.data {
        Data::Struct(Style::Named | Style::Unit, fields) => return Some(fields),
        Data::Struct(Style::Tuple, _) => cx.error_spanned_by(
            cont.ident,
            "#[derive(LwiContext)] needs named fields: each field's name is the context variable it fills; a tuple struct has none",
        ),
        Data::Enum(_) => cx.error_spanned_by(
            cont.ident,
            "#[derive(LwiContext)] needs a struct with one named field per context variable; for an enum sent as one value, use #[derive(LwiValue)]",
        ),
        Data::Union(token) => {
            cx.error_spanned_by(token, "#[derive(LwiContext)] does not support unions");
        }
    }
    None
}

/// A skipped field is neither sent nor checked: `rename` or `displayable` on it says otherwise.
fn check_skip_alone(cx: &Ctxt, field: &Field<'_>) {
    let extra = [
        field.attrs.rename.as_ref().map(|r| (&r.tokens, "rename")),
        field
            .attrs
            .displayable
            .as_ref()
            .map(|d| (&d.tokens, "displayable")),
    ];
    for (tokens, attribute) in extra.into_iter().flatten() {
        cx.error_spanned_by(
            tokens,
            format!(
                "field `{}` is skipped, so `{attribute}` has no effect on it; remove one of the two",
                field.member.to_token_stream()
            ),
        );
    }
}

/// A type that can never be a primitive value, named by its shape (`what` names the field).
fn check_field_type(cx: &Ctxt, field: &Field<'_>, what: &str) {
    if let Some(shape) = rejected_shape(field.ty) {
        cx.error_spanned_by(field.ty, shape.message(what));
    }
}

/// Omnichannel's limits on a name.
fn check_name(cx: &Ctxt, field: &Field<'_>) {
    if let Err(violation) = rules::check_name(&field.name) {
        cx.error_spanned_by(&field.name_tokens, violation.at(&field.name));
    }
}

/// Each variable is sent by one field.
fn check_sent_once<'c>(
    cx: &Ctxt,
    names: &mut HashMap<&'c str, &'c Field<'c>>,
    field: &'c Field<'c>,
) {
    if let Some(first) = names.insert(&field.name, field) {
        cx.error_spanned_by(
            &field.name_tokens,
            format!(
                "{} (fields `{}` and `{}`)",
                Violation::RepeatedVariable.at(&field.name),
                first.member.to_token_stream(),
                field.member.to_token_stream(),
            ),
        );
    }
}

/// Omnichannel's limit on the number of variables in one chat.
fn check_count(cx: &Ctxt, cont: &Container<'_>, sent: usize) {
    if let Err(violation) = rules::check_count(sent) {
        cx.error_spanned_by(cont.ident, format!("`{}`: {violation}", cont.ident));
    }
}

/// An enum is sent as its variant's name: a variant cannot carry values.
fn check_fieldless(cx: &Ctxt, variant: &Variant<'_>) {
    if variant.style != Style::Unit {
        cx.error_spanned_by(
            &variant.original.fields,
            format!(
                "variant `{}` has fields, and {PRIMITIVES_ONLY}; #[derive(LwiValue)] sends an enum as its variant's name, so every variant must be fieldless",
                variant.ident
            ),
        );
    }
}

/// Two variants sent as the same text could not be told apart.
fn check_variant_names_differ<'c>(
    cx: &Ctxt,
    names: &mut HashMap<&'c str, &'c syn::Ident>,
    variant: &'c Variant<'c>,
) {
    if let Some(first) = names.insert(&variant.name, variant.ident) {
        cx.error_spanned_by(
            &variant.name_tokens,
            format!(
                "variants `{first}` and `{}` are both sent as \"{}\", so the agent could not tell them apart",
                variant.ident, variant.name
            ),
        );
    }
}

/// A newtype is sent as its inner value: `rename_all`, which renames an enum's variants, has
/// nothing to rename.
fn check_newtype_not_renamed(cx: &Ctxt, cont: &Container<'_>) {
    if let Some(rule) = &cont.attrs.rename_all {
        cx.error_spanned_by(
            &rule.tokens,
            "`rename_all` renames an enum's variants; a newtype is sent as its inner value",
        );
    }
}

/// A newtype's field takes no attribute (the attribute table says so): it is sent as itself.
fn check_newtype_field_attributes(cx: &Ctxt, field: &Field<'_>) {
    for (name, tokens) in field.attrs.misplaced(Derive::Value) {
        cx.error_spanned_by(
            tokens,
            format!(
                "`{name}` belongs on a field of a #[derive(LwiContext)] struct; a newtype is sent as its inner value"
            ),
        );
    }
}
