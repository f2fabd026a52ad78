//! The journey map as the rest of the program sees it: plain data, ordered for display.
//!
//! A [`JourneyMap`] is the whole aggregate: the map's own fields and every stage, lane,
//! touchpoint, link and feedback item that belongs to it. The vectors are always kept in
//! display order (stages and lanes by position, touchpoints by stage, lane and position in
//! the cell, links and feedback in the order they were made), so that everything derived
//! from a map, from a text grid to an exported file, is deterministic.

use serde::{Deserialize, Serialize};

/// A stable identifier such as `tp_3f9c0a1b2d4e5f60`. Ids are what the store, the API, the
/// UI and the JSON file see; graph indices never leave this crate.
pub type Id = String;

/// The map's own fields.
#[derive(Debug, Clone, PartialEq)]
pub struct MapMeta {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub persona: Persona,
    /// RFC 3339 UTC timestamp, as produced by [`crate::fields::normalize_timestamp`].
    pub created_at: String,
    pub updated_at: String,
}

/// Who the journey is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Persona {
    pub name: String,
    pub description: String,
}

/// A column of the map: one step of the customer's journey.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub id: Id,
    pub name: String,
    pub description: String,
    /// The stage's own pain score (0–10), set by the user; `None` until scored.
    pub pain: Option<u8>,
    /// The stage's emotion (−2..+2); `None` until set.
    pub emotion: Option<i8>,
    /// Real-valued sort key: a move rewrites one row, not the whole list.
    pub position: f64,
}

/// What a lane stands for. The first seven are the touchpoint categories of the
/// Complete Product Experience; a lane keeps its kind when it is renamed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    Marketing,
    Sales,
    Technology,
    SupportingSystems,
    ThirdParty,
    Support,
    Policies,
    Custom,
}

impl LaneKind {
    /// The built-in kinds, in the order a new map shows them.
    pub const BUILT_IN: [LaneKind; 7] = [
        LaneKind::Marketing,
        LaneKind::Sales,
        LaneKind::Technology,
        LaneKind::SupportingSystems,
        LaneKind::ThirdParty,
        LaneKind::Support,
        LaneKind::Policies,
    ];

    pub const ALL: [LaneKind; 8] = [
        LaneKind::Marketing,
        LaneKind::Sales,
        LaneKind::Technology,
        LaneKind::SupportingSystems,
        LaneKind::ThirdParty,
        LaneKind::Support,
        LaneKind::Policies,
        LaneKind::Custom,
    ];

    /// The name stored in the database and written to files.
    pub fn as_str(self) -> &'static str {
        match self {
            LaneKind::Marketing => "marketing",
            LaneKind::Sales => "sales",
            LaneKind::Technology => "technology",
            LaneKind::SupportingSystems => "supporting_systems",
            LaneKind::ThirdParty => "third_party",
            LaneKind::Support => "support",
            LaneKind::Policies => "policies",
            LaneKind::Custom => "custom",
        }
    }

    pub fn parse(s: &str) -> Option<LaneKind> {
        LaneKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The name a new lane of this kind gets.
    pub fn default_name(self) -> &'static str {
        match self {
            LaneKind::Marketing => "Marketing",
            LaneKind::Sales => "Sales",
            LaneKind::Technology => "Technology",
            LaneKind::SupportingSystems => "Supporting systems",
            LaneKind::ThirdParty => "Third-party integrations",
            LaneKind::Support => "Support",
            LaneKind::Policies => "Policies",
            LaneKind::Custom => "Custom",
        }
    }

    pub fn is_built_in(self) -> bool {
        self != LaneKind::Custom
    }
}

/// A row of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub id: Id,
    pub name: String,
    pub kind: LaneKind,
    pub hidden: bool,
    pub position: f64,
}

/// One moment where the customer meets the product or the company.
#[derive(Debug, Clone, PartialEq)]
pub struct Touchpoint {
    pub id: Id,
    pub stage_id: Id,
    pub lane_id: Id,
    pub title: String,
    pub description: String,
    pub channel: String,
    pub owner: String,
    /// 0 (no pain) to 10 (unbearable); `None` until scored.
    pub pain: Option<u8>,
    /// −2 (angry) to +2 (delighted); `None` until set.
    pub emotion: Option<i8>,
    /// Sort key within the touchpoint's cell (stage × lane).
    pub position: f64,
}

