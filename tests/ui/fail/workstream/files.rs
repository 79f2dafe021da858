// trybuild compiles this under target/tests/trybuild/lwicontext/: the `workstream` path climbs
// from there to the repository (paths are relative to the compiling crate's Cargo.toml).
use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(workstream = "../../../../tests/ui/workstream/missing.json")]
struct Missing {
    a: u32,
}

#[derive(LwiContext)]
#[lwi(workstream = "../../../../tests/ui/workstream/truncated.json")]
struct Truncated {
    a: u32,
}

#[derive(LwiContext)]
#[lwi(workstream = "../../../../tests/ui/workstream/no_datatype.json")]
struct NoDatatype {
    a: u32,
}

fn main() {}
