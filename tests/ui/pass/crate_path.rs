// A crate that re-exports lwicontext points the derive at its own path.
mod reexport {
    pub use lwicontext as chat;
}

use reexport::chat::{LwiContext, LwiValue};

#[derive(LwiValue)]
#[lwi(crate = "crate::reexport::chat")]
enum Tier {
    Gold,
}

#[derive(LwiContext)]
#[lwi(crate = "crate::reexport::chat", prefix = "msdyn_")]
struct ChatContext {
    tier: Tier,
}

fn main() {
    let ctx = ChatContext { tier: Tier::Gold };
    assert_eq!(ctx.to_lwicontexts().unwrap(), r#"{"msdyn_tier":"Gold"}"#);
}
