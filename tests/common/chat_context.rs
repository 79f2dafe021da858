//! The context struct of the shared token table, also compiled into the wasm tests
//! (`tests/wasm`), which include this file.

use lwicontext::LwiContext;

/// The context of the generated glue's tests (`tests/glue/chat_context.js`) and of the shared
/// token table's `checkToken` column: the reference sample's two variables and a few more.
#[allow(dead_code, reason = "not every test file makes a context")]
#[derive(LwiContext, Debug, PartialEq)]
pub(crate) struct ChatContext {
    /// Cart value in cents.
    #[lwi(rename = "msdyn_cartvalue")]
    pub(crate) cart_value: u32,
    /// Whether the customer is a VIP.
    #[lwi(rename = "msdyn_isvip")]
    pub(crate) is_vip: bool,
    /// The loyalty tier, when the customer has one.
    #[lwi(rename = "msdyn_tier")]
    pub(crate) tier: Option<String>,
    /// An internal risk score: agents do not see it.
    ///
    /// Between 0 and 1.
    #[lwi(rename = "contoso_riskscore", displayable = false)]
    pub(crate) risk_score: Option<f64>,
    #[lwi(rename = "Cart page (URL)")]
    pub(crate) page: Option<String>,
}
