use lwicontext::LwiContext;

type MaybeTier = Option<String>;

#[derive(LwiContext)]
struct ChatContext {
    #[lwi(rename = "msdyn_tier")]
    tier: Option<Option<String>>,
    // Through an alias the trait check catches it.
    #[lwi(rename = "msdyn_segment")]
    segment: Option<MaybeTier>,
}

fn main() {}
