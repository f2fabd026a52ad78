//! How sure a figure is: its n, how old its evidence is, and for NPS a 95% confidence
//! interval, so that "NPS −100 (n=1)" looks weaker than "NPS −60 (n=40)".

use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

use crate::metrics::{Metrics, Nps};

/// When evidence counts as weak. Both thresholds are map settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceRules {
    /// A figure resting on fewer answers than this is weak (default 5).
    pub min_n: u32,
    /// Evidence whose newest item is older than this many days is weak (default 180).
    pub max_age_days: u32,
    /// The day ages are counted from (`YYYY-MM-DD`); `None` leaves age out.
    pub today: Option<String>,
}

impl Default for EvidenceRules {
    fn default() -> Self {
        EvidenceRules {
            min_n: 5,
            max_age_days: 180,
            today: None,
        }
    }
}

/// Why a group's evidence is weak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum WeakReason {
    /// No feedback at all.
    NoEvidence,
    /// Fewer feedback items than the rule's `min_n`.
    FewAnswers,
    /// The newest dated item is older than the rule's `max_age_days`.
    Old,
}

/// A day, `YYYY-MM-DD` in JSON, kept as the number `yyyymmdd`: an analysis of a big map
/// makes tens of thousands of them, and a number costs no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(u32);

impl Day {
    /// The day of `YYYY-MM-DD`; `None` for any other text.
    pub fn parse(date: &str) -> Option<Day> {
        day_number(date).map(Day)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        write!(f, "{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100)
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Day {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Day".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A day, `YYYY-MM-DD`.",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

/// Why a figure is weak, as a set (at most the three reasons, in their order): a list in
/// JSON, a byte here, so that no strong or weak figure allocates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WeakReasons(u8);

impl WeakReasons {
    const ALL: [WeakReason; 3] = [
        WeakReason::NoEvidence,
        WeakReason::FewAnswers,
        WeakReason::Old,
    ];

    fn bit(r: WeakReason) -> u8 {
        match r {
            WeakReason::NoEvidence => 1,
            WeakReason::FewAnswers => 2,
            WeakReason::Old => 4,
        }
    }

    pub fn push(&mut self, r: WeakReason) {
        self.0 |= Self::bit(r);
    }

    pub fn contains(&self, r: WeakReason) -> bool {
        self.0 & Self::bit(r) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The reasons, in the order [`WeakReason`] lists them.
    pub fn iter(&self) -> impl Iterator<Item = WeakReason> + '_ {
        Self::ALL.into_iter().filter(|r| self.contains(*r))
    }

    pub fn to_vec(&self) -> Vec<WeakReason> {
        self.iter().collect()
    }
}

impl Serialize for WeakReasons {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl JsonSchema for WeakReasons {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<WeakReason>>::schema_name()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<WeakReason>>::json_schema(g)
    }
}

/// The evidence behind one touchpoint, stage, lane, cell or the map.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// Feedback items.
    pub n: u32,
    /// The newest and oldest feedback date (`YYYY-MM-DD`), when any item is dated.
    #[ts(as = "Option<String>")]
    pub newest: Option<Day>,
    #[ts(as = "Option<String>")]
    pub oldest: Option<Day>,
    /// 95% confidence interval of the NPS (adjusted Wald), whole points, when there are
    /// NPS answers.
    pub nps_ci: Option<NpsInterval>,
    /// Whether NPS, CSAT and CES rest on fewer answers than `min_n` each.
    pub nps_weak: bool,
    pub csat_weak: bool,
    pub ces_weak: bool,
    /// Empty when the evidence is not weak.
    #[ts(as = "Vec<WeakReason>")]
    pub weak: WeakReasons,
}

/// A confidence interval of an NPS, in whole points from −100 to +100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct NpsInterval {
    pub low: i32,
    pub high: i32,
}

/// Collects feedback dates (`YYYY-MM-DD`) for [`Evidence`]. Each is compared as a
/// number (`yyyymmdd`): comparing the text calls `memcmp` for every feedback item, which
/// costs more than the rest of its tally.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Dates<'m> {
    newest: Option<(u32, &'m str)>,
    oldest: Option<(u32, &'m str)>,
}

/// `YYYY-MM-DD` as the number `yyyymmdd`, which sorts as the dates do; `None` for any other
/// text (validation keeps it out of maps).
fn day_number(date: &str) -> Option<u32> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let mut n = 0u32;
    for (i, &c) in b.iter().enumerate() {
        if i == 4 || i == 7 {
            continue;
        }
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    Some(n)
}

impl<'m> Dates<'m> {
    pub(crate) fn add(&mut self, date: Option<&'m str>) {
        let Some(d) = date else { return };
        let Some(k) = day_number(d) else { return };
        self.add_day(Some((k, d)));
    }

    fn add_day(&mut self, day: Option<(u32, &'m str)>) {
        let Some((k, d)) = day else { return };
        if self.newest.is_none_or(|(n, _)| k > n) {
            self.newest = Some((k, d));
        }
        if self.oldest.is_none_or(|(o, _)| k < o) {
            self.oldest = Some((k, d));
        }
    }

    /// Adds the dates another collection saw.
    pub(crate) fn merge(&mut self, other: Dates<'m>) {
        self.add_day(other.newest);
        self.add_day(other.oldest);
    }
}

/// The rules, prepared once per analysis: the oldest date still counted as recent.
#[derive(Debug, Clone)]
pub(crate) struct Judge {
    min_n: u32,
    /// Evidence whose newest item is before this day (`yyyymmdd`) is old; `None` without
    /// a today.
    cutoff: Option<u32>,
}

impl Judge {
    pub(crate) fn new(rules: &EvidenceRules) -> Judge {
        let cutoff = rules.today.as_deref().and_then(|t| {
            let today: jiff::civil::Date = t.parse().ok()?;
            let days = jiff::Span::new().days(i64::from(rules.max_age_days));
            today
                .checked_sub(days)
                .ok()
                .and_then(|d| day_number(&d.to_string()))
        });
        Judge {
            min_n: rules.min_n,
            cutoff,
        }
    }
}

/// The 95% interval of an NPS by the adjusted-Wald method: add 3 answers to n and 3/4
/// to each of promoters and detractors, then NPS ± 1.96 × standard error, clamped to
/// −100..+100 and rounded outwards to whole points.
pub fn nps_interval(nps: &Nps) -> NpsInterval {
    let n = f64::from(nps.n) + 3.0;
    let pro = (f64::from(nps.promoters) + 0.75) / n;
    let det = (f64::from(nps.detractors) + 0.75) / n;
    let centre = pro - det;
    let variance = (pro + det - centre * centre) / n;
    let margin = 1.96 * variance.max(0.0).sqrt();
    let low = ((centre - margin) * 100.0).floor().max(-100.0) as i32;
    let high = ((centre + margin) * 100.0).ceil().min(100.0) as i32;
    NpsInterval { low, high }
}

impl Evidence {
    pub(crate) fn of(metrics: &Metrics, dates: Dates<'_>, judge: &Judge) -> Evidence {
        let n = metrics.feedback_count;
        let mut weak = WeakReasons::default();
        if n == 0 {
            weak.push(WeakReason::NoEvidence);
        } else if n < judge.min_n {
            weak.push(WeakReason::FewAnswers);
        }
        if let (Some((newest, _)), Some(cutoff)) = (dates.newest, judge.cutoff) {
            if newest < cutoff {
                weak.push(WeakReason::Old);
            }
        }
        let few = |k: Option<u32>| k.is_some_and(|k| k < judge.min_n);
        Evidence {
            n,
            newest: dates.newest.map(|(k, _)| Day(k)),
            oldest: dates.oldest.map(|(k, _)| Day(k)),
            nps_ci: metrics.nps.as_ref().map(nps_interval),
            nps_weak: few(metrics.nps.map(|x| x.n)),
            csat_weak: few(metrics.csat.map(|x| x.n)),
            ces_weak: few(metrics.ces.map(|x| x.n)),
            weak,
        }
    }

    pub fn is_weak(&self) -> bool {
        !self.weak.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nps(promoters: u32, passives: u32, detractors: u32) -> Nps {
        let n = promoters + passives + detractors;
        Nps {
            score: 0,
            n,
            promoters,
            passives,
            detractors,
        }
    }

    /// Worked by hand: n' = n + 3; p = (P + .75)/n', d = (D + .75)/n'; c = p − d;
    /// se = √((p + d − c²)/n'); c ± 1.96·se.
    #[test]
    fn nps_intervals_by_adjusted_wald() {
        // One detractor: p = .75/4 = .1875, d = 1.75/4 = .4375, c = −.25,
        // se = √((.625 − .0625)/4) = .375, so −.25 ± .735 → −98.5 … 48.5.
        assert_eq!(
            nps_interval(&nps(0, 0, 1)),
            NpsInterval { low: -99, high: 49 }
        );
        // 40 answers, 8 promoters, 24 detractors (NPS −40): p = 8.75/43 = .2035,
        // d = 24.75/43 = .5756, c = −.3721, se = √((.7791 − .1385)/43) = .1221, so
        // −.3721 ± .2392 → −61.1 … −13.3, rounded outwards.
        assert_eq!(
            nps_interval(&nps(8, 8, 24)),
            NpsInterval {
                low: -62,
                high: -13
            }
        );
        // Never outside −100..+100.
        let all = nps_interval(&nps(200, 0, 0));
        assert!(all.high <= 100 && all.low > 90, "{all:?}");
    }

    #[test]
    fn weak_by_count_and_by_age() {
        let rules = EvidenceRules {
            min_n: 5,
            max_age_days: 180,
            today: Some("2026-12-01".into()),
        };
        let m = |n| Metrics {
            feedback_count: n,
            ..Metrics::default()
        };
        let dates = |d: &[&'static str]| {
            let mut x = Dates::default();
            for d in d {
                x.add(Some(d));
            }
            x
        };
        let judge = Judge::new(&rules);
        let e = Evidence::of(&m(0), Dates::default(), &judge);
        assert_eq!(e.weak.to_vec(), [WeakReason::NoEvidence]);
        let e = Evidence::of(&m(4), dates(&["2026-11-01"]), &judge);
        assert_eq!(e.weak.to_vec(), [WeakReason::FewAnswers]);
        // 2026-06-03 is 181 days before 2026-12-01; 2026-06-04 is 180.
        let e = Evidence::of(&m(9), dates(&["2026-06-03", "2026-01-01"]), &judge);
        assert_eq!(e.weak.to_vec(), [WeakReason::Old]);
        assert_eq!(
            (
                e.newest.map(|d| d.to_string()),
                e.oldest.map(|d| d.to_string())
            ),
            (Some("2026-06-03".into()), Some("2026-01-01".into()))
        );
        assert_eq!(
            Day::parse("2026-06-03").map(|d| d.to_string()).as_deref(),
            Some("2026-06-03")
        );
        let e = Evidence::of(&m(9), dates(&["2026-06-04"]), &judge);
        assert!(!e.is_weak());
        // Without a today, age is not judged.
        let e = Evidence::of(
            &m(9),
            dates(&["2020-01-01"]),
            &Judge::new(&EvidenceRules::default()),
        );
        assert!(!e.is_weak());
    }
}
