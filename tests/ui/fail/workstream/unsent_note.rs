// `workstream` paths are relative to the compiling crate's Cargo.toml: tests/ui.rs puts the
// exports there, in trybuild's project folder.
// Variables the struct does not send are listed in one note, a warning (the deprecation lint
// is the only one a derive can raise on stable Rust); denied here to show it.
#![deny(deprecated)]

use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "workstream/contextvariables.json")]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u32,
    #[lwi(rename = "msdyn_isvip")]
    is_vip: bool,
}

fn main() {}
