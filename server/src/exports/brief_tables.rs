//! Tables 1 and 2 of the programme brief as downloads (`table1.csv`, `table2.csv` and two
//! workbook sheets), for a fiscal year given as `?fiscal_year=2025` (the year it ends in) or,
//! by default, the current one. The figures are the dashboard's (`reports::dashboard`), with each
//! facility's level from the place table (Table 1: hospitals; Table 2: health centres).

use std::collections::BTreeMap;

use mentora_shared::domain::FacilityLevel;
use std::sync::OnceLock;

use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use mentora_shared::catalogue::Catalogue;
use mentora_shared::domain::{CompetencyId, TechnicalArea};
use mentora_shared::reports::dashboard::{DashboardData, tables_export};
use mentora_shared::reports::{ExportMentee, ExportTable, FiscalCalendar, FiscalYear};

use crate::AppState;
use crate::error::{ApiError, InternalError};

const CALENDAR: FiscalCalendar = FiscalCalendar::RWANDA;

/// The competency → technical area map and the areas' English names, from the built-in
/// catalogue (read once).
struct Programme {
    areas: BTreeMap<CompetencyId, TechnicalArea>,
    names: BTreeMap<TechnicalArea, String>,
}

fn programme() -> Result<&'static Programme, ApiError> {
    static PROGRAMME: OnceLock<Option<Programme>> = OnceLock::new();
    PROGRAMME
        .get_or_init(|| {
            let catalogue = Catalogue::load_builtin().ok()?;
            let areas = catalogue.competency_areas();
            let names = areas
                .values()
                .filter_map(|&area| Some((area, catalogue.area_name(area)?.en.clone())))
                .collect();
            Some(Programme { areas, names })
        })
        .as_ref()
        .ok_or_else(|| {
            ApiError::Internal(InternalError::Export(
                "the built-in catalogue does not load".to_owned(),
            ))
        })
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct TablesQuery {
    fiscal_year: Option<i32>,
}

/// The fiscal year asked for, or the current one; years outside 2000–2100 are refused.
pub(super) fn year(
    query: Result<Query<TablesQuery>, QueryRejection>,
) -> Result<FiscalYear, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    match query.fiscal_year {
        None => Ok(CALENDAR.fiscal_year(super::today())),
        Some(year) if (2000..=2100).contains(&year) => Ok(FiscalYear(year)),
        Some(year) => Err(ApiError::BadRequest(format!(
            "fiscal_year {year} is outside 2000–2100"
        ))),
    }
}

/// Every facility's level by place id, from the place table.
pub(super) async fn facility_levels(
    state: &AppState,
) -> Result<BTreeMap<String, FacilityLevel>, ApiError> {
    let places = state.with_db(|conn| crate::db::places(conn)).await?;
    Ok(DashboardData::levels_of(
        places.iter().map(|p| (p.id.as_str(), p.level.as_str())),
    ))
}

/// Both tables for `year`; `facility_levels` from [`facility_levels`].
pub(super) fn tables(
    mentees: &[ExportMentee],
    facility_levels: BTreeMap<String, FacilityLevel>,
    year: FiscalYear,
) -> Result<[ExportTable; 2], ApiError> {
    let programme = programme()?;
    let data = DashboardData {
        mentees: mentees.to_vec(),
        facility_levels,
        ..DashboardData::default()
    };
    let name = |area: TechnicalArea| {
        programme
            .names
            .get(&area)
            .cloned()
            .unwrap_or_else(|| format!("{area:?}"))
    };
    Ok(tables_export(&data, &programme.areas, CALENDAR, year, name))
}
