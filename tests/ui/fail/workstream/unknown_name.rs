// `workstream` paths are relative to the compiling crate's Cargo.toml: tests/ui.rs puts the
// exports there, in trybuild's project folder.
use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "workstream/contextvariables.json", partial)]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalu")]
    cart_value: u32,
    #[lwi(rename = "msdyn_IsVip")]
    is_vip: bool,
    #[lwi(rename = "msdyn_somethingelse")]
    other: String,
}

fn main() {}
