//! Parses and checks catalogue files, collecting every problem instead of stopping at the first.
//!
//! Catalogue content is external input (authors edit JSON), so nothing here panics: each problem
//! becomes a [`CatalogueIssue`] naming file, item and problem.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;

use super::error::{CatalogueError, CatalogueIssue, Problem};
use super::model::{
    Catalogue, Checklist, ChecklistSection, Competency, DataVerificationForm, FacilityTool,
    KnowledgeTest, ProgrammesFile,
};
use crate::domain::{BilingualText, Programme, TechnicalArea};

/// One catalogue file: its path under `shared/catalogue/` and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatalogueSource<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

pub(super) const PROGRAMMES_FILE: &str = "programmes.json";
pub(super) const BASELINE_FILE: &str = "facility_baseline.json";
pub(super) const DATA_VERIFICATION_FILE: &str = "data_verification.json";
pub(super) const COMPETENCY_DIR: &str = "competencies/";

/// Loads a catalogue from its files; see [`Catalogue::load_builtin`] for the shipped one.
pub fn load(sources: &[CatalogueSource<'_>]) -> Result<Catalogue, CatalogueError> {
    let mut checker = Checker::default();
    let mut programmes_file = None;
    let mut baseline_tools = None;
    let mut data_verification_forms = None;
    let mut competencies = Vec::new();
    for source in sources {
        checker.file = source.file.to_owned();
        match source.file {
            PROGRAMMES_FILE => programmes_file = checker.parse::<ProgrammesFile>(source.text),
            BASELINE_FILE => baseline_tools = checker.parse::<Vec<FacilityTool>>(source.text),
            DATA_VERIFICATION_FILE => {
                data_verification_forms = checker.parse::<Vec<DataVerificationForm>>(source.text)
            }
            file => match file
                .strip_prefix(COMPETENCY_DIR)
                .and_then(|name| name.strip_suffix(".json"))
            {
                Some(stem) => {
                    if let Some(competency) = checker.parse::<Competency>(source.text) {
                        checker.competency(stem, &competency);
                        competencies.push((source.file, competency));
                    }
                }
                None => checker.report("file", Problem::MissingEntry),
            },
        }
    }
    for (file, required) in [
        (PROGRAMMES_FILE, programmes_file.is_some()),
        (BASELINE_FILE, baseline_tools.is_some()),
        (DATA_VERIFICATION_FILE, data_verification_forms.is_some()),
    ] {
        if !required && !sources.iter().any(|source| source.file == file) {
            checker.file = file.to_owned();
            checker.report("file", Problem::MissingEntry);
        }
    }
    if let Some(programmes_file) = &programmes_file {
        checker.file = PROGRAMMES_FILE.to_owned();
        checker.programmes(programmes_file);
    }
    if let Some(tools) = &baseline_tools {
        checker.file = BASELINE_FILE.to_owned();
        checker.baseline_tools(tools);
    }
    if let Some(forms) = &data_verification_forms {
        checker.file = DATA_VERIFICATION_FILE.to_owned();
        checker.data_verification_forms(forms);
    }
    let mut seen = BTreeSet::new();
    for (file, competency) in &competencies {
        if !seen.insert(competency.id.as_str()) {
            checker.file = (*file).to_owned();
            checker.report(
                competency.id.as_str(),
                Problem::DuplicateId(competency.id.to_string()),
            );
        }
    }
    match (programmes_file, baseline_tools, data_verification_forms) {
        (Some(programmes_file), Some(baseline_tools), Some(data_verification_forms))
            if checker.issues.is_empty() =>
        {
            let mut competencies: Vec<Competency> = competencies
                .into_iter()
                .map(|(_, competency)| competency)
                .collect();
            competencies.sort_by(|a, b| a.id.cmp(&b.id));
            Ok(Catalogue {
                programmes: programmes_file.programmes,
                technical_areas: programmes_file.technical_areas,
                competencies,
                baseline_tools,
                data_verification_forms,
            })
        }
        _ => Err(CatalogueError(checker.issues)),
    }
}

/// The loader's checks of one checklist version, alone (a spreadsheet import, issue 16):
/// every problem, each under `file` and an item path starting with `item`.
pub(super) fn check_checklist(
    file: &str,
    item: &str,
    checklist: &Checklist,
) -> Vec<CatalogueIssue> {
    let mut checker = Checker::new(file);
    checker.checklist(item, checklist);
    checker.issues
}

/// The loader's checks of one knowledge-test version, alone; see [`check_checklist`].
pub(super) fn check_knowledge_test(
    file: &str,
    item: &str,
    test: &KnowledgeTest,
) -> Vec<CatalogueIssue> {
    let mut checker = Checker::new(file);
    checker.knowledge_test(item, test);
    checker.issues
}

#[derive(Default)]
struct Checker {
    file: String,
    issues: Vec<CatalogueIssue>,
}

impl Checker {
    fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            issues: Vec::new(),
        }
    }

    fn report(&mut self, item: &str, problem: Problem) {
        self.issues.push(CatalogueIssue {
            file: self.file.clone(),
            item: item.to_owned(),
            problem,
        });
    }

    fn parse<T: DeserializeOwned>(&mut self, text: &str) -> Option<T> {
        serde_json::from_str(text)
            .map_err(|error| {
                self.report(
                    &format!("line {} column {}", error.line(), error.column()),
                    Problem::Malformed(error.to_string()),
                )
            })
            .ok()
    }

    fn text(&mut self, item: &str, text: &BilingualText) {
        if let Some(language) = text.missing_language() {
            self.report(item, Problem::MissingTranslation(language));
        }
    }

    fn slug(&mut self, item: &str, id: &str) {
        let well_formed = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !well_formed {
            self.report(item, Problem::BadId);
        }
    }

    fn unique<'a>(&mut self, item: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut seen = BTreeSet::new();
        for id in ids {
            if !seen.insert(id) {
                self.report(&format!("{item} {id}"), Problem::DuplicateId(id.to_owned()));
            }
        }
    }

    fn versions(&mut self, item: &str, versions: impl IntoIterator<Item = u32>) {
        let mut previous = None;
        let mut any = false;
        for version in versions {
            any = true;
            if version == 0 {
                self.report(&format!("{item} v0"), Problem::VersionZero);
            }
            if let Some(previous) = previous.filter(|&previous| version <= previous) {
                self.report(
                    &format!("{item} v{version}"),
                    Problem::VersionNotIncreasing {
                        found: version,
                        previous,
                    },
                );
            }
            previous = Some(version);
        }
        if !any {
            self.report(item, Problem::Empty);
        }
    }

    fn programmes(&mut self, file: &ProgrammesFile) {
        self.unique(
            "programme",
            file.programmes
                .iter()
                .map(|info| programme_slug(info.programme)),
        );
        self.unique(
            "technical area",
            file.technical_areas.iter().map(|info| area_slug(info.area)),
        );
        for programme in Programme::ALL {
            match file
                .programmes
                .iter()
                .find(|info| info.programme == programme)
            {
                Some(info) => {
                    let item = format!("programme {}", programme_slug(programme));
                    self.text(&format!("{item} name"), &info.name);
                    self.text(&format!("{item} description"), &info.description);
                    if info.technical_areas.is_empty() {
                        self.report(&format!("{item} technical_areas"), Problem::Empty);
                    }
                }
                None => self.report(
                    &format!("programme {}", programme_slug(programme)),
                    Problem::MissingEntry,
                ),
            }
        }
        for area in TechnicalArea::ALL {
            let item = format!("technical area {}", area_slug(area));
            match file.technical_areas.iter().find(|info| info.area == area) {
                Some(info) => self.text(&item, &info.name),
                None => self.report(&item, Problem::MissingEntry),
            }
        }
    }

    fn competency(&mut self, file_stem: &str, competency: &Competency) {
        let id = competency.id.as_str();
        self.slug(id, id);
        if id != file_stem {
            self.report(
                id,
                Problem::FileNameMismatch {
                    expected: format!("{COMPETENCY_DIR}{id}.json"),
                },
            );
        }
        self.text(&format!("{id} name"), &competency.name);
        self.text(&format!("{id} description"), &competency.description);
        for (list, empty) in [
            ("programmes", competency.programmes.is_empty()),
            ("cadres", competency.cadres.is_empty()),
        ] {
            if empty {
                self.report(&format!("{id} {list}"), Problem::Empty);
            }
        }
        self.versions(
            &format!("{id} checklist"),
            competency
                .checklists
                .iter()
                .map(|checklist| checklist.version),
        );
        for checklist in &competency.checklists {
            self.checklist(&format!("{id} checklist v{}", checklist.version), checklist);
        }
        self.versions(
            &format!("{id} knowledge test"),
            competency.knowledge_tests.iter().map(|test| test.version),
        );
        for test in &competency.knowledge_tests {
            self.knowledge_test(&format!("{id} knowledge test v{}", test.version), test);
        }
    }

    fn checklist(&mut self, item: &str, checklist: &Checklist) {
        self.sections(item, &checklist.sections);
        if !checklist.items().any(|step| step.critical) {
            self.report(item, Problem::NoCriticalStep);
        }
    }

    fn sections(&mut self, item: &str, sections: &[ChecklistSection]) {
        if sections.is_empty() {
            self.report(item, Problem::Empty);
        }
        self.unique(
            &format!("{item} section"),
            sections.iter().map(|section| section.id.as_str()),
        );
        self.unique(
            &format!("{item} step"),
            sections
                .iter()
                .flat_map(|section| &section.items)
                .map(|step| step.id.as_str()),
        );
        for section in sections {
            let section_item = format!("{item} section {}", section.id);
            self.slug(&section_item, section.id.as_str());
            self.text(&section_item, &section.title);
            if section.items.is_empty() {
                self.report(&section_item, Problem::Empty);
            }
            for step in &section.items {
                let step_item = format!("{item} step {}", step.id);
                self.slug(&step_item, step.id.as_str());
                self.text(&step_item, &step.text);
                if step.weight == 0 {
                    self.report(&step_item, Problem::ZeroWeight);
                }
            }
        }
    }

    fn knowledge_test(&mut self, item: &str, test: &KnowledgeTest) {
        if test.questions.is_empty() {
            self.report(item, Problem::Empty);
        }
        self.unique(
            &format!("{item} question"),
            test.questions.iter().map(|question| question.id.as_str()),
        );
        for question in &test.questions {
            let question_item = format!("{item} question {}", question.id);
            self.slug(&question_item, question.id.as_str());
            self.text(&question_item, &question.text);
            if let Some(explanation) = &question.explanation {
                self.text(&format!("{question_item} explanation"), explanation);
            }
            if question.options.len() < 2 {
                self.report(
                    &question_item,
                    Problem::TooFewOptions(question.options.len()),
                );
            }
            self.unique(
                &format!("{question_item} option"),
                question.options.iter().map(|option| option.id.as_str()),
            );
            for option in &question.options {
                let option_item = format!("{question_item} option {}", option.id);
                self.slug(&option_item, option.id.as_str());
                self.text(&option_item, &option.text);
            }
            if !question
                .options
                .iter()
                .any(|option| option.id == question.answer)
            {
                self.report(
                    &question_item,
                    Problem::AnswerNotAnOption(question.answer.to_string()),
                );
            }
        }
    }

    fn baseline_tools(&mut self, tools: &[FacilityTool]) {
        self.versions("baseline tool", tools.iter().map(|tool| tool.version));
        for tool in tools {
            let item = format!("baseline tool v{}", tool.version);
            self.text(&format!("{item} name"), &tool.name);
            self.sections(&item, &tool.sections);
        }
    }

    fn data_verification_forms(&mut self, forms: &[DataVerificationForm]) {
        self.versions(
            "data verification form",
            forms.iter().map(|form| form.version),
        );
        for form in forms {
            let item = format!("data verification form v{}", form.version);
            self.text(&format!("{item} name"), &form.name);
            if form.tolerance_basis_points > 10_000 {
                self.report(
                    &item,
                    Problem::ToleranceOutOfRange(form.tolerance_basis_points),
                );
            }
            if form.indicators.is_empty() {
                self.report(&format!("{item} indicators"), Problem::Empty);
            }
            self.unique(
                &format!("{item} indicator"),
                form.indicators
                    .iter()
                    .map(|indicator| indicator.id.as_str()),
            );
            for indicator in &form.indicators {
                let indicator_item = format!("{item} indicator {}", indicator.id);
                self.slug(&indicator_item, indicator.id.as_str());
                self.text(&format!("{indicator_item} name"), &indicator.name);
                self.text(&format!("{indicator_item} source"), &indicator.source);
            }
        }
    }
}

fn programme_slug(programme: Programme) -> &'static str {
    match programme {
        Programme::Ingobyi => "ingobyi",
        Programme::Tutorat => "tutorat",
        Programme::TutoratPlus => "tutorat_plus",
        Programme::RbcHivMentorship => "rbc_hiv_mentorship",
        Programme::Mesh => "mesh",
    }
}

fn area_slug(area: TechnicalArea) -> &'static str {
    match area {
        TechnicalArea::Mnh => "mnh",
        TechnicalArea::Imci => "imci",
        TechnicalArea::Fp => "fp",
        TechnicalArea::NeonatalHealth => "neonatal_health",
        TechnicalArea::Cbmnh => "cbmnh",
        TechnicalArea::CbpFp => "cbp_fp",
        TechnicalArea::Iccm => "iccm",
        TechnicalArea::Hiv => "hiv",
        TechnicalArea::Tb => "tb",
        TechnicalArea::Malaria => "malaria",
    }
}
