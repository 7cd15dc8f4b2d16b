//! What the reader chose to compare, and how that state round-trips through the URL
//! (`?compare=php,iop&diff=1`). Pure logic: no DOM, no router.

use crate::model::{Comparison, ComparisonRow};

/// Query keys.
pub const COMPARE_KEY: &str = "compare";
pub const DIFF_KEY: &str = "diff";
/// Fewer programs than this is no comparison.
pub const MIN_PROGRAMS: usize = 2;
/// Longer query values are hostile or broken, never ours: ignored whole.
const MAX_VALUE_LEN: usize = 256;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparisonState {
    /// Selected program ids, always in the table's program order, at least two.
    pub selected: Vec<String>,
    /// Hide rows whose values are the same for every selected program.
    pub only_differences: bool,
}

/// Toggling would leave fewer than [`MIN_PROGRAMS`] programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooFewPrograms;

impl ComparisonState {
    /// The article's own table.
    pub fn default_for(table: &Comparison) -> Self {
        ComparisonState {
            selected: table.default_programs().map(|p| p.id.clone()).collect(),
            only_differences: false,
        }
    }

    /// Reads the URL's values. Unknown, duplicated or malformed ids are dropped; fewer
    /// than two valid ids means the default selection.
    pub fn from_query(table: &Comparison, compare: Option<&str>, diff: Option<&str>) -> Self {
        let mut state = Self::default_for(table);
        if let Some(value) = compare.filter(|v| v.len() <= MAX_VALUE_LEN) {
            let wanted: Vec<&str> = value.split(',').map(str::trim).collect();
            let selected: Vec<String> = table
                .programs
                .iter()
                .filter(|p| wanted.contains(&p.id.as_str()))
                .map(|p| p.id.clone())
                .collect();
            if selected.len() >= MIN_PROGRAMS {
                state.selected = selected;
            }
        }
        state.only_differences = diff == Some("1");
        state
    }

    /// The query pairs to put in the URL; none for the default state, so the
    /// article's plain URL stays the canonical one.
    pub fn to_query(&self, table: &Comparison) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.selected != Self::default_for(table).selected {
            pairs.push((COMPARE_KEY, self.selected.join(",")));
        }
        if self.only_differences {
            pairs.push((DIFF_KEY, "1".to_string()));
        }
        pairs
    }

    /// Adds or removes a program, refusing to go below [`MIN_PROGRAMS`].
    pub fn toggle(&self, table: &Comparison, id: &str) -> Result<Self, TooFewPrograms> {
        let on = !self.is_selected(id);
        if !on && self.selected.len() <= MIN_PROGRAMS {
            return Err(TooFewPrograms);
        }
        let selected = table
            .programs
            .iter()
            .filter(|p| {
                if p.id == id {
                    on
                } else {
                    self.is_selected(&p.id)
                }
            })
            .map(|p| p.id.clone())
            .collect();
        Ok(ComparisonState {
            selected,
            only_differences: self.only_differences,
        })
    }

    pub fn is_selected(&self, id: &str) -> bool {
        self.selected.iter().any(|s| s == id)
    }

    /// Whether the selected programs' values differ in this row.
    pub fn row_differs(&self, row: &ComparisonRow) -> bool {
        let mut values = self.selected.iter().map(|id| row.cell(id));
        let first = values.next().flatten();
        values.any(|v| v != first)
    }

    /// Whether the row is hidden by "only differences".
    pub fn hides(&self, row: &ComparisonRow) -> bool {
        self.only_differences && !self.row_differs(row)
    }

    pub fn hidden_rows(&self, table: &Comparison) -> usize {
        table.rows.iter().filter(|row| self.hides(row)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Html, Program};

    fn table() -> Comparison {
        let program = |id: &str, default| Program {
            id: id.into(),
            name: id.to_uppercase(),
            default,
        };
        let row = |feature: &str, values: [&str; 3]| ComparisonRow {
            feature: feature.into(),
            values: ["inpatient", "php", "iop"]
                .iter()
                .zip(values)
                .map(|(k, v)| (k.to_string(), Html(v.to_string())))
                .collect(),
        };
        Comparison {
            caption: "c".into(),
            feature_heading: "Feature".into(),
            programs: vec![
                program("inpatient", true),
                program("php", false),
                program("iop", true),
            ],
            rows: vec![
                row("Living", ["on-site", "home", "home"]),
                row("Hours", ["24/7", "25–30", "9–15"]),
            ],
        }
    }

    fn ids(state: &ComparisonState) -> Vec<&str> {
        state.selected.iter().map(String::as_str).collect()
    }

    #[test]
    fn default_is_the_articles_table() {
        let state = ComparisonState::from_query(&table(), None, None);
        assert_eq!(ids(&state), ["inpatient", "iop"]);
        assert!(!state.only_differences);
        assert!(state.to_query(&table()).is_empty());
    }

    #[test]
    fn query_round_trips_in_program_order() {
        let state = ComparisonState::from_query(&table(), Some("iop,php"), Some("1"));
        assert_eq!(ids(&state), ["php", "iop"]);
        assert!(state.only_differences);
        let query = state.to_query(&table());
        assert_eq!(
            query,
            vec![("compare", "php,iop".into()), ("diff", "1".into())]
        );
        let again = ComparisonState::from_query(&table(), Some(&query[0].1), Some(&query[1].1));
        assert_eq!(again, state);
    }

    #[test]
    fn hostile_or_broken_values_fall_back_to_the_default() {
        let long = "iop,".repeat(5_000);
        for compare in [
            "",
            ",,,",
            "iop",
            "iop,iop",
            "<script>alert(1)</script>",
            "\"php\",'iop'",
            "unknown,other",
            long.as_str(),
        ] {
            let state = ComparisonState::from_query(&table(), Some(compare), Some("yes"));
            assert_eq!(ids(&state), ["inpatient", "iop"], "{compare:.40}");
            assert!(!state.only_differences);
        }
        let state = ComparisonState::from_query(&table(), Some("php,unknown,iop,php"), None);
        assert_eq!(ids(&state), ["php", "iop"], "known ids kept, once each");
    }

    #[test]
    fn toggle_keeps_at_least_two() {
        let state = ComparisonState::default_for(&table());
        assert_eq!(state.toggle(&table(), "iop"), Err(TooFewPrograms));
        let three = state.toggle(&table(), "php").unwrap();
        assert_eq!(ids(&three), ["inpatient", "php", "iop"]);
        let two = three.toggle(&table(), "inpatient").unwrap();
        assert_eq!(ids(&two), ["php", "iop"]);
        assert_eq!(two.toggle(&table(), "php"), Err(TooFewPrograms));
    }

    #[test]
    fn only_differences_hides_identical_rows() {
        let table = table();
        let state = ComparisonState::from_query(&table, Some("php,iop"), Some("1"));
        assert!(!state.row_differs(&table.rows[0]));
        assert!(state.hides(&table.rows[0]));
        assert!(!state.hides(&table.rows[1]));
        assert_eq!(state.hidden_rows(&table), 1);
        let all = ComparisonState::from_query(&table, Some("inpatient,php,iop"), Some("1"));
        assert_eq!(all.hidden_rows(&table), 0);
        let off = ComparisonState::from_query(&table, Some("php,iop"), None);
        assert_eq!(off.hidden_rows(&table), 0);
    }
}
