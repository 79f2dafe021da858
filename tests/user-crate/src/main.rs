//! A user's chat server in miniature: the context checked against the work stream's export at
//! compile time, a token minted and verified, its context read back, and the page's glue.

use lwicontext::LwiContext;
use lwicontext::diagnose::{DiagnoseOptions, diagnose};
use lwicontext::glue::{self, GlueOptions};
use lwicontext::keys::Signer;
use lwicontext::token::TokenBuilder;

/// The work stream's context variables, as `export.json` (next to Cargo.toml) lists them.
#[derive(LwiContext, Debug, PartialEq)]
#[lwi(workstream = "export.json", exhaustive)]
struct ChatContext {
    /// Cart value in cents.
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u32,
    #[lwi(rename = "msdyn_isvip")]
    is_vip: bool,
    #[lwi(rename = "msdyn_tier")]
    tier: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let signer = Signer::generate(2048)?.with_kid("2026-12");
    let context = ChatContext {
        cart_value: 10000,
        is_vip: true,
        tier: Some("gold".into()),
    };
    let token = TokenBuilder::new("contosohelp.com", "87b4d06c-abc2-e811-a9b0-000d3a10e09e")
        .context(&context)
        .sign(&signer)?;

    let options = DiagnoseOptions::new()
        .public_key(signer.public_key().clone())
        .schema_of::<ChatContext>();
    let diagnosis = diagnose(&token, &options);
    assert!(diagnosis.is_accepted(), "{diagnosis}");
    let sent = diagnosis
        .claims
        .as_ref()
        .and_then(|claims| claims["lwicontexts"].as_str());
    assert_eq!(
        ChatContext::from_lwicontexts(sent.ok_or("no lwicontexts")?)?,
        context
    );

    let rendered = glue::render::<ChatContext>(&GlueOptions::default());
    assert!(
        rendered
            .js()
            .contains("export function installAuthTokenProvider(")
    );
    assert!(rendered.dts().contains("msdyn_cartvalue"));
    assert!(!rendered.js().contains("PRIVATE KEY"));

    println!(
        "the user's crate: a token ending in {} accepted, its context read back, {name}.js and {name}.d.ts rendered",
        lwicontext::token::tail(&token),
        name = rendered.name(),
    );
    Ok(())
}
