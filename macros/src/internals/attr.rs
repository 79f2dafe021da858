//! `#[lwi(...)]` attributes on the container, its fields and its variants.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;

use lwicontext_schema::Encoding;

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

/// The tokens an attribute was written with, if it was.
fn tokens<T>(attr: Option<&Located<T>>) -> Option<&TokenStream> {
    attr.map(|attr| &attr.tokens)
}

/// A value with the tokens it came from.
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) tokens: TokenStream,
}

/// The derive an item is read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Derive {
    /// `#[derive(LwiContext)]`: a struct of context variables.
    Context,
    /// `#[derive(LwiValue)]`: one value, a fieldless enum or a newtype.
    Value,
}

impl Derive {
    /// How messages name what the derive makes.
    pub(crate) const fn item(self) -> &'static str {
        match self {
            Self::Context => "#[derive(LwiContext)] structs",
            Self::Value => "#[derive(LwiValue)] values",
        }
    }
}

const BOTH: &[Derive] = &[Derive::Context, Derive::Value];
const CONTEXT: &[Derive] = &[Derive::Context];
const VALUE: &[Derive] = &[Derive::Value];

/// Which derives take each container attribute: the one table that the parser (for "expected
/// one of") and the checks (for an attribute on the wrong derive) read.
const CONTAINER_ATTRIBUTES: &[(Symbol, &[Derive])] = &[
    (RENAME_ALL, BOTH),
    (PREFIX, CONTEXT),
    (ENCODING, CONTEXT),
    (CRATE, BOTH),
    (WORKSTREAM, CONTEXT),
    (EXHAUSTIVE, CONTEXT),
    (PARTIAL, CONTEXT),
];

/// Which derives take each field attribute. A `#[derive(LwiValue)]` newtype's field takes none:
/// it is sent as its inner value.
const FIELD_ATTRIBUTES: &[(Symbol, &[Derive])] =
    &[(RENAME, CONTEXT), (SKIP, CONTEXT), (DISPLAYABLE, CONTEXT)];

/// Which derives take each variant attribute.
const VARIANT_ATTRIBUTES: &[(Symbol, &[Derive])] = &[(RENAME, VALUE)];

/// Whether `derive` takes the attribute `name` in `table`.
fn takes(table: &[(Symbol, &[Derive])], name: Symbol, derive: Derive) -> bool {
    table
        .iter()
        .any(|(symbol, derives)| *symbol == name && derives.contains(&derive))
}

/// The attributes written in `attributes` that `derive` does not take, with their tokens.
fn misplaced<'a>(
    table: &'a [(Symbol, &[Derive])],
    derive: Derive,
    attributes: impl IntoIterator<Item = (Symbol, Option<&'a TokenStream>)>,
) -> impl Iterator<Item = (Symbol, &'a TokenStream)> {
    attributes
        .into_iter()
        .filter_map(|(name, tokens)| Some((name, tokens?)))
        .filter(move |(name, _)| !takes(table, *name, derive))
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
                match lit.value().parse::<Encoding>() {
                    Ok(value) => encoding.set(&meta.path, value),
                    Err(unknown) => cx.error_spanned_by(&lit, unknown),
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
                return Err(meta.error(unknown(&meta.path, "container", CONTAINER_ATTRIBUTES)));
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

impl Container {
    /// The attributes written on the container that `derive` does not take.
    pub(crate) fn misplaced(&self, derive: Derive) -> impl Iterator<Item = (Symbol, &TokenStream)> {
        misplaced(
            CONTAINER_ATTRIBUTES,
            derive,
            [
                (RENAME_ALL, tokens(self.rename_all.as_ref())),
                (PREFIX, tokens(self.prefix.as_ref())),
                (ENCODING, tokens(self.encoding.as_ref())),
                (WORKSTREAM, tokens(self.workstream.as_ref())),
                (EXHAUSTIVE, tokens(self.exhaustive.as_ref())),
                (PARTIAL, tokens(self.partial.as_ref())),
            ],
        )
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
                return Err(meta.error(unknown(&meta.path, "field", FIELD_ATTRIBUTES)));
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

impl Field {
    /// The attributes written on the field that `derive` does not take.
    pub(crate) fn misplaced(&self, derive: Derive) -> impl Iterator<Item = (Symbol, &TokenStream)> {
        misplaced(
            FIELD_ATTRIBUTES,
            derive,
            [
                (RENAME, tokens(self.rename.as_ref())),
                (SKIP, tokens(self.skip.as_ref())),
                (DISPLAYABLE, tokens(self.displayable.as_ref())),
            ],
        )
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
                Err(meta.error(unknown(&meta.path, "variant", VARIANT_ATTRIBUTES)))
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
fn unknown(path: &syn::Path, place: &str, table: &[(Symbol, &[Derive])]) -> String {
    let known: Vec<String> = table.iter().map(|(s, _)| format!("`{s}`")).collect();
    format!(
        "unknown lwi {place} attribute `{}`; expected one of {}",
        path.to_token_stream(),
        known.join(", ")
    )
}
