//! The derive input as this crate sees it: the item, its fields or variants, their attributes
//! and the names they are sent under. Each part keeps the `syn` node it came from, for spans.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;

use super::attr;
use super::ctxt::Ctxt;

/// The struct or enum being derived.
pub(crate) struct Container<'a> {
    pub(crate) ident: &'a syn::Ident,
    pub(crate) attrs: attr::Container,
    pub(crate) data: Data<'a>,
    pub(crate) generics: &'a syn::Generics,
}

/// What the container holds.
pub(crate) enum Data<'a> {
    Struct(Style, Vec<Field<'a>>),
    Enum(Vec<Variant<'a>>),
    Union(&'a syn::token::Union),
}

/// How a struct or variant writes its fields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Named,
    Tuple,
    Unit,
}

/// A field, with the context variable name it is sent under.
pub(crate) struct Field<'a> {
    pub(crate) member: syn::Member,
    pub(crate) attrs: attr::Field,
    pub(crate) ty: &'a syn::Type,
    /// The final context variable name: `rename`, or `prefix` + `rename_all` of the field name.
    pub(crate) name: String,
    /// Where the name was written, for errors about it: the `rename` literal or the field name.
    pub(crate) name_tokens: TokenStream,
    /// The doc comment, one line per `///` line, trimmed.
    pub(crate) doc: String,
}

/// A variant of an enum, with the value it is sent as.
pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a syn::Ident,
    pub(crate) style: Style,
    pub(crate) original: &'a syn::Variant,
    /// The string the variant is sent as: `rename`, or `rename_all` of the variant name.
    pub(crate) name: String,
    pub(crate) name_tokens: TokenStream,
}

impl<'a> Container<'a> {
    /// The fields that are sent, in declaration order: all but the skipped ones.
    pub(crate) fn sent_fields(&self) -> impl Iterator<Item = &Field<'a>> {
        let fields = match &self.data {
            Data::Struct(_, fields) => fields.as_slice(),
            Data::Enum(_) | Data::Union(_) => &[],
        };
        fields.iter().filter(|field| field.attrs.skip.is_none())
    }

    /// The type and const parameters: a context variable's type cannot depend on them.
    /// Lifetimes (for `&str` and `Cow<str>`) are fine.
    pub(crate) fn type_parameters(&self) -> impl Iterator<Item = &'a syn::GenericParam> {
        self.generics
            .params
            .iter()
            .filter(|param| !matches!(param, syn::GenericParam::Lifetime(_)))
    }

    /// The path generated code reaches the runtime through: `::lwicontext::__private`, or the
    /// `#[lwi(crate = "...")]` path's `__private`.
    pub(crate) fn private_path(&self) -> TokenStream {
        let krate = &self.attrs.crate_path;
        quote::quote!(#krate::__private)
    }

    pub(crate) fn from_ast(cx: &Ctxt, item: &'a syn::DeriveInput) -> Self {
        let attrs = attr::Container::from_ast(cx, item);
        let data = match &item.data {
            syn::Data::Struct(data) => {
                let (style, fields) = fields_from_ast(cx, &attrs, &data.fields);
                Data::Struct(style, fields)
            }
            syn::Data::Enum(data) => Data::Enum(
                data.variants
                    .iter()
                    .map(|variant| Variant::from_ast(cx, &attrs, variant))
                    .collect(),
            ),
            syn::Data::Union(data) => Data::Union(&data.union_token),
        };
        Self {
            ident: &item.ident,
            attrs,
            data,
            generics: &item.generics,
        }
    }
}

impl<'a> Variant<'a> {
    fn from_ast(cx: &Ctxt, container: &attr::Container, variant: &'a syn::Variant) -> Self {
        let attrs = attr::Variant::from_ast(cx, variant);
        let (name, name_tokens) = if let Some(rename) = attrs.rename {
            (rename.value, rename.tokens)
        } else {
            let ident = variant.ident.unraw().to_string();
            let name = match &container.rename_all {
                Some(rule) => rule.value.apply_to_variant(&ident),
                None => ident,
            };
            (name, variant.ident.to_token_stream())
        };
        Self {
            ident: &variant.ident,
            style: style_of(&variant.fields),
            original: variant,
            name,
            name_tokens,
        }
    }
}

fn fields_from_ast<'a>(
    cx: &Ctxt,
    container: &attr::Container,
    fields: &'a syn::Fields,
) -> (Style, Vec<Field<'a>>) {
    let style = style_of(fields);
    let fields = fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let attrs = attr::Field::from_ast(cx, field);
            let member = field
                .ident
                .clone()
                .map_or_else(|| syn::Member::from(index), syn::Member::Named);
            let (name, name_tokens) = match (&attrs.rename, &field.ident) {
                (Some(rename), _) => (rename.value.clone(), rename.tokens.clone()),
                (None, Some(ident)) => {
                    let unraw = ident.unraw().to_string();
                    let cased = match &container.rename_all {
                        Some(rule) => rule.value.apply_to_field(&unraw),
                        None => unraw,
                    };
                    let prefix = container.prefix.as_ref().map_or("", |p| p.value.as_str());
                    (format!("{prefix}{cased}"), ident.to_token_stream())
                }
                (None, None) => (String::new(), field.ty.to_token_stream()),
            };
            Field {
                member,
                attrs,
                ty: &field.ty,
                name,
                name_tokens,
                doc: doc_comment(&field.attrs),
            }
        })
        .collect();
    (style, fields)
}

fn style_of(fields: &syn::Fields) -> Style {
    match fields {
        syn::Fields::Named(_) => Style::Named,
        syn::Fields::Unnamed(_) => Style::Tuple,
        syn::Fields::Unit => Style::Unit,
    }
}

/// The text of the `///` comments: each line without the one space after `///`, trimmed as a
/// whole.
fn doc_comment(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(lit),
                        ..
                    }),
                ..
            }) => Some(lit.value()),
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_owned()
        })
        .collect();
    lines.join("\n").trim().to_owned()
}
