// `workstream` paths are relative to the compiling crate's Cargo.toml: tests/ui.rs puts the
// exports there, in trybuild's project folder.
use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "workstream/contextvariables.json", partial)]
struct ChatContext {
    #[lwi(rename = "msdyn_lastorder")]
    last_order: String,
    #[lwi(rename = "msdyn_oldpromo")]
    old_promo: String,
}

fn main() {}