/// What a link between two touchpoints means.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The customer's next step.
    Flow,
    /// Responsibility passes from one team to another.
    Handoff,
    /// `from` cannot work without `to`.
    DependsOn,
}

impl LinkKind {
    pub const ALL: [LinkKind; 3] = [LinkKind::Flow, LinkKind::Handoff, LinkKind::DependsOn];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Flow => "flow",
            LinkKind::Handoff => "handoff",
            LinkKind::DependsOn => "depends_on",
        }
    }

    pub fn parse(s: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A directed link between two touchpoints of the same map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: Id,
    pub from: Id,
    pub to: Id,
    pub kind: LinkKind,
    pub label: Option<String>,
}

/// What a piece of feedback is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    Quote,
    Observation,
    SurveyResponse,
    SupportTicket,
    Review,
}

impl FeedbackKind {
    pub const ALL: [FeedbackKind; 5] = [
        FeedbackKind::Quote,
        FeedbackKind::Observation,
        FeedbackKind::SurveyResponse,
        FeedbackKind::SupportTicket,
        FeedbackKind::Review,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Quote => "quote",
            FeedbackKind::Observation => "observation",
            FeedbackKind::SurveyResponse => "survey_response",
            FeedbackKind::SupportTicket => "support_ticket",
            FeedbackKind::Review => "review",
        }
    }

    pub fn parse(s: &str) -> Option<FeedbackKind> {
        FeedbackKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a piece of feedback is about: exactly one touchpoint or one stage.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeedbackTarget {
    Touchpoint(Id),
    Stage(Id),
}

impl FeedbackTarget {
    /// The target as (touchpoint id, stage id), exactly one of them `Some`: the shape of
    /// the file format, the DTO and the table.
    pub fn ids(&self) -> (Option<&str>, Option<&str>) {
        match self {
            FeedbackTarget::Touchpoint(id) => (Some(id.as_str()), None),
            FeedbackTarget::Stage(id) => (None, Some(id.as_str())),
        }
    }
}

/// Survey answers that may come with a piece of feedback; each is optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SurveyAnswers {
    /// "How likely are you to recommend…", 0–10.
    pub nps: Option<u8>,
    /// Customer satisfaction, 1–5.
    pub csat: Option<u8>,
    /// Customer effort ("it was easy to…"), 1–7.
    pub ces: Option<u8>,
}

/// Evidence: a quote, an observation, a survey response, a ticket or a review.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub id: Id,
    pub target: FeedbackTarget,
    pub kind: FeedbackKind,
    pub text: String,
    /// Where it came from: "interview 7", a ticket URL, "NPS survey Q3".
    pub source: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub segment: String,
    pub answers: SurveyAnswers,
}

/// What a workshop wrote onto a touchpoint: a decision taken or an opportunity seen.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Decision,
    Opportunity,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 2] = [DecisionKind::Decision, DecisionKind::Opportunity];

    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Decision => "decision",
            DecisionKind::Opportunity => "opportunity",
        }
    }

    pub fn parse(s: &str) -> Option<DecisionKind> {
        DecisionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A decision or opportunity on one touchpoint, with who owns it and by when.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: Id,
    pub touchpoint_id: Id,
    pub kind: DecisionKind,
    pub text: String,
    /// Who acts on it; may be empty.
    pub owner: String,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    /// RFC 3339 timestamp in UTC.
    pub created_at: String,
}

/// One touchpoint's dots in a voting round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub touchpoint_id: Id,
    pub dots: u32,
}

