//! Compile-time behaviour of the derives: what compiles, and the exact errors for what must not.
//! The `.stderr` files are reviewed; regenerate them with `TRYBUILD=overwrite` and read the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*/*.rs");
}
