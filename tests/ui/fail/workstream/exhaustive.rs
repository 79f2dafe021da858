// `workstream` paths are relative to the compiling crate's Cargo.toml: tests/ui.rs puts the
// exports there, in trybuild's project folder.
use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "workstream/contextvariables.json", exhaustive)]
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
#[lwi(workstream = "workstream/contextvariables.json", exhaustive, partial)]
struct Both {
    #[lwi(rename = "msdyn_cartvalue")]
    cart_value: u32,
}

fn main() {}
