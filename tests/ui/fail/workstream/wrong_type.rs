// `workstream` paths are relative to the compiling crate's Cargo.toml: tests/ui.rs puts the
// exports there, in trybuild's project folder.
use lwicontext::LwiContext;

// Text behind an alias: the check decides by the real type.
type Amount = String;

#[derive(LwiContext)]
#[lwi(workstream = "workstream/contextvariables.json", partial)]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: Amount,
    #[lwi(rename = "msdyn_ordercount")]
    order_count: Option<bool>,
    // A Text variable takes any primitive.
    #[lwi(rename = "msdyn_tier")]
    tier: u8,
}

fn main() {}
