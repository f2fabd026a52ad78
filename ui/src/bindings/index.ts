// Generated from the Rust DTOs in crates/journey-app by ts-rs. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p journey-app bindings` after changing them.

export type LaneKind = "marketing" | "sales" | "technology" | "supporting_systems" | "third_party" | "support" | "policies" | "custom";

export type LinkKind = "flow" | "handoff" | "depends_on";

export type FeedbackKind = "quote" | "observation" | "survey_response" | "support_ticket" | "review";

export type ErrorDto = { code: string, message: string, problems: Array<string>, };

export type NpsDto = { score: number, n: number, promoters: number, passives: number, detractors: number, };

export type ScaleDto = { mean: number, 
/**
 * CSAT: % answering 4–5; CES: % answering 5–7.
 */
topPct: number, n: number, };

export type PainDto = { mean: number, max: number, n: number, };

export type MetricsDto = { feedbackCount: number, nps: NpsDto | null, csat: ScaleDto | null, ces: ScaleDto | null, pain: PainDto | null, };

export type MapSummaryDto = { id: string, name: string, personaName: string, stageCount: number, touchpointCount: number, updatedAt: string, };

export type MapMetaDto = { id: string, name: string, description: string, personaName: string, personaDescription: string, createdAt: string, updatedAt: string, };

export type StageDto = { id: string, name: string, description: string, pain: number | null, emotion: number | null, 
/**
 * Its own feedback and its touchpoints'.
 */
metrics: MetricsDto, };

export type LaneDto = { id: string, name: string, kind: LaneKind, builtIn: boolean, hidden: boolean, metrics: MetricsDto, };

export type TouchpointDto = { id: string, stageId: string, laneId: string, title: string, description: string, channel: string, owner: string, pain: number | null, emotion: number | null, metrics: MetricsDto, };

export type LinkDto = { id: string, fromId: string, toId: string, kind: LinkKind, label: string | null, };

export type FeedbackDto = { id: string, touchpointId: string | null, stageId: string | null, kind: FeedbackKind, text: string, source: string, date: string | null, segment: string, nps: number | null, csat: number | null, ces: number | null, };

export type MapView = { map: MapMetaDto, stages: Array<StageDto>, lanes: Array<LaneDto>, touchpoints: Array<TouchpointDto>, links: Array<LinkDto>, metrics: MetricsDto, canUndo: boolean, canRedo: boolean, };

export type ListPatch<T> = { changed: Array<T>, removed: Array<string>, order: Array<string> | null, };

export type MapPatch = { map: MapMetaDto, stages: ListPatch<StageDto>, lanes: ListPatch<LaneDto>, touchpoints: ListPatch<TouchpointDto>, links: ListPatch<LinkDto>, metrics: MetricsDto, canUndo: boolean, canRedo: boolean, 
/**
 * The touchpoints and stages whose feedback list changed (an open detail panel
 * fetches it again).
 */
feedbackChanged: Array<string>, };

export type Edited = { patch: MapPatch, createdId: string | null, };

export type FileOutcome = { 
/**
 * The file chosen, or null when the dialog was cancelled.
 */
path: string | null, 
/**
 * For an import: the id of the map written.
 */
mapId: string | null, };

export type MapFields = { name: string, description: string, personaName: string, personaDescription: string, };

export type StageFields = { name: string, description: string, pain: number | null, emotion: number | null, };

export type LaneFields = { name: string, hidden: boolean, };

export type TouchpointFields = { title: string, description: string, channel: string, owner: string, pain: number | null, emotion: number | null, };

export type LinkFields = { kind: LinkKind, label: string | null, };

export type FeedbackFields = { kind: FeedbackKind, text: string, source: string, 
/**
 * `YYYY-MM-DD`; empty or `None` for no date.
 */
date: string | null, segment: string, nps: number | null, csat: number | null, ces: number | null, };

export type StartDto = { maps: Array<MapSummaryDto>, openMapId: string | null, };
