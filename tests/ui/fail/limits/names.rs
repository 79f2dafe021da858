use lwicontext::LwiContext;

#[derive(LwiContext)]
#[lwi(prefix = "msdyn_")]
struct ChatContext {
    #[lwi(rename = "")]
    empty: u32,
    #[lwi(rename = "msdyn_this_context_variable_name_goes_on_and_on_past_the_one_hundred_characters_omnichannel_allows_xy")]
    long: u32,
    // 101 characters after the prefix is applied.
    a_field_name_that_is_long_enough_that_together_with_the_prefix_it_passes_the_limit_by_one_charx: u32,
}

fn main() {}
