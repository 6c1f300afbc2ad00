//! Scores of a baseline assessment by section, and the change since the previous assessment.
//!
//! Each applicable item is worth 2 points: "yes" earns 2, "partial" 1, "no" 0; an item marked
//! not applicable (or not answered) counts for nothing either way. A section's percentage is
//! rounded half up, as the programme's reports print them, and the change is the difference of
//! the two printed percentages, so the numbers on screen add up.

use std::collections::BTreeMap;

use crate::catalogue::FacilityTool;
use crate::domain::{BaselineAnswer, Proportion};

/// One section's points: earned out of possible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionScore {
    /// The catalogue's section id.
    pub section: String,
    pub earned: u32,
    pub possible: u32,
}

impl SectionScore {
    /// Whole percentage, rounded half up; `None` when nothing in the section applied.
    pub fn percent(&self) -> Option<u32> {
        Proportion::new(self.earned, self.possible).percent_rounded()
    }
}

fn points(answer: BaselineAnswer) -> Option<u32> {
    match answer {
        BaselineAnswer::Yes => Some(2),
        BaselineAnswer::Partial => Some(1),
        BaselineAnswer::No => Some(0),
        BaselineAnswer::NotApplicable => None,
    }
}

/// The score of each section of `tool`, in the tool's order.
pub fn section_scores(
    tool: &FacilityTool,
    answers: &BTreeMap<String, BaselineAnswer>,
) -> Vec<SectionScore> {
    tool.sections
        .iter()
        .map(|section| {
            let (earned, possible) = section
                .items
                .iter()
                .filter_map(|item| answers.get(item.id.as_str()).copied().and_then(points))
                .fold((0, 0), |(earned, possible), p| (earned + p, possible + 2));
            SectionScore {
                section: section.id.as_str().to_owned(),
                earned,
                possible,
            }
        })
        .collect()
}

/// All sections together.
pub fn overall(scores: &[SectionScore]) -> SectionScore {
    SectionScore {
        section: String::new(),
        earned: scores.iter().map(|s| s.earned).sum(),
        possible: scores.iter().map(|s| s.possible).sum(),
    }
}

/// Which way a section moved since the previous assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Same,
    /// No previous percentage (first assessment, a new section, or nothing applied before or now).
    NoComparison,
}

/// One section now against the previous assessment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionChange {
    pub section: String,
    pub previous: Option<u32>,
    pub now: Option<u32>,
    /// Percentage points, now minus previous.
    pub change: Option<i64>,
    pub trend: Trend,
}

/// Each section of `now` beside the same section of `previous` (matched by section id).
pub fn compare(previous: Option<&[SectionScore]>, now: &[SectionScore]) -> Vec<SectionChange> {
    now.iter()
        .map(|score| {
            let before = previous
                .and_then(|all| all.iter().find(|p| p.section == score.section))
                .and_then(SectionScore::percent);
            let after = score.percent();
            let change = before.zip(after).map(|(b, a)| i64::from(a) - i64::from(b));
            let trend = match change {
                None => Trend::NoComparison,
                Some(c) if c > 0 => Trend::Up,
                Some(c) if c < 0 => Trend::Down,
                Some(_) => Trend::Same,
            };
            SectionChange {
                section: score.section.clone(),
                previous: before,
                now: after,
                change,
                trend,
            }
        })
        .collect()
}
