// trybuild compiles this under target/tests/trybuild/lwicontext/: the `workstream` path climbs
// from there to the repository (paths are relative to the compiling crate's Cargo.toml).
use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "../../../../examples/workstream/contextvariables.json", partial)]
struct ChatContext {
    #[lwi(rename = "msdyn_lastorder")]
    last_order: String,
    #[lwi(rename = "msdyn_oldpromo")]
    old_promo: String,
}

fn main() {}
