//! What the map says: the analyses of [`journey_core::analysis`] over a map read whole,
//! with the map's own evidence rules (its thresholds for weak evidence) and today's date.

use journey_core::analysis::{self, Analysis, EvidenceRules};
use journey_core::model::Id;

use crate::{App, AppError, Result};

/// Settings keys of a map's evidence rules.
fn min_n_key(map_id: &str) -> String {
    format!("evidence.min_n:{map_id}")
}

fn max_age_key(map_id: &str) -> String {
    format!("evidence.max_age_days:{map_id}")
}

/// Today in the local time zone, as `YYYY-MM-DD`.
pub fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

impl App {
    /// The map's thresholds for weak evidence (defaults: n < 5, older than 180 days),
    /// counted from today.
    pub fn evidence_rules(&self, map_id: &str) -> Result<EvidenceRules> {
        let default = EvidenceRules::default();
        let read = |key: String, fallback: u32| -> Result<u32> {
            Ok(self
                .setting(&key)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(fallback))
        };
        Ok(EvidenceRules {
            min_n: read(min_n_key(map_id), default.min_n)?,
            max_age_days: read(max_age_key(map_id), default.max_age_days)?,
            today: Some(today()),
        })
    }

    /// Sets the map's thresholds for weak evidence.
    pub fn set_evidence_rules(
        &mut self,
        map_id: &str,
        min_n: u32,
        max_age_days: u32,
    ) -> Result<()> {
        self.map_name(map_id)?;
        if !(1..=10_000).contains(&min_n) {
            return Err(AppError::Invalid(format!(
                "the smallest n of a strong figure: {min_n} is outside 1–10000"
            )));
        }
        if !(1..=36_500).contains(&max_age_days) {
            return Err(AppError::Invalid(format!(
                "the age of old evidence: {max_age_days} days is outside 1–36500"
            )));
        }
        self.set_setting(&min_n_key(map_id), &min_n.to_string())?;
        self.set_setting(&max_age_key(map_id), &max_age_days.to_string())
    }

    /// Every analysis of the map, with its evidence rules. The map the desktop app has
    /// open is analysed from the copy kept in memory when it is current (no write by
    /// another connection since, links in their stored order), else read from the store.
    pub fn analysis(&self, map_id: &str) -> Result<Analysis> {
        let rules = self.evidence_rules(map_id)?;
        if let Some(map) = self.open_map_if_current(map_id)? {
            return analysis_of(map, &rules);
        }
        analysis_of(&self.load_map(map_id)?, &rules)
    }

    /// The map's touchpoints that match a search (see [`analysis::search`]).
    pub fn search(&self, map_id: &str, query: &str) -> Result<Vec<Id>> {
        Ok(analysis::search(&self.load_map(map_id)?, query))
    }
}

/// Every analysis of a map already read.
pub fn analysis_of(
    map: &journey_core::model::JourneyMap,
    rules: &EvidenceRules,
) -> Result<Analysis> {
    Analysis::of(map, rules).map_err(|e| AppError::Invalid(e.to_string()))
}
