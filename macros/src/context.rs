//! `#[derive(LwiContext)]`: the schema constant and the encoder calls.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt as _;
use syn::spanned::Spanned;

use crate::dummy;
use crate::internals::ast::{Container, Field};
use crate::internals::check;
use crate::internals::ctxt::Ctxt;
use crate::internals::shape::rejected_shape;
use crate::internals::workstream::{WorkstreamCheck, listed};
use lwicontext_schema::Encoding;

pub(crate) fn expand(input: &syn::DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    let workstream = check::check_context(&cx, &cont);
    match cx.check() {
        Ok(()) => {
            let checks = workstream.map(|checked| workstream_checks(&cont, &checked));
            let code = impl_context(&cont);
            let decode = crate::decode::context(&cont);
            dummy::wrap_in_const(&quote!(#code #decode #checks))
        }
        Err(errors) => {
            let errors = errors.to_compile_error();
            let fallback = dummy::wrap_in_const(&fallback(&cont));
            quote!(#errors #fallback)
        }
    }
}

fn impl_context(cont: &Container<'_>) -> TokenStream {
    let private = cont.private_path();
    let ident = cont.ident;
    let name = ident.unraw().to_string();
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let encoding = match cont.attrs.encoding.as_ref().map(|e| e.value) {
        None | Some(Encoding::String) => quote!(String),
        Some(Encoding::Native) => quote!(Native),
        Some(Encoding::Nested) => quote!(Nested),
    };

    let variables = cont.sent_fields().map(|field| {
        let ty = field.ty;
        let name = &field.name;
        let displayable = displayable(field);
        let doc = &field.doc;
        // Spanned on the field's type: a type that is not a primitive is reported there.
        let kind = quote_spanned!(ty.span()=> <#ty as #private::ContextField>::KIND);
        let optional = quote_spanned!(ty.span()=> <#ty as #private::ContextField>::OPTIONAL);
        let json_type = quote_spanned!(ty.span()=> <#ty as #private::ContextField>::JSON_TYPE);
        quote! {
            #private::ContextVariable {
                name: #name,
                kind: #kind,
                json_type: #json_type,
                optional: #optional,
                displayable: #displayable,
                doc: #doc,
            }
        }
    });

    let writes = cont.sent_fields().map(|field| {
        let ty = field.ty;
        let member = &field.member;
        let name = &field.name;
        let displayable = displayable(field);
        let value =
            quote_spanned!(ty.span()=> <#ty as #private::ContextField>::field_value(&self.#member));
        quote! {
            __encoder.key_variable(
                const {
                    #private::Key::new(
                        #name,
                        ::core::concat!(",\"", #name, "\":"),
                        ::core::concat!(",\"", #name, "\":\""),
                    )
                },
                #displayable,
                #value,
            )?;
        }
    });

    quote! {
        #[automatically_derived]
        impl #impl_generics #private::LwiContext for #ident #ty_generics #where_clause {
            const NAME: &'static str = #name;
            const VARIABLES: &'static [#private::ContextVariable] = &[#(#variables),*];
            const ENCODING: #private::Encoding = #private::Encoding::#encoding;

            #[inline]
            #[allow(unused_variables)]
            fn encode_variables(
                &self,
                __encoder: &mut #private::ContextEncoder<'_>,
            ) -> #private::Result<(), #private::ContextError> {
                #(#writes)*
                #private::Result::Ok(())
            }
        }
    }
}

/// What the work stream check leaves to the compiler: tracking the export file, the kind of
/// each field a Number variable receives (decided by its real type, through aliases), and the
/// note about variables not sent.
fn workstream_checks(cont: &Container<'_>, checked: &WorkstreamCheck<'_, '_>) -> TokenStream {
    let private = cont.private_path();
    let path = checked.path.to_string_lossy();
    let numbers = checked.numbers.iter().map(|field| {
        let ty = with_static_lifetimes(field.ty.to_token_stream());
        let message = format!(
            "context variable `{}` is a Number in the work stream, so field `{}` needs an integer or float type; its type is sent as Text",
            field.name,
            field.member.to_token_stream()
        );
        quote_spanned! {field.ty.span()=>
            const _: () = if !::core::matches!(
                <#ty as #private::ContextField>::KIND,
                #private::VariableKind::Number
            ) {
                ::core::panic!(#message)
            };
        }
    });
    let note = (!checked.unsent.is_empty()).then(|| {
        let message = format!(
            "`{}` does not send {} of the work stream's context variables: {} (they are optional; #[lwi(partial)] says this is intended, #[lwi(exhaustive)] makes it an error)",
            cont.ident,
            checked.unsent.len(),
            listed(&checked.unsent)
        );
        let tokens = &checked.tokens;
        // Stable Rust lets a derive warn only through a lint: a deprecated item, used.
        let note = quote_spanned!(tokens.span()=> context_variables_not_sent);
        quote! {
            #[deprecated(note = #message)]
            #[allow(non_camel_case_types)]
            struct #note;
            const _: () = { let _ = #note; };
        }
    });
    quote! {
        // Rebuild when the export changes.
        const _: &[u8] = ::core::include_bytes!(#path);
        #(#numbers)*
        #note
    }
}

/// `ty` with every lifetime made `'static`, so that it can be named outside the impl: a field's
/// kind does not depend on lifetimes.
fn with_static_lifetimes(tokens: TokenStream) -> TokenStream {
    use proc_macro2::{Group, Spacing, TokenTree};
    let mut out = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(punct)
                if punct.as_char() == '\'' && punct.spacing() == Spacing::Joint =>
            {
                tokens.next();
                out.extend(quote!('static));
            }
            TokenTree::Group(group) => {
                let mut inner =
                    Group::new(group.delimiter(), with_static_lifetimes(group.stream()));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

fn displayable(field: &Field<'_>) -> bool {
    field.attrs.displayable.as_ref().is_none_or(|d| d.value)
}

/// What stands in for the impl when the input has errors: an impl that keeps the user's other
/// code free of follow-on errors, and the type check of each field that the errors did not
/// already cover, so a field whose type is wrong through an alias is reported too.
fn fallback(cont: &Container<'_>) -> TokenStream {
    let private = cont.private_path();
    let ident = cont.ident;
    let name = ident.unraw().to_string();
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let concrete = cont.type_parameters().next().is_none();
    let assertions = cont
        .sent_fields()
        .filter(|field| concrete && rejected_shape(field.ty).is_none())
        .map(|field| {
            let ty = field.ty;
            quote_spanned!(ty.span()=> let _ = <#ty as #private::ContextField>::OPTIONAL;)
        });
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::LwiContext for #ident #ty_generics #where_clause {
            const NAME: &'static str = #name;
            const VARIABLES: &'static [#private::ContextVariable] = {
                #(#assertions)*
                &[]
            };

            fn encode_variables(
                &self,
                _: &mut #private::ContextEncoder<'_>,
            ) -> #private::Result<(), #private::ContextError> {
                ::core::unreachable!()
            }
        }
    }
}
