// trybuild compiles this under target/tests/trybuild/lwicontext/: the `workstream` path climbs
// from there to the repository (paths are relative to the compiling crate's Cargo.toml).
use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "../../../../examples/workstream/contextvariables.json", partial)]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalu")]
    cart_value: u32,
    #[lwi(rename = "msdyn_IsVip")]
    is_vip: bool,
    #[lwi(rename = "msdyn_somethingelse")]
    other: String,
}

fn main() {}
