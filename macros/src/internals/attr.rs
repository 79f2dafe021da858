//! `#[lwi(...)]` attributes on the container, its fields and its variants.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;

use super::case::RenameRule;
use super::ctxt::Ctxt;
use super::symbol::{
    CRATE, DISPLAYABLE, ENCODING, EXHAUSTIVE, LWI, PARTIAL, PREFIX, RENAME, RENAME_ALL, SKIP,
    Symbol, WORKSTREAM,
};

/// One attribute value, remembering where it was written so a second one can be refused.
struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: Symbol,
    tokens: TokenStream,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    fn none(cx: &'c Ctxt, name: Symbol) -> Self {
        Self {
            cx,
            name,
            tokens: TokenStream::new(),
            value: None,
        }
    }

    /// Sets the value, or records "duplicate attribute" on the second one.
    fn set<A: ToTokens>(&mut self, spanned: A, value: T) {
        let tokens = spanned.into_token_stream();
        if self.value.is_some() {
            self.cx
                .error_spanned_by(tokens, format!("duplicate lwi attribute `{}`", self.name));
        } else {
            self.tokens = tokens;
            self.value = Some(value);
        }
    }

    fn get(self) -> Option<T> {
        self.value
    }

    /// The value with the tokens it was written with, for errors about it later.
    fn get_located(self) -> Option<Located<T>> {
        let tokens = self.tokens;
        self.value.map(|value| Located { value, tokens })
    }
}

/// A value with the tokens it came from.
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) tokens: TokenStream,
}

/// How `#[lwi(encoding = "...")]` spells each encoding (the runtime's `Encoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    String,
    Native,
    Nested,
}

impl Encoding {
    const NAMES: &[(&str, Self)] = &[
        ("string", Self::String),
        ("native", Self::Native),
        ("nested", Self::Nested),
    ];

    /// The variant's name in the runtime's `Encoding`.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            Self::String => "String",
            Self::Native => "Native",
            Self::Nested => "Nested",
        }
    }
}

/// Attributes on the struct or enum.
pub(crate) struct Container {
    pub(crate) rename_all: Option<Located<RenameRule>>,
    pub(crate) prefix: Option<Located<String>>,
    pub(crate) encoding: Option<Located<Encoding>>,
    /// The work stream export to check against, relative to the crate's `Cargo.toml`.
    pub(crate) workstream: Option<Located<String>>,
    /// Every fillable variable of the export must be sent.
    pub(crate) exhaustive: Option<Located<()>>,
    /// Sending part of the export's variables is intended: no note about the rest.
    pub(crate) partial: Option<Located<()>>,
    /// The path generated code reaches the runtime through: `::lwicontext` unless
    /// `#[lwi(crate = "...")]` says otherwise.
    pub(crate) crate_path: syn::Path,
}

impl Container {
    pub(crate) fn from_ast(cx: &Ctxt, item: &syn::DeriveInput) -> Self {
        let mut rename_all = Attr::none(cx, RENAME_ALL);
        let mut prefix = Attr::none(cx, PREFIX);
        let mut encoding = Attr::none(cx, ENCODING);
        let mut crate_path = Attr::none(cx, CRATE);
        let mut workstream = Attr::none(cx, WORKSTREAM);
        let mut exhaustive = Attr::none(cx, EXHAUSTIVE);
        let mut partial = Attr::none(cx, PARTIAL);

        for_each_lwi_meta(cx, &item.attrs, |meta| {
            if meta.path == RENAME_ALL {
                let lit = string_value(&meta)?;
                match RenameRule::from_name(&lit.value()) {
                    Ok(rule) => rename_all.set(&meta.path, rule),
                    Err(message) => cx.error_spanned_by(&lit, message),
                }
            } else if meta.path == PREFIX {
                let lit = string_value(&meta)?;
                prefix.set(&lit, lit.value());
            } else if meta.path == ENCODING {
                let lit = string_value(&meta)?;
                let name = lit.value();
                match Encoding::NAMES.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => encoding.set(&meta.path, *value),
                    None => cx.error_spanned_by(
                        &lit,
                        format!(
                            "unknown encoding `{name}`; expected \"string\" (every value a JSON string, the default), \"native\" (numbers and booleans as themselves) or \"nested\" ({{\"value\": ..., \"isDisplayable\": ...}})"
                        ),
                    ),
                }
            } else if meta.path == CRATE {
                let lit = string_value(&meta)?;
                match lit.parse::<syn::Path>() {
                    Ok(path) => crate_path.set(&meta.path, path),
                    Err(_) => cx.error_spanned_by(
                        &lit,
                        format!(
                            "`crate` must be a path, such as \"::lwicontext\"; found {:?}",
                            lit.value()
                        ),
                    ),
                }
            } else if meta.path == WORKSTREAM {
                let lit = string_value(&meta)?;
                workstream.set(&lit, lit.value());
            } else if meta.path == EXHAUSTIVE {
                exhaustive.set(&meta.path, ());
            } else if meta.path == PARTIAL {
                partial.set(&meta.path, ());
            } else {
                return Err(meta.error(unknown(
                    &meta.path,
                    "container",
                    &[
                        RENAME_ALL, PREFIX, ENCODING, CRATE, WORKSTREAM, EXHAUSTIVE, PARTIAL,
                    ],
                )));
            }
            Ok(())
        });

