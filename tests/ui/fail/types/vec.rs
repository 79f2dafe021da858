use lwicontext::LwiContext;

#[derive(LwiContext)]
struct ChatContext {
    #[lwi(rename = "msdyn_tags")]
    tags: Vec<String>,
    #[lwi(rename = "msdyn_scores")]
    scores: [u32; 3],
    #[lwi(rename = "msdyn_items")]
    items: &'static [u8],
}

fn main() {}
