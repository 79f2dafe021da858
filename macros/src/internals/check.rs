//! The rules across fields and attributes, checked before anything is generated.

use std::collections::HashMap;

use quote::ToTokens;

use lwicontext_schema::limits::{MAX_NAME_CHARS, MAX_VARIABLES, char_count};

use super::ast::{Container, Data, Field, Style};
use super::ctxt::Ctxt;
use super::workstream::{self, WorkstreamCheck};

const PRIMITIVES_ONLY: &str = "lwicontexts allows only primitive values: string, number, boolean";

/// Checks a `#[derive(LwiContext)]` input, and against its work stream export if it names one.
pub(crate) fn check_context<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
) -> Option<WorkstreamCheck<'c, 'a>> {
    check_no_type_parameters(cx, cont, "a context struct");
    let fields = match &cont.data {
        Data::Struct(Style::Named | Style::Unit, fields) => fields,
        Data::Struct(Style::Tuple, _) => {
            cx.error_spanned_by(
                cont.ident,
                "#[derive(LwiContext)] needs named fields: each field's name is the context variable it fills; a tuple struct has none",
            );
            return None;
        }
        Data::Enum(_) => {
            cx.error_spanned_by(
                cont.ident,
                "#[derive(LwiContext)] needs a struct with one named field per context variable; for an enum sent as one value, use #[derive(LwiValue)]",
            );
            return None;
        }
        Data::Union(token) => {
            cx.error_spanned_by(token, "#[derive(LwiContext)] does not support unions");
            return None;
        }
    };

    let mut sent = Vec::new();
    let mut names: HashMap<&str, &Field<'_>> = HashMap::new();
    for field in fields {
        let field_name = field.member.to_token_stream();
        if field.attrs.skip.is_some() {
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
                    format!("field `{field_name}` is skipped, so `{attribute}` has no effect on it; remove one of the two"),
                );
            }
            continue;
        }
        sent.push(field);
        if let Some(shape) = rejected_shape(field.ty) {
            cx.error_spanned_by(field.ty, shape.message(&format!("field `{field_name}`")));
        }
        check_name(cx, field);
        if let Some(first) = names.insert(&field.name, field) {
            cx.error_spanned_by(
                &field.name_tokens,
                format!(
                    "fields `{}` and `{field_name}` both send the context variable `{}`; each variable is sent once",
                    first.member.to_token_stream(),
                    field.name
                ),
            );
        }
    }
    if sent.len() > MAX_VARIABLES {
        cx.error_spanned_by(
            cont.ident,
            format!(
                "`{}` sends {} context variables; Omnichannel takes at most {MAX_VARIABLES} in one chat session",
                cont.ident,
                sent.len()
            ),
        );
    }
    workstream::check(cx, cont, &sent)
}

