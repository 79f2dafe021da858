use lwicontext::LwiContext;

// Not opted in with #[derive(LwiValue)].
enum Tier {
    Gold,
}

#[derive(LwiContext)]
struct ChatContext {
    #[lwi(rename = "msdyn_tier")]
    tier: Tier,
}

fn main() {
    let _ = Tier::Gold;
}
