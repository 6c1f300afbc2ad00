//! The catalogue's types: what the JSON files under `shared/catalogue/` deserialize into.
//!
//! Checklists and knowledge tests are versioned: a published version never changes, a revision
//! is a new version, and results record the version they were made with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::{
    BilingualText, Cadre, CompetencyId, IndicatorId, ItemId, OptionId, Programme, QuestionId,
    SectionId, TechnicalArea,
};

/// Display names and scope of a programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInfo {
    pub programme: Programme,
    pub name: BilingualText,
    pub description: BilingualText,
    pub country: String,
    pub technical_areas: Vec<TechnicalArea>,
}

/// Display name of a technical area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechnicalAreaInfo {
    pub area: TechnicalArea,
    pub name: BilingualText,
}

fn default_weight() -> u32 {
    1
}

fn is_default_weight(weight: &u32) -> bool {
    *weight == 1
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// One step of a skills checklist (or one item of a facility tool).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: ItemId,
    pub text: BilingualText,
    /// A critical step must be done for the technique to count as performed properly.
    #[serde(default, skip_serializing_if = "is_false")]
    pub critical: bool,
    #[serde(default = "default_weight", skip_serializing_if = "is_default_weight")]
    pub weight: u32,
    /// Whether the observer may mark the step not applicable to the case.
    #[serde(default, skip_serializing_if = "is_false")]
    pub na_allowed: bool,
}

/// A titled group of steps (e.g. "Preparation", "Golden minute").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistSection {
    pub id: SectionId,
    pub title: BilingualText,
    pub items: Vec<ChecklistItem>,
}

/// One published version of a skills checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub version: u32,
    pub sections: Vec<ChecklistSection>,
}

impl Checklist {
    /// All steps, in order.
    pub fn items(&self) -> impl Iterator<Item = &ChecklistItem> {
        self.sections.iter().flat_map(|section| &section.items)
    }

    pub fn item(&self, id: &ItemId) -> Option<&ChecklistItem> {
        self.items().find(|item| &item.id == id)
    }
}

/// One answer option of a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub id: OptionId,
    pub text: BilingualText,
}

/// A single-best-answer question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: QuestionId,
    pub text: BilingualText,
    pub options: Vec<AnswerOption>,
    /// The key: id of the correct option.
    pub answer: OptionId,
    /// One line on why the key is right, shown beside a missed question. Absent in versions
    /// written before it existed, so their fingerprints are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<BilingualText>,
}

/// One published version of a knowledge test (used as pre-test and post-test).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeTest {
    pub version: u32,
    pub questions: Vec<Question>,
}

impl KnowledgeTest {
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.questions.iter().find(|question| &question.id == id)
    }
}

/// A competency with its versioned checklist and knowledge test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub id: CompetencyId,
    pub technical_area: TechnicalArea,
    pub programmes: Vec<Programme>,
    pub cadres: Vec<Cadre>,
    pub name: BilingualText,
    pub description: BilingualText,
    /// Versions in increasing order; the last is current.
    pub checklists: Vec<Checklist>,
    pub knowledge_tests: Vec<KnowledgeTest>,
}

impl Competency {
    pub fn checklist(&self, version: u32) -> Option<&Checklist> {
        self.checklists
            .iter()
            .find(|checklist| checklist.version == version)
    }

    pub fn knowledge_test(&self, version: u32) -> Option<&KnowledgeTest> {
        self.knowledge_tests
            .iter()
            .find(|test| test.version == version)
    }

    /// The version new observations use. The loader guarantees there is one.
    pub fn current_checklist(&self) -> Option<&Checklist> {
        self.checklists.last()
    }

    /// The version new tests use. The loader guarantees there is one.
    pub fn current_knowledge_test(&self) -> Option<&KnowledgeTest> {
        self.knowledge_tests.last()
    }
}

/// A facility tool filled in item by item: the baseline assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilityTool {
    pub version: u32,
    pub name: BilingualText,
    pub sections: Vec<ChecklistSection>,
}

/// An indicator whose reported value is recounted from the registers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDefinition {
    pub id: IndicatorId,
    pub technical_area: TechnicalArea,
    pub name: BilingualText,
    /// The register the value is recounted from.
    pub source: BilingualText,
}

/// The data verification form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataVerificationForm {
    pub version: u32,
    pub name: BilingualText,
    /// A verification factor within ±tolerance of 100% counts as accurate, in basis points.
    pub tolerance_basis_points: u16,
    pub indicators: Vec<IndicatorDefinition>,
}

/// The programmes file: programme and area display data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammesFile {
    pub programmes: Vec<ProgrammeInfo>,
    pub technical_areas: Vec<TechnicalAreaInfo>,
}

/// The validated catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub programmes: Vec<ProgrammeInfo>,
    pub technical_areas: Vec<TechnicalAreaInfo>,
    /// Sorted by id.
    pub competencies: Vec<Competency>,
    /// Versions in increasing order.
    pub baseline_tools: Vec<FacilityTool>,
    /// Versions in increasing order.
    pub data_verification_forms: Vec<DataVerificationForm>,
}

impl Catalogue {
    pub fn competency(&self, id: &CompetencyId) -> Option<&Competency> {
        self.competencies
            .iter()
            .find(|competency| &competency.id == id)
    }

    pub fn competencies_in(&self, area: TechnicalArea) -> impl Iterator<Item = &Competency> {
        self.competencies
            .iter()
            .filter(move |competency| competency.technical_area == area)
    }

    pub fn programme(&self, programme: Programme) -> Option<&ProgrammeInfo> {
        self.programmes
            .iter()
            .find(|info| info.programme == programme)
    }

    pub fn area_name(&self, area: TechnicalArea) -> Option<&BilingualText> {
        self.technical_areas
            .iter()
            .find(|info| info.area == area)
            .map(|info| &info.name)
    }

    /// Which technical area each competency belongs to: the lookup reports take.
    pub fn competency_areas(&self) -> BTreeMap<CompetencyId, TechnicalArea> {
        self.competencies
            .iter()
            .map(|competency| (competency.id.clone(), competency.technical_area))
            .collect()
    }

    pub fn current_baseline_tool(&self) -> Option<&FacilityTool> {
        self.baseline_tools.last()
    }

    pub fn current_data_verification_form(&self) -> Option<&DataVerificationForm> {
        self.data_verification_forms.last()
    }
}