/// Checks a `#[derive(LwiValue)]` input: a fieldless enum or a newtype.
pub(crate) fn check_value(cx: &Ctxt, cont: &Container<'_>) {
    check_no_type_parameters(cx, cont, "a context value");
    for (attr, name) in [
        (cont.attrs.prefix.as_ref().map(|p| &p.tokens), "prefix"),
        (cont.attrs.encoding.as_ref().map(|e| &e.tokens), "encoding"),
        (
            cont.attrs.workstream.as_ref().map(|w| &w.tokens),
            "workstream",
        ),
        (
            cont.attrs.exhaustive.as_ref().map(|e| &e.tokens),
            "exhaustive",
        ),
        (cont.attrs.partial.as_ref().map(|p| &p.tokens), "partial"),
    ] {
        if let Some(tokens) = attr {
            cx.error_spanned_by(
                tokens,
                format!("`{name}` applies to #[derive(LwiContext)] structs, not to a value"),
            );
        }
    }
    match &cont.data {
        Data::Enum(variants) => {
            let mut names = HashMap::new();
            for variant in variants {
                if variant.style != Style::Unit {
                    cx.error_spanned_by(
                        &variant.original.fields,
                        format!(
                            "variant `{}` has fields, and {PRIMITIVES_ONLY}; #[derive(LwiValue)] sends an enum as its variant's name, so every variant must be fieldless",
                            variant.ident
                        ),
                    );
                }
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
        }
        Data::Struct(_, fields) if fields.len() == 1 => {
            if let Some(rule) = &cont.attrs.rename_all {
                cx.error_spanned_by(
                    &rule.tokens,
                    "`rename_all` renames an enum's variants; a newtype is sent as its inner value",
                );
            }
            let field = &fields[0];
            let attrs = [
                field.attrs.rename.as_ref().map(|a| (&a.tokens, "rename")),
                field.attrs.skip.as_ref().map(|a| (&a.tokens, "skip")),
                field.attrs.displayable.as_ref().map(|a| (&a.tokens, "displayable")),
            ];
            for (tokens, name) in attrs.into_iter().flatten() {
                cx.error_spanned_by(
                    tokens,
                    format!("`{name}` belongs on a field of a #[derive(LwiContext)] struct; a newtype is sent as its inner value"),
                );
            }
            if let Some(shape) = rejected_shape(field.ty) {
                cx.error_spanned_by(
                    field.ty,
                    shape.message(&format!("the field of `{}`", cont.ident)),
                );
            }
        }
        Data::Struct(..) => cx.error_spanned_by(
            cont.ident,
            "#[derive(LwiValue)] on a struct needs exactly one field, a primitive (a newtype such as `struct Cents(u64);`); for several context variables, use #[derive(LwiContext)]",
        ),
        Data::Union(token) => {
            cx.error_spanned_by(token, "#[derive(LwiValue)] does not support unions");
        }
    }
}

/// Type and const parameters could stand for anything: the work stream's variables have fixed
/// types. Lifetimes (for `&str` and `Cow<str>`) are fine.
fn check_no_type_parameters(cx: &Ctxt, cont: &Container<'_>, what: &str) {
    for param in &cont.generics.params {
        let kind = match param {
            syn::GenericParam::Lifetime(_) => continue,
            syn::GenericParam::Type(_) => "type",
            syn::GenericParam::Const(_) => "const",
        };
        cx.error_spanned_by(
            param,
            format!(
                "{what} cannot have {kind} parameters: each context variable has one fixed primitive type; use concrete field types"
            ),
        );
    }
}

/// The name's own limits: not empty, at most 100 characters.
fn check_name(cx: &Ctxt, field: &Field<'_>) {
    let length = char_count(&field.name);
    if length == 0 {
        cx.error_spanned_by(
            &field.name_tokens,
            "a context variable name cannot be empty",
        );
    } else if length > MAX_NAME_CHARS {
        cx.error_spanned_by(
            &field.name_tokens,
            format!(
                "context variable name `{}` has {length} characters; Omnichannel allows at most {MAX_NAME_CHARS}",
                field.name
            ),
        );
    }
}

/// A type shape that can never be a primitive value. The compiler's trait check is the source
/// of truth (it sees through aliases); this only gives the common cases a clearer message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    List,
    Map,
    Set,
    Tuple,
    Unit,
    Json,
    OptionOfOption,
    Reference,
    Other(&'static str),
}

impl Shape {
    /// The error for `field`, which names the field: "field `tags`".
    fn message(self, field: &str) -> String {
        match self {
            Self::List => format!(
                "{field} is a list, and {PRIMITIVES_ONLY}; send each item as a field of its own, or join the items into one String"
            ),
            Self::Map => format!(
                "{field} is a map, and {PRIMITIVES_ONLY}; give each entry a field of its own"
            ),
            Self::Set => {
                format!("{field} is a set, and {PRIMITIVES_ONLY}; join its items into one String")
            }
            Self::Tuple => format!(
                "{field} is a tuple, and {PRIMITIVES_ONLY}; give each element a field of its own"
            ),
            Self::Unit => format!(
                "{field} is `()`, which carries no value; remove it or mark it #[lwi(skip)]"
            ),
            Self::Json => format!(
                "{field} is a serde_json value, which may hold arrays and objects, and {PRIMITIVES_ONLY}; use a primitive type"
            ),
            Self::OptionOfOption => format!(
                "{field} is an Option of an Option: a context variable is either sent or left out, so one Option says all there is; use Option<T>"
            ),
            Self::Reference => format!(
                "{field} is a reference to something other than `str`, and {PRIMITIVES_ONLY}; a field may borrow only as `&str`, otherwise hold the value itself"
            ),
            Self::Other(what) => format!("{field} is {what}, and {PRIMITIVES_ONLY}"),
        }
    }
}

/// The shape of `ty`, if it can never be sent.
pub(crate) fn rejected_shape(ty: &syn::Type) -> Option<Shape> {
    match ty {
        syn::Type::Group(group) => rejected_shape(&group.elem),
        syn::Type::Paren(paren) => rejected_shape(&paren.elem),
        syn::Type::Array(_) | syn::Type::Slice(_) => Some(Shape::List),
        syn::Type::Tuple(tuple) if tuple.elems.is_empty() => Some(Shape::Unit),
        syn::Type::Tuple(_) => Some(Shape::Tuple),
        syn::Type::Reference(reference) if is_str(&reference.elem) => None,
        syn::Type::Reference(reference)
            if matches!(*reference.elem, syn::Type::Slice(_) | syn::Type::Array(_)) =>
        {
            Some(Shape::List)
        }
        syn::Type::Reference(_) => Some(Shape::Reference),
        syn::Type::Ptr(_) => Some(Shape::Other("a raw pointer")),
        syn::Type::FnPtr(_) => Some(Shape::Other("a function pointer")),
        syn::Type::TraitObject(_) | syn::Type::ImplTrait(_) => Some(Shape::Other("a trait object")),
        syn::Type::Never(_) => Some(Shape::Other("`!`")),
        syn::Type::Path(path) if path.qself.is_none() => path_shape(&path.path),
        _ => None,
    }
}

fn path_shape(path: &syn::Path) -> Option<Shape> {
    let last = path.segments.last()?;
    let from_serde_json = path.segments.iter().any(|s| s.ident == "serde_json");
    match last.ident.to_string().as_str() {
        "Vec" | "VecDeque" | "LinkedList" | "BinaryHeap" | "SmallVec" | "ArrayVec" => {
            Some(Shape::List)
        }
        "HashMap" | "BTreeMap" | "IndexMap" => Some(Shape::Map),
        "HashSet" | "BTreeSet" | "IndexSet" => Some(Shape::Set),
        "Map" if from_serde_json => Some(Shape::Map),
        "Value" if from_serde_json => Some(Shape::Json),
        "Option" => {
            let inner = single_type_argument(last)?;
            if let syn::Type::Path(inner_path) = inner
                && inner_path.path.segments.last()?.ident == "Option"
            {
                return Some(Shape::OptionOfOption);
            }
            rejected_shape(inner)
        }
        _ => None,
    }
}

/// `T` of `Name<T>`.
fn single_type_argument(segment: &syn::PathSegment) -> Option<&syn::Type> {
    let syn::PathArguments::AngleBracketed(arguments) = &segment.arguments else {
        return None;
    };
    arguments.args.iter().find_map(|argument| match argument {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// `str`, `core::primitive::str` or `std::primitive::str`.
fn is_str(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => {
            path.path.segments.last().is_some_and(|s| s.ident == "str")
        }
        syn::Type::Group(group) => is_str(&group.elem),
        syn::Type::Paren(paren) => is_str(&paren.elem),
        _ => false,
    }
}
