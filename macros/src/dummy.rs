//! The wrapper every generated impl sits in.

use proc_macro2::TokenStream;
use quote::quote;

/// Puts `code` in an anonymous const, so nothing it names leaks into the user's module.
pub(crate) fn wrap_in_const(code: &TokenStream) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_attributes, unused_qualifications)]
        const _: () = {
            #code
        };
    }
}
