//! The first thing to run: `cargo run --example quickstart`.
//!
//! Fills a context struct that mirrors a work stream's context variables and prints what the
//! chat token's `lwicontexts` claim would carry, in each encoding, with the schema the derive
//! wrote.

use lwicontext::{ContextError, Encoding, LwiContext, LwiValue};

/// How the customer reached the chat; sent as the variant's name in lowercase.
#[derive(LwiValue)]
#[lwi(rename_all = "lowercase")]
enum Channel {
    Web,
    App,
}

/// Mirrors the work stream's context variables.
#[derive(LwiContext)]
#[lwi(prefix = "msdyn_")]
struct ChatContext {
    /// Cart value in cents.
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u32,
    /// Whether the customer is a VIP.
    #[lwi(rename = "msdyn_isvip")]
    is_vip: bool,
    /// Loyalty tier; left out when unknown.
    tier: Option<String>,
    /// Where the chat started.
    channel: Channel,
    /// Internal note for agents only.
    #[lwi(displayable = false)]
    risk_score: f64,
    /// Never sent.
    #[lwi(skip)]
    session_id: String,
}

fn main() -> Result<(), ContextError> {
    let from_app = std::env::args().any(|arg| arg == "--app");
    let ctx = ChatContext {
        cart_value: 10000,
        is_vip: false,
        tier: Some("gold".to_owned()),
        channel: if from_app { Channel::App } else { Channel::Web },
        risk_score: 0.25,
        session_id: "3f1c".to_owned(),
    };
    println!("Session {} stays on the server.\n", ctx.session_id);

    println!("Context variables of ChatContext (what the work stream needs):");
    println!(
        "  {:<18} {:<7} {:<9} {:<12} doc",
        "name", "type", "optional", "displayable"
    );
    for variable in ChatContext::VARIABLES {
        println!(
            "  {:<18} {:<7} {:<9} {:<12} {}",
            variable.name, variable.kind, variable.optional, variable.displayable, variable.doc
        );
    }

    println!("\nThe lwicontexts claim:");
    for encoding in [Encoding::String, Encoding::Native, Encoding::Nested] {
        let default = if encoding == ChatContext::ENCODING {
            " (this struct's)"
        } else {
            ""
        };
        println!(
            "  {encoding}{default}:\n    {}",
            ctx.to_lwicontexts_as(encoding)?
        );
    }

    let broken = ChatContext {
        risk_score: f64::NAN,
        ..ctx
    };
    if let Err(error) = broken.to_lwicontexts() {
        println!("\nA value Omnichannel cannot take is refused, naming the variable:\n  {error}");
    }
    Ok(())
}
