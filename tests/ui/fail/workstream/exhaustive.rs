// trybuild compiles this under target/tests/trybuild/lwicontext/: the `workstream` path climbs
// from there to the repository (paths are relative to the compiling crate's Cargo.toml).
use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "../../../../examples/workstream/contextvariables.json", exhaustive)]
struct ChatContext {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u32,
}

#[derive(LwiContext)]
#[lwi(exhaustive)]
struct NoExport {
    a: u32,
}

#[derive(LwiContext)]
#[lwi(workstream = "../../../../examples/workstream/contextvariables.json", exhaustive, partial)]
struct Both {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u32,
}

fn main() {}
