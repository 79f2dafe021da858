//! [`Findings`]: what `diagnose` found so far, bounded per rule.

use crate::prelude::*;
use lwicontext_schema::limits::MAX_FINDINGS_PER_RULE;

use super::{Finding, Rule, Severity, Side};

/// The findings so far, each with the side that refuses the token for it. A rule reports its
/// first [`MAX_FINDINGS_PER_RULE`] cases, then one finding that says how many more there were.
#[derive(Default)]
pub(super) struct Findings {
    list: Vec<Finding>,
    /// How many times each rule was found, reported or not.
    counts: PerRule,
}

/// A count for each rule, in the order of [`Rule::ALL`], which lists every rule: an array for a
/// few dozen keys, where a hash map would be more code in the page's wasm module.
#[derive(Clone)]
struct PerRule([usize; Rule::ALL.len()]);

impl Default for PerRule {
    fn default() -> Self {
        Self([0; Rule::ALL.len()])
    }
}

impl core::ops::Index<Rule> for PerRule {
    type Output = usize;

    fn index(&self, rule: Rule) -> &usize {
        &self.0[Self::slot(rule)]
    }
}

impl core::ops::IndexMut<Rule> for PerRule {
    fn index_mut(&mut self, rule: Rule) -> &mut usize {
        &mut self.0[Self::slot(rule)]
    }
}

impl PerRule {
    fn slot(rule: Rule) -> usize {
        Rule::ALL
            .iter()
            .position(|known| *known == rule)
            .unwrap_or_default()
    }
}

impl Findings {
    /// A warning or a note.
    pub(super) fn add(&mut self, severity: Severity, rule: Rule, message: impl Into<String>) {
        self.push(severity, None, rule, message.into());
    }

    /// An error, refused by the side that checks `rule`.
    pub(super) fn error(&mut self, rule: Rule, message: impl Into<String>) {
        self.push(Severity::Error, rule.refused_by(), rule, message.into());
    }

    /// An error of one variable among possibly thousands: its message (a "did you mean", a
    /// sentence naming the variable) is made only if the finding is reported.
    pub(super) fn error_with(&mut self, rule: Rule, message: impl FnOnce() -> String) {
        if self.counts[rule] < MAX_FINDINGS_PER_RULE {
            self.error(rule, message());
        } else {
            self.counts[rule] += 1;
        }
    }

    /// An error that `side` refuses, whatever side usually checks `rule`.
    pub(super) fn error_by(&mut self, side: Side, rule: Rule, message: impl Into<String>) {
        self.push(Severity::Error, Some(side), rule, message.into());
    }

    fn push(&mut self, severity: Severity, refused_by: Option<Side>, rule: Rule, message: String) {
        self.counts[rule] += 1;
        if self.counts[rule] <= MAX_FINDINGS_PER_RULE {
            self.list.push(Finding {
                severity,
                rule,
                refused_by,
                message,
            });
        }
    }

    /// The findings in order, each rule found too often followed by how many more times.
    pub(super) fn into_list(self) -> Vec<Finding> {
        let mut list = Vec::with_capacity(self.list.len() + Rule::ALL.len());
        let mut seen = PerRule::default();
        for finding in self.list {
            let rule = finding.rule;
            seen[rule] += 1;
            let is_last_kept = seen[rule] == MAX_FINDINGS_PER_RULE;
            let more = self.counts[rule].saturating_sub(MAX_FINDINGS_PER_RULE);
            let summary = (is_last_kept && more > 0).then(|| Finding {
                severity: finding.severity,
                rule,
                refused_by: finding.refused_by,
                message: text![
                    "and ",
                    more,
                    " more finding",
                    if more == 1 { "" } else { "s" },
                    " of rule `",
                    rule.as_str(),
                    "` (the first ",
                    MAX_FINDINGS_PER_RULE,
                    " are above)"
                ],
            });
            list.push(finding);
            list.extend(summary);
        }
        list
    }
}
