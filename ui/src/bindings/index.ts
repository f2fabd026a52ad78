// Generated from the Rust DTOs in crates/journey-app by ts-rs. Do not edit by hand:
// run `UPDATE_EXPECT=1 cargo test -p journey-app bindings` after changing them.

export type LaneKind = "marketing" | "sales" | "technology" | "supporting_systems" | "third_party" | "support" | "policies" | "custom";

export type LinkKind = "flow" | "handoff" | "depends_on";

export type FeedbackKind = "quote" | "observation" | "survey_response" | "support_ticket" | "review";

export type ErrorCode = "invalid" | "not_found" | "conflict" | "import" | "storage" | "io" | "internal";

export type ErrorDto = { code: ErrorCode, message: string, problems: Array<string>, existingMap: MapRefDto | null, };

export type MapRefDto = { id: string, name: string, };

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

export type ImportMode = "refuse" | "replace" | "copy";

export type FeedbackTargetDto = { "touchpoint": string } | { "stage": string };

export type StartRequest = Record<symbol, never>;

export type ListMapsRequest = Record<symbol, never>;

export type OpenMapRequest = { id: string, };

export type CloseMapRequest = Record<symbol, never>;

export type CreateMapRequest = { name: string, };

export type UpdateMapRequest = { mapId: string, fields: MapFields, };

export type DuplicateMapRequest = { id: string, };

export type DeleteMapRequest = { id: string, };

export type UndoLibraryRequest = Record<symbol, never>;

export type AddStageRequest = { mapId: string, name: string, index: number | null, };

export type UpdateStageRequest = { mapId: string, id: string, fields: StageFields, };

export type MoveStageRequest = { mapId: string, id: string, index: number, };

export type DeleteStageRequest = { mapId: string, id: string, };

export type AddLaneRequest = { mapId: string, name: string, index: number | null, };

export type UpdateLaneRequest = { mapId: string, id: string, fields: LaneFields, };

export type MoveLaneRequest = { mapId: string, id: string, index: number, };

export type DeleteLaneRequest = { mapId: string, id: string, };

export type AddTouchpointRequest = { mapId: string, stageId: string, laneId: string, title: string, index: number | null, };

export type UpdateTouchpointRequest = { mapId: string, id: string, fields: TouchpointFields, };

export type MoveTouchpointRequest = { mapId: string, id: string, stageId: string, laneId: string, index: number, };

export type DeleteTouchpointRequest = { mapId: string, id: string, };

export type AddLinkRequest = { mapId: string, fromId: string, toId: string, fields: LinkFields, };

export type UpdateLinkRequest = { mapId: string, id: string, fields: LinkFields, };

export type DeleteLinkRequest = { mapId: string, id: string, };

export type ListFeedbackRequest = { target: FeedbackTargetDto, };

export type AddFeedbackRequest = { mapId: string, target: FeedbackTargetDto, fields: FeedbackFields, };

export type UpdateFeedbackRequest = { mapId: string, id: string, fields: FeedbackFields, };

export type DeleteFeedbackRequest = { mapId: string, id: string, };

export type UndoRequest = { mapId: string, };

export type RedoRequest = { mapId: string, };

export type ExportMapRequest = { mapId: string, };

export type ImportMapRequest = { mode: ImportMode, sameFile: boolean, };

export type Commands = {
  start: { request: StartRequest; response: StartDto };
  list_maps: { request: ListMapsRequest; response: Array<MapSummaryDto> };
  open_map: { request: OpenMapRequest; response: MapView };
  close_map: { request: CloseMapRequest; response: null };
  create_map: { request: CreateMapRequest; response: MapView };
  update_map: { request: UpdateMapRequest; response: Edited };
  duplicate_map: { request: DuplicateMapRequest; response: Array<MapSummaryDto> };
  delete_map: { request: DeleteMapRequest; response: Array<MapSummaryDto> };
  undo_library: { request: UndoLibraryRequest; response: Array<MapSummaryDto> };
  add_stage: { request: AddStageRequest; response: Edited };
  update_stage: { request: UpdateStageRequest; response: Edited };
  move_stage: { request: MoveStageRequest; response: Edited };
  delete_stage: { request: DeleteStageRequest; response: Edited };
  add_lane: { request: AddLaneRequest; response: Edited };
  update_lane: { request: UpdateLaneRequest; response: Edited };
  move_lane: { request: MoveLaneRequest; response: Edited };
  delete_lane: { request: DeleteLaneRequest; response: Edited };
  add_touchpoint: { request: AddTouchpointRequest; response: Edited };
  update_touchpoint: { request: UpdateTouchpointRequest; response: Edited };
  move_touchpoint: { request: MoveTouchpointRequest; response: Edited };
  delete_touchpoint: { request: DeleteTouchpointRequest; response: Edited };
  add_link: { request: AddLinkRequest; response: Edited };
  update_link: { request: UpdateLinkRequest; response: Edited };
  delete_link: { request: DeleteLinkRequest; response: Edited };
  list_feedback: { request: ListFeedbackRequest; response: Array<FeedbackDto> };
  add_feedback: { request: AddFeedbackRequest; response: Edited };
  update_feedback: { request: UpdateFeedbackRequest; response: Edited };
  delete_feedback: { request: DeleteFeedbackRequest; response: Edited };
  undo: { request: UndoRequest; response: Edited };
  redo: { request: RedoRequest; response: Edited };
  export_map: { request: ExportMapRequest; response: FileOutcome };
  import_map: { request: ImportMapRequest; response: FileOutcome };
};
