//! A workshop's results: each voting round's items ranked by dots, and every round as
//! CSV rows for a spreadsheet.

use std::collections::HashMap;

use crate::csv_cell::neutralise;
use crate::model::*;

/// One item of a round, ranked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedVote<'m> {
    /// 1 for the most dots; items with equal dots share a rank.
    pub rank: u32,
    pub touchpoint_id: &'m str,
    pub dots: u32,
}

/// The round's items, most dots first; equal counts keep the order they were shown in
/// and share a rank ("1, 2, 2, 4").
pub fn ranked(round: &VotingRound) -> Vec<RankedVote<'_>> {
    let mut order: Vec<(usize, &Vote)> = round.votes.iter().enumerate().collect();
    order.sort_by(|(ia, a), (ib, b)| b.dots.cmp(&a.dots).then(ia.cmp(ib)));
    let mut out: Vec<RankedVote<'_>> = Vec::with_capacity(order.len());
    for (i, (_, v)) in order.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.dots == v.dots => prev.rank,
            _ => i as u32 + 1,
        };
        out.push(RankedVote {
            rank,
            touchpoint_id: &v.touchpoint_id,
            dots: v.dots,
        });
    }
    out
}

/// The header of [`rounds_csv`].
pub const ROUNDS_CSV_HEADER: [&str; 13] = [
    "round",
    "held_at",
    "budget",
    "voters",
    "one_per_item",
    "scope",
    "rank",
    "touchpoint_id",
    "touchpoint",
    "stage",
    "lane",
    "dots",
    "share_pct",
];

/// Every round of the map, one row per item in scope, ranked within its round: UTF-8
/// with a header row; user text is neutralised so no cell runs as a formula.
pub fn rounds_csv(map: &JourneyMap) -> String {
    let stages: HashMap<&str, &str> = map
        .stages
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let lanes: HashMap<&str, &str> = map
        .lanes
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    let tps: HashMap<&str, &Touchpoint> =
        map.touchpoints.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail; a failed row would only be left out.
    let _ = w.write_record(ROUNDS_CSV_HEADER);
    for r in &map.rounds {
        let total = r.total();
        for v in ranked(r) {
            let t = tps.get(v.touchpoint_id);
            let title = t.map_or("", |t| t.title.as_str());
            let stage = t.and_then(|t| stages.get(t.stage_id.as_str())).copied();
            let lane = t.and_then(|t| lanes.get(t.lane_id.as_str())).copied();
            let share = if total == 0 {
                0.0
            } else {
                (1000.0 * f64::from(v.dots) / total as f64).round() / 10.0
            };
            let _ = w.write_record([
                neutralise(&r.name).as_ref(),
                &r.held_at,
                &r.budget.to_string(),
                &r.voters.to_string(),
                if r.one_per_item { "yes" } else { "no" },
                neutralise(&r.scope).as_ref(),
                &v.rank.to_string(),
                neutralise(v.touchpoint_id).as_ref(),
                neutralise(title).as_ref(),
                neutralise(stage.unwrap_or("")).as_ref(),
                neutralise(lane.unwrap_or("")).as_ref(),
                &v.dots.to_string(),
                &format!("{share:.1}"),
            ]);
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(dots: &[u32]) -> VotingRound {
        VotingRound {
            id: "vr_1".into(),
            name: "=cmd|' /C calc'!A0".into(),
            held_at: "2026-12-03T10:00:00Z".into(),
            budget: 3,
            voters: 4,
            one_per_item: true,
            scope: "All pain points".into(),
            votes: dots
                .iter()
                .enumerate()
                .map(|(i, &d)| Vote {
                    touchpoint_id: format!("tp_{i}"),
                    dots: d,
                })
                .collect(),
        }
    }

    /// Worked by hand: dots 2, 4, 2, 0, 4 rank as tp_1 and tp_4 first (1), tp_0 and tp_2
    /// next (3, sharing), tp_3 last (5); ties keep the order shown.
    #[test]
    fn ranks_by_dots_with_shared_ranks() {
        let r = round(&[2, 4, 2, 0, 4]);
        let got: Vec<(u32, &str, u32)> = ranked(&r)
            .iter()
            .map(|v| (v.rank, v.touchpoint_id, v.dots))
            .collect();
        assert_eq!(
            got,
            [
                (1, "tp_1", 4),
                (1, "tp_4", 4),
                (3, "tp_0", 2),
                (3, "tp_2", 2),
                (5, "tp_3", 0)
            ]
        );
    }

    #[test]
    fn counts_are_checked_against_the_rules() {
        assert!(round(&[2, 4, 2, 0, 4]).check().is_ok());
        // 13 dots from 4 voters of 3: one too many.
        let e = round(&[4, 4, 4, 1]).check().unwrap_err();
        assert!(e.contains("13 dots placed"), "{e}");
        // One per item: an item cannot have more dots than voters.
        let e = round(&[5]).check().unwrap_err();
        assert!(e.contains("at most 4"), "{e}");
        let mut twice = round(&[1, 1]);
        twice.votes[1].touchpoint_id = "tp_0".into();
        assert!(twice.check().unwrap_err().contains("listed twice"));
    }
}
