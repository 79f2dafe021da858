//! Running the `lwicontext` binary, for the CLI's test files.

use std::process::{Command, Output};

/// Runs `lwicontext` with `args`, with nothing on standard input.
pub(crate) fn lwicontext(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lwicontext"))
        .args(args)
        .output()
        .unwrap()
}

/// What it printed on standard output.
pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// What it printed on standard error.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}
