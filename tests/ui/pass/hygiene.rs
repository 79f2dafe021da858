// Generated code names everything by absolute path: local items called `Result`, `Option` or
// `Value` do not disturb it.
#![allow(dead_code)]

use lwicontext::{LwiContext, LwiValue};

type Result<T> = core::result::Result<T, ()>;
struct Option;
struct Value;
struct ContextError;

#[derive(LwiValue)]
enum Tier {
    Gold,
}

#[derive(LwiValue)]
struct Cents(u64);

#[derive(LwiContext)]
struct ChatContext {
    tier: Tier,
    cents: Cents,
    maybe: core::option::Option<u8>,
}

#[derive(LwiContext)]
struct Nothing {}

fn main() {
    let ctx = ChatContext { tier: Tier::Gold, cents: Cents(5), maybe: None };
    assert_eq!(ctx.to_lwicontexts().unwrap(), r#"{"tier":"Gold","cents":"5"}"#);
    assert_eq!(Nothing {}.to_lwicontexts().unwrap(), "{}");
}
