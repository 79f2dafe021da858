//! The first thing to run: `cargo run --example quickstart`.
//!
//! Makes a throwaway RSA key, fills a context struct that mirrors a work stream's context
//! variables, mints the chat token, and prints what the widget would make of it and what the
//! "Public key URL" would serve.

use std::time::{Duration, SystemTime};

use lwicontext::context::Encoding;
use lwicontext::diagnose::{DiagnoseOptions, diagnose};
use lwicontext::keys::{KeySet, Signer};
use lwicontext::token::TokenBuilder;
use lwicontext::{LwiContext, LwiValue};

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

fn main() -> Result<(), Box<dyn std::error::Error>> {
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

    println!("\nThe lwicontexts claim in each encoding:");
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

    // A throwaway key: a real site loads its own with Signer::from_pem.
    let signer = Signer::generate(2048)?.with_kid("quickstart");
    let token = TokenBuilder::new("contosohelp.com", "87b4d06c-abc2-e811-a9b0-000d3a10e09e")
        .lifetime(Duration::from_mins(15))
        .context(&ctx)
        .sign(&signer)?;
    println!(
        "\nMinted a {}-character RS256 token (shown only by its last characters below).",
        token.len()
    );

    let options = DiagnoseOptions::new()
        .public_key(signer.public_key().clone())
        .schema_of::<ChatContext>();
    println!("\n{}", diagnose(&token, &options));

    println!("What the Public key URL serves for this key (one key: the PEM text):");
    println!("{}", signer.public_key_pem());
    let mut keys = KeySet::new();
    keys.add_signer(&signer, SystemTime::now() + Duration::from_hours(365 * 24))?;
    println!(
        "For several keys (rotation), Omnichannel's JSON form:\n{}",
        keys.to_omnichannel_json()
    );

    let broken = ChatContext {
        risk_score: f64::NAN,
        ..ctx
    };
    if let Err(error) = broken.to_lwicontexts() {
        println!("\nA value Omnichannel cannot take is refused, naming the variable:\n  {error}");
    }
    Ok(())
}
