use lwicontext::LwiContext;

#[derive(LwiContext)]
struct ChatContext {
    #[lwi(skip, rename = "msdyn_session")]
    session: Vec<u8>,
    #[lwi(skip, displayable = false)]
    secret: String,
}

fn main() {}
