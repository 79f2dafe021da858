//! Compile-time behaviour of the derives: what compiles, and the exact errors for what must not.
//! The `.stderr` files are reviewed; regenerate them with `TRYBUILD=overwrite` and read the diff.

use std::collections::HashSet;
use std::ffi::OsString;
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    stage_exports(
        &root.join("examples/workstream/contextvariables.json"),
        &root.join("tests/ui/workstream"),
        &trybuild_project().join("workstream"),
    )
    .unwrap();

    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*/*.rs");
}

/// Copies the sample export and every fixture of `fixtures` into `into`, refusing a fixture
/// whose name another file there already has: it would overwrite it, and the cases naming that
/// file would check against the wrong export.
fn stage_exports(sample: &Path, fixtures: &Path, into: &Path) -> Result<(), String> {
    std::fs::create_dir_all(into).map_err(|e| format!("{}: {e}", into.display()))?;
    let mut names = HashSet::from([OsString::from("contextvariables.json")]);
    std::fs::copy(sample, into.join("contextvariables.json"))
        .map_err(|e| format!("{}: {e}", sample.display()))?;
    let entries =
        std::fs::read_dir(fixtures).map_err(|e| format!("{}: {e}", fixtures.display()))?;
    for entry in entries {
        let fixture = entry.map_err(|e| e.to_string())?.path();
        let name = fixture.file_name().unwrap_or_default().to_owned();
        if !names.insert(name.clone()) {
            return Err(format!(
                "{}: a fixture may not be named like another export ({}): rename it",
                fixture.display(),
                name.to_string_lossy()
            ));
        }
        std::fs::copy(&fixture, into.join(&name))
            .map_err(|e| format!("{}: {e}", fixture.display()))?;
    }
    Ok(())
}

#[test]
fn a_fixture_named_like_the_sample_is_refused() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-fixture-names");
    let _ = std::fs::remove_dir_all(&scratch);
    let fixtures = scratch.join("fixtures");
    std::fs::create_dir_all(&fixtures).unwrap();
    std::fs::write(fixtures.join("other.json"), "[]").unwrap();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/workstream/contextvariables.json");
    assert_eq!(
        stage_exports(&sample, &fixtures, &scratch.join("a")),
        Ok(())
    );
    std::fs::write(fixtures.join("contextvariables.json"), "[]").unwrap();
    let refused = stage_exports(&sample, &fixtures, &scratch.join("b")).unwrap_err();
    assert!(
        refused.contains("may not be named like another export"),
        "{refused}"
    );
}
