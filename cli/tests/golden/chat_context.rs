//! The context variables of the work stream exported to `../examples/workstream/contextvariables.json`.
//!
//! Written by `lwicontext codegen`; `#[derive(LwiContext)]` checks the struct against the
//! export at compile time.

use lwicontext::LwiContext;

/// The context variables of the work stream exported to `../examples/workstream/contextvariables.json`.
#[derive(LwiContext, Clone, Debug, Default, PartialEq)]
#[lwi(
    workstream = "../examples/workstream/contextvariables.json",
    exhaustive
)]
pub struct ChatContext {
    /// Cart value
    #[lwi(rename = "msdyn_cartvalue")]
    pub msdyn_cartvalue: i64,

    /// Is VIP
    #[lwi(rename = "msdyn_isvip")]
    pub msdyn_isvip: Option<String>,

    /// Loyalty tier
    #[lwi(rename = "msdyn_tier")]
    pub msdyn_tier: Option<String>,

    /// Order count
    #[lwi(rename = "msdyn_ordercount")]
    pub msdyn_ordercount: Option<i64>,

    /// Email
    #[lwi(rename = "msdyn_email", displayable = false)]
    pub msdyn_email: Option<String>,

    /// Preferred language
    #[lwi(rename = "contoso_PreferredLanguage")]
    pub contoso_preferred_language: Option<String>,
}
