//! `from_lwicontexts` of a context struct on any text: a front end reading a token's context.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lwicontext::context::Encoding;
use lwicontext::{LwiContext, LwiValue};

#[derive(LwiValue, Debug, PartialEq, Clone, Copy)]
enum Tier {
    Gold,
    Silver,
}

#[derive(LwiContext, Debug, PartialEq)]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u32,
    #[lwi(rename = "msdyn_isvip")]
    is_vip: bool,
    #[lwi(rename = "msdyn_tier")]
    tier: Option<Tier>,
    #[lwi(rename = "contoso_riskscore")]
    risk_score: Option<f64>,
    #[lwi(rename = "msdyn_note")]
    note: Option<String>,
}

fuzz_target!(|text: &str| {
    if let Ok(context) = ChatContext::from_lwicontexts(text) {
        // What is read back is sent again as it was read.
        for encoding in Encoding::ALL {
            if let Ok(sent) = context.to_lwicontexts_as(encoding) {
                assert_eq!(
                    ChatContext::from_lwicontexts(&sent).ok(),
                    Some(context_copy(&context))
                );
            }
        }
    }
});

fn context_copy(context: &ChatContext) -> ChatContext {
    ChatContext {
        cart_value: context.cart_value,
        is_vip: context.is_vip,
        tier: context.tier,
        risk_score: context.risk_score,
        note: context.note.clone(),
    }
}
