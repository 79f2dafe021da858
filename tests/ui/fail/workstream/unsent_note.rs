// trybuild compiles this under target/tests/trybuild/lwicontext/: the `workstream` path climbs
// from there to the repository (paths are relative to the compiling crate's Cargo.toml).
// Variables the struct does not send are listed in one note, a warning (the deprecation lint
// is the only one a derive can raise on stable Rust); denied here to show it.
#![deny(deprecated)]

use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "../../../../examples/workstream/contextvariables.json")]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u32,
    #[lwi(rename = "msdyn_isvip")]
    is_vip: bool,
}

fn main() {}
