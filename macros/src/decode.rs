//! The reading-back side of both derives: `FromLwiContexts` for a context struct, and
//! `FromLwiValue` for a fieldless enum or a newtype.
//!
//! A value read back is owned: a field that borrows (`&str`) cannot be filled, so a struct with
//! one gets no `FromLwiContexts`, and a newtype over one no `FromLwiValue`. What each field
//! needs (`FieldFromLwi`, or `Default` for a skipped field) is a higher-ranked bound of the impl,
//! which the compiler accepts even when it does not hold: a struct whose skipped field has no
//! `Default` still derives, only a call of `from_lwicontexts` names what is missing, and a field
//! type that is no primitive is reported once, by the encoding side.

use proc_macro2::TokenStream;
use quote::{ToTokens as _, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::{Container, Data};

/// `where` + the container's own predicates + `bounds`.
fn where_clause(cont: &Container<'_>, bounds: &[TokenStream]) -> TokenStream {
    let own = cont
        .generics
        .where_clause
        .as_ref()
        .map(|clause| &clause.predicates);
    quote!(where #own #(#bounds,)*)
}

/// Whether `ty` borrows or names a lifetime, written out: what an owned value cannot fill.
fn borrows(ty: &syn::Type) -> bool {
    ty.to_token_stream().into_iter().any(|token| match token {
        proc_macro2::TokenTree::Punct(punct) => matches!(punct.as_char(), '&' | '\''),
        proc_macro2::TokenTree::Group(group) => borrows(&syn::Type::Verbatim(group.stream())),
        _ => false,
    })
}

/// `FromLwiContexts` for a context struct, unless a field borrows.
pub(crate) fn context(cont: &Container<'_>) -> TokenStream {
    let private = cont.private_path();
    let ident = cont.ident;
    let (impl_generics, ty_generics, _) = cont.generics.split_for_impl();
    let fields = match &cont.data {
        Data::Struct(_, fields) => fields.as_slice(),
        Data::Enum(_) | Data::Union(_) => &[],
    };
    if fields.iter().any(|field| borrows(field.ty)) {
        return TokenStream::new();
    }
    let mut bounds = Vec::new();
    let inits = fields.iter().map(|field| {
        let ty = field.ty;
        let member = &field.member;
        if field.attrs.skip.is_some() {
            bounds.push(quote_spanned!(ty.span()=> for<'__lwi> #ty: ::core::default::Default));
            quote!(#member: ::core::default::Default::default(),)
        } else {
            let name = &field.name;
            // Assumed, not required: a type that is no primitive is reported once, by the
            // encoding side's check, not again here.
            bounds.push(quote_spanned!(ty.span()=> for<'__lwi> #ty: #private::FieldFromLwi));
            quote!(#member: __reader.field::<#ty>(#name)?,)
        }
    });
    let inits: Vec<TokenStream> = inits.collect();
    let where_clause = where_clause(cont, &bounds);
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::FromLwiContexts for #ident #ty_generics #where_clause {
            fn from_variables(
                __reader: &#private::ContextReader,
            ) -> #private::Result<Self, #private::ContextError> {
                #private::Result::Ok(Self { #(#inits)* })
            }
        }
    }
}

/// `FromLwiValue` for a fieldless enum (by the variant's name) or a newtype (by its inner value).
pub(crate) fn value(cont: &Container<'_>) -> TokenStream {
    let private = cont.private_path();
    let ident = cont.ident;
    let (impl_generics, ty_generics, _) = cont.generics.split_for_impl();
    let (bounds, body) = match &cont.data {
        Data::Enum(variants) => {
            let names: Vec<&String> = variants.iter().map(|variant| &variant.name).collect();
            let idents = variants.iter().map(|variant| variant.ident);
            let expected = format!(
                "one of {}",
                names
                    .iter()
                    .map(|name| format!("{name:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let body = quote! {
                match __value {
                    #private::Received::Text(__text) => match &**__text {
                        #(#names => #private::Result::Ok(Self::#idents),)*
                        _ => #private::Result::Err(#private::Mismatch::Kind(#expected)),
                    },
                    _ => #private::Result::Err(#private::Mismatch::Kind(#expected)),
                }
            };
            (Vec::new(), body)
        }
        Data::Struct(_, fields) => {
            let field = &fields[0];
            let ty = field.ty;
            if borrows(ty) {
                return TokenStream::new();
            }
            let member = &field.member;
            let bound = quote_spanned!(ty.span()=> for<'__lwi> #ty: #private::FromLwiValue);
            let body = quote! {
                <#ty as #private::FromLwiValue>::from_received(__value)
                    .map(|__inner| Self { #member: __inner })
            };
            (vec![bound], body)
        }
        Data::Union(_) => return TokenStream::new(),
    };
    let where_clause = where_clause(cont, &bounds);
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::FromLwiValue for #ident #ty_generics #where_clause {
            fn from_received(
                __value: &#private::Received<'_>,
            ) -> #private::Result<Self, #private::Mismatch> {
                #body
            }
        }
    }
}