        Self {
            rename_all: rename_all.get_located(),
            prefix: prefix.get_located(),
            encoding: encoding.get_located(),
            workstream: workstream.get_located(),
            exhaustive: exhaustive.get_located(),
            partial: partial.get_located(),
            crate_path: crate_path
                .get()
                .unwrap_or_else(|| syn::parse_quote!(::lwicontext)),
        }
    }
}

/// Attributes on a field of a context struct.
pub(crate) struct Field {
    pub(crate) rename: Option<Located<String>>,
    pub(crate) skip: Option<Located<()>>,
    pub(crate) displayable: Option<Located<bool>>,
}

impl Field {
    pub(crate) fn from_ast(cx: &Ctxt, field: &syn::Field) -> Self {
        let mut rename = Attr::none(cx, RENAME);
        let mut skip = Attr::none(cx, SKIP);
        let mut displayable = Attr::none(cx, DISPLAYABLE);

        for_each_lwi_meta(cx, &field.attrs, |meta| {
            if meta.path == RENAME {
                let lit = string_value(&meta)?;
                rename.set(&lit, lit.value());
            } else if meta.path == SKIP {
                skip.set(&meta.path, ());
            } else if meta.path == DISPLAYABLE {
                // `displayable` alone means `displayable = true`.
                let value = if meta.input.peek(syn::Token![=]) {
                    let expr: syn::Expr = meta.value()?.parse()?;
                    match expr {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Bool(lit),
                            ..
                        }) => lit.value,
                        other => {
                            return Err(syn::Error::new(
                                other.span(),
                                "`displayable` takes `true` or `false`: displayable = false",
                            ));
                        }
                    }
                } else {
                    true
                };
                displayable.set(&meta.path, value);
            } else {
                return Err(meta.error(unknown(&meta.path, "field", &[RENAME, SKIP, DISPLAYABLE])));
            }
            Ok(())
        });

        Self {
            rename: rename.get_located(),
            skip: skip.get_located(),
            displayable: displayable.get_located(),
        }
    }
}

/// Attributes on a variant of a `#[derive(LwiValue)]` enum.
pub(crate) struct Variant {
    pub(crate) rename: Option<Located<String>>,
}

impl Variant {
    pub(crate) fn from_ast(cx: &Ctxt, variant: &syn::Variant) -> Self {
        let mut rename = Attr::none(cx, RENAME);
        for_each_lwi_meta(cx, &variant.attrs, |meta| {
            if meta.path == RENAME {
                let lit = string_value(&meta)?;
                rename.set(&lit, lit.value());
                Ok(())
            } else {
                Err(meta.error(unknown(&meta.path, "variant", &[RENAME])))
            }
        });
        Self {
            rename: rename.get_located(),
        }
    }
}

/// Runs `f` on each item inside every `#[lwi(...)]`, recording its errors and going on.
fn for_each_lwi_meta(
    cx: &Ctxt,
    attrs: &[syn::Attribute],
    mut f: impl FnMut(ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path() == &LWI) {
        if let Err(error) = attr.parse_nested_meta(&mut f) {
            cx.syn_error(error);
        }
    }
}

/// The string literal after `name =`.
fn string_value(meta: &ParseNestedMeta<'_>) -> syn::Result<syn::LitStr> {
    let name = meta.path.to_token_stream().to_string();
    let value = meta.value()?;
    let expr: syn::Expr = value.parse()?;
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) => Ok(lit),
        other => Err(syn::Error::new(
            other.span(),
            format!("`{name}` takes a string literal: {name} = \"...\""),
        )),
    }
}

/// "unknown lwi field attribute `foo`; expected one of `rename`, `skip`".
fn unknown(path: &syn::Path, place: &str, known: &[Symbol]) -> String {
    let known: Vec<String> = known.iter().map(|s| format!("`{s}`")).collect();
    format!(
        "unknown lwi {place} attribute `{}`; expected one of {}",
        path.to_token_stream(),
        known.join(", ")
    )
}