/// A dot-voting round: each of `voters` people had `budget` dots to place on the items in
/// scope. Anonymous: only the counts are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct VotingRound {
    pub id: Id,
    pub name: String,
    /// RFC 3339 timestamp in UTC.
    pub held_at: String,
    /// Dots per voter.
    pub budget: u32,
    pub voters: u32,
    /// At most one dot per item per voter.
    pub one_per_item: bool,
    /// How the items were chosen ("All pain points", "Stage: Onboarding"…).
    pub scope: String,
    /// Every item in scope with its dots (0 included), in the order they were shown.
    pub votes: Vec<Vote>,
}

impl VotingRound {
    /// Dots placed in all (a sum that cannot overflow: a file may hold 100,000 items of a
    /// million dots each).
    pub fn total(&self) -> u64 {
        self.votes.iter().map(|v| u64::from(v.dots)).sum()
    }

    /// Whether the counts fit the round's rules; the sentence names what does not.
    pub fn check(&self) -> Result<(), String> {
        if !(1..=crate::fields::MAX_BUDGET).contains(&self.budget) {
            return Err(format!(
                "a budget of {} dots; each voter has 1–{} dots",
                self.budget,
                crate::fields::MAX_BUDGET
            ));
        }
        if !(1..=crate::fields::MAX_VOTERS).contains(&self.voters) {
            return Err(format!(
                "{} voters; a round has 1–{} voters",
                self.voters,
                crate::fields::MAX_VOTERS
            ));
        }
        let most = u64::from(self.budget) * u64::from(self.voters);
        if self.total() > most {
            return Err(format!(
                "{} dots placed, more than {} voters × {} dots = {most}",
                self.total(),
                self.voters,
                self.budget
            ));
        }
        if self.one_per_item {
            if let Some(v) = self.votes.iter().find(|v| v.dots > self.voters) {
                return Err(format!(
                    "{} dots on {}, but with one dot per item {} voters place at most {}",
                    v.dots, v.touchpoint_id, self.voters, self.voters
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(v) = self
            .votes
            .iter()
            .find(|v| !seen.insert(v.touchpoint_id.as_str()))
        {
            return Err(format!("{} is listed twice", v.touchpoint_id));
        }
        Ok(())
    }
}

/// A whole journey map, every vector in display order.
#[derive(Debug, Clone, PartialEq)]
pub struct JourneyMap {
    pub meta: MapMeta,
    pub stages: Vec<Stage>,
    pub lanes: Vec<Lane>,
    pub touchpoints: Vec<Touchpoint>,
    pub links: Vec<Link>,
    pub feedback: Vec<Feedback>,
    /// Decisions and opportunities captured on touchpoints, in the order they were made.
    pub decisions: Vec<Decision>,
    /// Dot-voting rounds, in the order they were held.
    pub rounds: Vec<VotingRound>,
}

impl JourneyMap {
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn lane(&self, id: &str) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

    pub fn touchpoint(&self, id: &str) -> Option<&Touchpoint> {
        self.touchpoints.iter().find(|t| t.id == id)
    }

    /// Sorts every vector into display order, using the position keys. Ties fall back to
    /// ids so that the order never depends on how the rows were read.
    pub fn sort_for_display(&mut self) {
        fn by_pos(a: f64, b: f64) -> std::cmp::Ordering {
            a.total_cmp(&b)
        }
        self.stages
            .sort_by(|a, b| by_pos(a.position, b.position).then_with(|| a.id.cmp(&b.id)));
        self.lanes
            .sort_by(|a, b| by_pos(a.position, b.position).then_with(|| a.id.cmp(&b.id)));
        let stage_rank = rank(self.stages.iter().map(|s| s.id.as_str()));
        let lane_rank = rank(self.lanes.iter().map(|l| l.id.as_str()));
        self.touchpoints.sort_by(|a, b| {
            let ka = (
                stage_rank.get(a.stage_id.as_str()),
                lane_rank.get(a.lane_id.as_str()),
            );
            let kb = (
                stage_rank.get(b.stage_id.as_str()),
                lane_rank.get(b.lane_id.as_str()),
            );
            ka.cmp(&kb)
                .then_with(|| by_pos(a.position, b.position))
                .then_with(|| a.id.cmp(&b.id))
        });
    }
}

fn rank<'a>(ids: impl Iterator<Item = &'a str>) -> std::collections::HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}
