//! What the user sends for an edit: every editable field of the thing, as the form shows
//! it. An update sets all of them, so the UI never has to express "unchanged".

use journey_core::model::{FeedbackKind, LinkKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The map's own editable fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MapFields {
    pub name: String,
    pub description: String,
    pub persona_name: String,
    pub persona_description: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StageFields {
    pub name: String,
    pub description: String,
    pub pain: Option<u8>,
    pub emotion: Option<i8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LaneFields {
    pub name: String,
    pub hidden: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TouchpointFields {
    pub title: String,
    pub description: String,
    pub channel: String,
    pub owner: String,
    pub pain: Option<u8>,
    pub emotion: Option<i8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkFields {
    pub kind: LinkKind,
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackFields {
    pub kind: FeedbackKind,
    pub text: String,
    pub source: String,
    /// `YYYY-MM-DD`; empty or `None` for no date.
    pub date: Option<String>,
    pub segment: String,
    pub nps: Option<u8>,
    pub csat: Option<u8>,
    pub ces: Option<u8>,
}

/// A decision or opportunity as the workshop types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionFields {
    pub kind: journey_core::model::DecisionKind,
    pub text: String,
    /// Who acts on it; may be empty.
    pub owner: String,
    /// `YYYY-MM-DD`; empty or `None` for no date.
    pub due: Option<String>,
}

/// One touchpoint's dots, as a round's results are sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VoteFields {
    pub touchpoint_id: String,
    pub dots: u32,
}

/// A finished voting round: its rules and the dots on every item in scope (0 included),
/// in the order the items were shown. Only counts travel: no voter is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundFields {
    pub name: String,
    pub budget: u32,
    pub voters: u32,
    pub one_per_item: bool,
    /// How the items were chosen ("All pain points", "Stage: Onboarding"…).
    pub scope: String,
    pub votes: Vec<VoteFields>,
}
