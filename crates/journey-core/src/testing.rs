//! Small hand-built maps for this crate's unit tests.

use crate::model::*;

#[derive(Debug)]
pub(crate) struct MapBuilder {
    map: JourneyMap,
}

impl MapBuilder {
    pub(crate) fn new() -> Self {
        MapBuilder {
            map: JourneyMap {
                meta: MapMeta {
                    id: "jm_test".into(),
                    name: "Test map".into(),
                    description: String::new(),
                    persona: Persona::default(),
                    created_at: "2026-01-01T00:00:00Z".into(),
                    updated_at: "2026-01-02T00:00:00Z".into(),
                },
                stages: vec![],
                lanes: vec![],
                touchpoints: vec![],
                links: vec![],
                feedback: vec![],
                decisions: vec![],
                rounds: vec![],
            },
        }
    }

    pub(crate) fn stage(mut self, id: &str) -> Self {
        let position = self.map.stages.len() as f64 + 1.0;
        self.map.stages.push(Stage {
            id: id.into(),
            name: format!("Stage {id}"),
            description: String::new(),
            pain: None,
            emotion: None,
            position,
        });
        self
    }

    pub(crate) fn lane(mut self, id: &str) -> Self {
        let position = self.map.lanes.len() as f64 + 1.0;
        self.map.lanes.push(Lane {
            id: id.into(),
            name: format!("Lane {id}"),
            kind: LaneKind::Custom,
            hidden: false,
            position,
        });
        self
    }

    pub(crate) fn touchpoint(
        mut self,
        id: &str,
        stage: &str,
        lane: &str,
        pain: Option<u8>,
    ) -> Self {
        let position = self.map.touchpoints.len() as f64 + 1.0;
        self.map.touchpoints.push(Touchpoint {
            id: id.into(),
            stage_id: stage.into(),
            lane_id: lane.into(),
            title: format!("Touchpoint {id}"),
            description: String::new(),
            channel: String::new(),
            owner: String::new(),
            pain,
            emotion: None,
            position,
        });
        self
    }

    pub(crate) fn link(mut self, from: &str, to: &str, kind: LinkKind) -> Self {
        let id = format!("lk_{}", self.map.links.len() + 1);
        self.map.links.push(Link {
            id,
            from: from.into(),
            to: to.into(),
            kind,
            label: None,
        });
        self
    }

    pub(crate) fn feedback(mut self, target: FeedbackTarget, nps: Option<u8>) -> Self {
        let id = format!("fb_{}", self.map.feedback.len() + 1);
        self.map.feedback.push(Feedback {
            id,
            target,
            kind: FeedbackKind::Quote,
            text: "said something".into(),
            source: String::new(),
            date: None,
            segment: String::new(),
            answers: SurveyAnswers {
                nps,
                csat: None,
                ces: None,
            },
        });
        self
    }

    /// A lane of a built-in kind.
    pub(crate) fn lane_of_kind(mut self, id: &str, kind: LaneKind) -> Self {
        self = self.lane(id);
        self.map.lanes.last_mut().expect("just added").kind = kind;
        self
    }

    /// Sets the owner of touchpoint `id`.
    pub(crate) fn owner(mut self, id: &str, owner: &str) -> Self {
        let t = self
            .map
            .touchpoints
            .iter_mut()
            .find(|t| t.id == id)
            .expect("touchpoint");
        t.owner = owner.into();
        self
    }

    /// Sets the emotion of touchpoint `id`.
    pub(crate) fn emotion(mut self, id: &str, emotion: i8) -> Self {
        let t = self
            .map
            .touchpoints
            .iter_mut()
            .find(|t| t.id == id)
            .expect("touchpoint");
        t.emotion = Some(emotion);
        self
    }

    /// Feedback with a date and a text.
    pub(crate) fn quote(
        mut self,
        on: &str,
        nps: Option<u8>,
        date: Option<&str>,
        text: &str,
    ) -> Self {
        self = self.feedback(FeedbackTarget::Touchpoint(on.into()), nps);
        let f = self.map.feedback.last_mut().expect("just added");
        f.date = date.map(str::to_string);
        f.text = text.into();
        self
    }

    pub(crate) fn build(self) -> JourneyMap {
        self.map
    }
}
