// `workstream` paths are relative to the compiling crate's Cargo.toml: tests/ui.rs puts the
// exports there, in trybuild's project folder.
use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "workstream/missing.json")]
struct Missing {
    a: u32,
}

#[derive(LwiContext)]
#[lwi(workstream = "workstream/truncated.json")]
struct Truncated {
    a: u32,
}

#[derive(LwiContext)]
#[lwi(workstream = "workstream/no_datatype.json")]
struct NoDatatype {
    a: u32,
}

fn main() {}
