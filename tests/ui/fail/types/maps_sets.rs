use std::collections::{BTreeSet, HashMap};

use lwicontext::LwiContext;

#[derive(LwiContext)]
struct ChatContext {
    #[lwi(rename = "msdyn_extra")]
    extra: HashMap<String, String>,
    #[lwi(rename = "msdyn_flags")]
    flags: BTreeSet<String>,
    #[lwi(rename = "msdyn_payload")]
    payload: serde_json::Value,
}

fn main() {}
