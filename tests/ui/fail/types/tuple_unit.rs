use lwicontext::LwiContext;

#[derive(LwiContext)]
struct ChatContext {
    #[lwi(rename = "msdyn_pair")]
    pair: (u32, String),
    #[lwi(rename = "msdyn_nothing")]
    nothing: (),
}

fn main() {}
