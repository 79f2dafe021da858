//! `#[derive(LwiValue)]`: a fieldless enum sent as its variant's name, or a newtype sent as its
//! inner primitive.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::dummy;
use crate::internals::ast::{Container, Data};
use crate::internals::check;
use crate::internals::ctxt::Ctxt;
use crate::internals::shape::rejected_shape;

pub(crate) fn expand(input: &syn::DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    check::check_value(&cx, &cont);
    match cx.check() {
        Ok(()) => {
            let code = impl_value(&cont, &body(&cont));
            let decode = crate::decode::value(&cont);
            dummy::wrap_in_const(&quote!(#code #decode))
        }
        Err(errors) => {
            let errors = errors.to_compile_error();
            let fallback = dummy::wrap_in_const(&impl_value(&cont, &fallback_body(&cont)));
            quote!(#errors #fallback)
        }
    }
}

/// The impl around `body`, which defines `KIND` and `to_value`.
fn impl_value(cont: &Container<'_>, body: &TokenStream) -> TokenStream {
    let private = cont.private_path();
    let ident = cont.ident;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::Primitive for #ident #ty_generics #where_clause {
            #body
        }
    }
}

fn body(cont: &Container<'_>) -> TokenStream {
    let private = cont.private_path();
    match &cont.data {
        Data::Enum(variants) => {
            let arms = variants.iter().map(|variant| {
                let ident = variant.ident;
                let name = &variant.name;
                quote!(Self::#ident => #private::Value::Str(#name),)
            });
            quote! {
                const KIND: #private::VariableKind = #private::VariableKind::Text;

                #[inline]
                fn to_value(&self) -> #private::Value<'_> {
                    match *self {
                        #(#arms)*
                    }
                }
            }
        }
        Data::Struct(_, fields) => {
            let field = &fields[0];
            let ty = field.ty;
            let member = &field.member;
            let kind = quote_spanned!(ty.span()=> <#ty as #private::NewtypeInner>::KIND);
            let json_type = quote_spanned!(ty.span()=> <#ty as #private::NewtypeInner>::JSON_TYPE);
            let value = quote_spanned!(ty.span()=> <#ty as #private::NewtypeInner>::inner_value(&self.#member));
            quote! {
                const KIND: #private::VariableKind = #kind;
                const JSON_TYPE: #private::JsonType = #json_type;

                #[inline]
                fn to_value(&self) -> #private::Value<'_> {
                    #value
                }
            }
        }
        Data::Union(_) => unreachable!("check_value refuses unions"),
    }
}

/// Stands in for the body when the input has errors; still checks a newtype's inner type.
fn fallback_body(cont: &Container<'_>) -> TokenStream {
    let private = cont.private_path();
    let concrete = cont.type_parameters().next().is_none();
    let assertion = match &cont.data {
        Data::Struct(_, fields) if fields.len() == 1 && concrete => {
            let ty = fields[0].ty;
            (rejected_shape(ty).is_none())
                .then(|| quote_spanned!(ty.span()=> let _ = <#ty as #private::NewtypeInner>::KIND;))
        }
        _ => None,
    };
    quote! {
        const KIND: #private::VariableKind = {
            #assertion
            #private::VariableKind::Text
        };

        fn to_value(&self) -> #private::Value<'_> {
            ::core::unreachable!()
        }
    }
}
