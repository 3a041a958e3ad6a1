//! The rule families, one file each, and [`RULES`]: the one list of every rule, which the
//! validate stage, the validation report, the site and the data dictionary read. To add a
//! rule: define it as a [`Rule`] value in its family's file, raise it from the family's
//! `check`, and list it here.

pub mod arithmetic;
pub mod consistency;
pub mod part_whole;
pub mod projects;
pub mod units;
pub mod years;

pub use super::{Rule, Severity};
use super::facts::Facts;
use super::{Findings, Raised};
use crate::curated::Mappings;
use crate::error::PipelineError;
use crate::records::Note;

/// Every rule, in the order the report lists them.
pub const RULES: [&Rule; 29] = [
    &part_whole::SHARE_OVER_100,
    &part_whole::PART_EXCEEDS_WHOLE,
    &part_whole::PARTS_EXCEED_WHOLE,
    &part_whole::SECTOR_ABOVE_TOTAL,
    &part_whole::SECTORS_EXCEED_TOTAL,
    &units::DIMENSION_MISMATCH,
    &units::OUT_OF_RANGE,
    &years::TARGET_BEFORE_ISSUE,
    &years::BASELINE_NOT_BEFORE_TARGET,
    &years::OUTSIDE_PLAN_PERIOD,
    &years::OBSERVATION_AFTER_ISSUE,
    &years::TARGET_YEAR_UNKNOWN,
    &arithmetic::RANGE_INVERTED,
    &arithmetic::IMPLAUSIBLE_GROWTH,
    &arithmetic::CAGR,
    &arithmetic::CHANGE_VS_LEVELS,
    &arithmetic::SHARE_VS_PARTS,
    &arithmetic::SHARE_ABOVE_BOUND,
    &consistency::CROSS_DOCUMENT,
    &consistency::WEAKENED,
    &consistency::CARRIED_FORWARD,
    &consistency::ATTAINMENT,
    &consistency::DUPLICATE_ROW,
    &units::POINTS_VS_PERCENT,
    &units::PER_UNIT_INCONSISTENT,
    &consistency::ENTERPRISE_REGION,
    &consistency::ERRATA_STALE,
    &projects::CAPACITY_DIMENSION,
    &projects::CAPACITY_CONFLICT,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// Apply every rule to the projection; `notes` are the findings raised by normalize.
pub fn check_all<'a>(facts: &'a Facts, notes: Vec<Note>, m: &Mappings) -> Result<Vec<Raised<'a>>, PipelineError> {
    let mut fs = Findings { list: notes.into_iter().map(|n| Raised::Noted(Box::new(n))).collect() };
    part_whole::check(facts, m, &mut fs);
    units::check(facts, m, &mut fs);
    years::check(facts, &mut fs);
    arithmetic::check(facts, m, &mut fs);
    consistency::check(facts, m, &mut fs)?;
    Ok(fs.list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_namespaced() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for id in ids {
            let family = id.split('.').next().unwrap_or_default();
            assert!(["unit", "year", "arithmetic", "consistency", "errata"].contains(&family), "{id}");
        }
    }
}

#[cfg(test)]
mod planted;
