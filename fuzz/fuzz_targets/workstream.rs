//! The work stream export reader (`workstream = "…"`, `--workstream`) on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lwicontext_schema::Workstream;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Ok(workstream) = Workstream::parse(text)
    {
        for variable in workstream.variables() {
            let _ = variable.doc();
            assert!(workstream.get(&variable.name).is_some());
        }
        let _ = workstream.fillable().count();
    }
});
