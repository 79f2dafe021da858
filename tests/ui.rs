//! Compile-time behaviour of the derives: what compiles, and the exact errors for what must not.
//! The `.stderr` files are reviewed; regenerate them with `TRYBUILD=overwrite` and read the diff.

use std::path::{Path, PathBuf};

/// The folder trybuild compiles the cases in: the `CARGO_MANIFEST_DIR` of their crate, which
/// `#[lwi(workstream = "...")]` paths are relative to.
fn trybuild_project() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp, with or without a target triple.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    target.join("tests/trybuild").join(env!("CARGO_PKG_NAME"))
}

#[test]
fn ui() {
    // The work stream exports the cases name, next to the crate trybuild makes, wherever the
    // target folder is.
    let exports = trybuild_project().join("workstream");
    std::fs::create_dir_all(&exports).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("examples/workstream/contextvariables.json");
    std::fs::copy(&sample, exports.join("contextvariables.json")).unwrap();
    for fixture in std::fs::read_dir(root.join("tests/ui/workstream")).unwrap() {
        let fixture = fixture.unwrap().path();
        std::fs::copy(&fixture, exports.join(fixture.file_name().unwrap())).unwrap();
    }

    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*/*.rs");
}
