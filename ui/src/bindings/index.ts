// Generated from the Rust DTOs in crates/journey-app by ts-rs. Do not edit by hand:
// run `UPDATE_EXPECT=1 cargo test -p journey-app bindings` after changing them.

export type LaneKind = "marketing" | "sales" | "technology" | "supporting_systems" | "third_party" | "support" | "policies" | "custom";

export type LinkKind = "flow" | "handoff" | "depends_on";

export type FeedbackKind = "quote" | "observation" | "survey_response" | "support_ticket" | "review";

export type ErrorCode = "invalid" | "not_found" | "conflict" | "import" | "storage" | "io" | "unreachable" | "internal";

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

export type LibraryStatus = { 
/**
 * A connection to the server is open (as far as the app knows: a server that went
 * away is noticed at the next call).
 */
connected: boolean, 
/**
 * The library's connection string, its password masked; null when none is set.
 */
url: string | null, 
/**
 * The name the app signs its library writes with.
 */
user: string | null, 
/**
 * Others' edits are being heard (the listener's own connection is up).
 */
listening: boolean, 
/**
 * Why the library cannot be used now, in words, when it cannot.
 */
problem: string | null, };

export type LibraryMapDto = { id: string, name: string, personaName: string, stageCount: number, touchpointCount: number, 
/**
 * The map's revision: 1 when first published, one more with every write (a JSON
 * number: far below 2^53).
 */
rev: number, 
/**
 * Who wrote to it last.
 */
updatedBy: string, 
/**
 * When the library last wrote it, by the server's clock (RFC 3339 UTC).
 */
writtenAt: string, 
/**
 * The map's own `updatedAt`, as in its file.
 */
updatedAt: string, };

export type MapLocation = "local" | "library";

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

export type DecisionKind = "decision" | "opportunity";

export type DecisionDto = { id: string, touchpointId: string, kind: DecisionKind, text: string, owner: string, due: string | null, createdAt: string, };

export type VoteDto = { touchpointId: string, dots: number, };

export type RoundDto = { id: string, name: string, heldAt: string, budget: number, voters: number, onePerItem: boolean, scope: string, 
/**
 * Every item in scope, in the order shown, 0 dots included.
 */
votes: Array<VoteDto>, };

export type MapView = { 
/**
 * Where the map lives: `local`, or `library` (the team library; others' edits arrive
 * through `library_changed`).
 */
location: MapLocation, 
/**
 * Why the map can only be read, if it can: the local database is read-only, or the
 * team library is unreachable and this is the copy kept on this computer. Every edit
 * is refused with this reason.
 */
readOnly: string | null, map: MapMetaDto, stages: Array<StageDto>, lanes: Array<LaneDto>, touchpoints: Array<TouchpointDto>, links: Array<LinkDto>, 
/**
 * Decisions and opportunities, oldest first.
 */
decisions: Array<DecisionDto>, 
/**
 * Voting rounds, in the order they were held.
 */
rounds: Array<RoundDto>, metrics: MetricsDto, canUndo: boolean, canRedo: boolean, };

export type ListPatch<T> = { changed: Array<T>, removed: Array<string>, order: Array<string> | null, };

export type MapPatch = { map: MapMetaDto, stages: ListPatch<StageDto>, lanes: ListPatch<LaneDto>, touchpoints: ListPatch<TouchpointDto>, links: ListPatch<LinkDto>, decisions: ListPatch<DecisionDto>, rounds: ListPatch<RoundDto>, metrics: MetricsDto, canUndo: boolean, canRedo: boolean, 
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

export type DecisionFields = { kind: DecisionKind, text: string, 
/**
 * Who acts on it; may be empty.
 */
owner: string, 
/**
 * `YYYY-MM-DD`; empty or `None` for no date.
 */
due: string | null, };

export type VoteFields = { touchpointId: string, dots: number, };

export type RoundFields = { name: string, budget: number, voters: number, onePerItem: boolean, 
/**
 * How the items were chosen ("All pain points", "Stage: Onboarding"…).
 */
scope: string, votes: Array<VoteFields>, };

export type StartDto = { maps: Array<MapSummaryDto>, openMapId: string | null, 
/**
 * The map to open is the team library's (not a local one).
 */
openLibrary: boolean, 
/**
 * The team library, if one is set.
 */
library: LibraryStatus, 
/**
 * Why the database can only be read (a read-only file, folder or disk): the app
 * shows it in a banner and turns editing off. `None` when it is writable.
 */
readOnly: string | null, 
/**
 * Things the user must be told about this database, in plain words: a `-wal` that
 * did not belong was moved aside; the maps were salvaged from a damaged file.
 */
notices: Array<string>, };

export type BackupDto = { path: string, 
/**
 * UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`.
 */
takenAt: string, reason: string, maps: number, touchpoints: number, feedback: number, };

export type RecoveryDto = { 
/**
 * The error, as the store put it (it names the file and the problem).
 */
problem: string, dbPath: string, 
/**
 * Good backups, newest first.
 */
backups: Array<BackupDto>, };

export type RestoredDto = { backup: BackupDto, 
/**
 * Where the replaced database and its -wal/-shm files were moved.
 */
movedAside: Array<string>, };

export type SalvagedMapDto = { name: string, touchpoints: number, feedback: number, };

export type SalvagedDto = { maps: Array<SalvagedMapDto>, 
/**
 * Rows that could not be read, or lost the map, stage or touchpoint they belonged to.
 */
rowsLeftOut: number, 
/**
 * Maps read but refused by the new database, with why.
 */
mapsLost: Array<string>, 
/**
 * Where the damaged database and its -wal/-shm files were moved.
 */
movedAside: Array<string>, };

export type ImportMode = "refuse" | "replace" | "copy";

export type CsvTable = "touchpoints" | "feedback";

export type Drawing = "map" | "heatmap" | "curve";

export type DrawingFormat = "svg" | "png" | "pdf";

export type ReportFormat = "text" | "json" | "md" | "csv" | "pdf";

export type PageSize = "a4" | "letter";

export type FilterCell = { stageId: string, laneId: string, };

export type BoardFilter = { 
/**
 * Searched over titles, descriptions, channels, owners and feedback
 * ([`crate::analysis::search`]); empty: no text criterion.
 */
query: string, 
/**
 * Pain at or above this (unscored touchpoints do not match).
 */
minPain: number | null, laneId: string | null, owner: string | null, channel: string | null, 
/**
 * Only touchpoints whose evidence is weak.
 */
weakOnly: boolean, 
/**
 * One cell (as the heatmap sets it).
 */
cell: FilterCell | null, };

export type DrawingOptions = { what: Drawing, format: DrawingFormat, 
/**
 * Only this stage, by its id or its exact name (the map only).
 */
stage: string | null, 
/**
 * Leave the flow arrows out (the map only).
 */
noArrows: boolean, 
/**
 * Only the cards the board's filter keeps (the map only).
 */
filter: BoardFilter | null, 
/**
 * PNG pixels per drawing unit, 0.25–4 (default 2, sharp on a slide).
 */
scale: number | null, };

export type Nps = { 
/**
 * −100 to +100.
 */
score: number, n: number, promoters: number, passives: number, detractors: number, };

export type ScaleStat = { 
/**
 * Rounded to two decimals.
 */
mean: number, 
/**
 * Percentage (0–100, whole number) of answers at the top of the scale:
 * CSAT 4–5 (satisfied), CES 5–7 (easy).
 */
topPct: number, n: number, };

export type PainStat = { 
/**
 * Rounded to two decimals.
 */
mean: number, max: number, n: number, };

export type Metrics = { feedbackCount: number, nps: Nps | null, csat: ScaleStat | null, ces: ScaleStat | null, pain: PainStat | null, };

export type EvidenceRules = { 
/**
 * A figure resting on fewer answers than this is weak (default 5).
 */
minN: number, 
/**
 * Evidence whose newest item is older than this many days is weak (default 180).
 */
maxAgeDays: number, 
/**
 * The day ages are counted from (`YYYY-MM-DD`); `None` leaves age out.
 */
today: string | null, };

export type WeakReason = "no_evidence" | "few_answers" | "old";

export type NpsInterval = { low: number, high: number, };

export type Evidence = { 
/**
 * Feedback items.
 */
n: number, 
/**
 * The newest and oldest feedback date (`YYYY-MM-DD`), when any item is dated.
 */
newest: string | null, oldest: string | null, 
/**
 * 95% confidence interval of the NPS (adjusted Wald), whole points, when there are
 * NPS answers.
 */
npsCi: NpsInterval | null, 
/**
 * Whether NPS, CSAT and CES rest on fewer answers than `min_n` each.
 */
npsWeak: boolean, csatWeak: boolean, cesWeak: boolean, 
/**
 * Empty when the evidence is not weak.
 */
weak: Array<WeakReason>, };

export type Figures = { metrics: Metrics, evidence: Evidence, };

export type Quote = { feedbackId: string, kind: FeedbackKind, text: string, source: string, date: string | null, nps: number | null, };

export type PainPointInsight = { 
/**
 * 1 for the worst.
 */
rank: number, touchpointId: string, title: string, stage: string, lane: string, pain: number, figures: Figures, 
/**
 * Share of NPS answers that are detractors (0–6), in whole percent; `None` without
 * NPS answers.
 */
detractorPct: number | null, 
/**
 * The strongest quotes: detractors' first, newest first, at most three.
 */
quotes: Array<Quote>, };

export type PathStep = { touchpointId: string, title: string, pain: number | null, };

export type PainPathInsight = { 
/**
 * 1 for the most painful.
 */
rank: number, totalPain: number, steps: Array<PathStep>, 
/**
 * Touchpoints on the path without a pain score (counted as 0).
 */
unscored: Array<string>, };

export type Structure = { 
/**
 * Touchpoints with no flow link in or out.
 */
orphans: Array<string>, 
/**
 * Touchpoints where the flow stops (flow in, none out) before the last stage.
 */
deadEnds: Array<string>, 
/**
 * Flow links that go back to an earlier stage.
 */
backwards: Array<string>, 
/**
 * Hand-off links between touchpoints of the same lane and owner: nothing is handed
 * over any more (after a move, say).
 */
staleHandoffs: Array<string>, };

export type Handoff = { linkId: string, 
/**
 * The touchpoints at each end (their lanes, owners and stages are theirs).
 */
fromId: string, toId: string, fromPain: number | null, toPain: number | null, };

export type HandoffCount = { stageId: string, stage: string, count: number, };

export type LanePairCount = { fromLaneId: string, toLaneId: string, fromLane: string, toLane: string, count: number, 
/**
 * Mean pain at the receiving end, over the scored ones.
 */
meanToPain: number | null, };

export type BackstageImpact = { touchpointId: string, title: string, lane: string, 
/**
 * The customer-facing touchpoints that depend on it, in map order.
 */
dependents: Array<string>, 
/**
 * Their pain added up (unscored count 0).
 */
totalPain: number, 
/**
 * Their feedback items added up.
 */
feedbackCount: number, };

export type HeatCell = { stageId: string, laneId: string, touchpoints: number, figures: Figures, };

export type Heatmap = { stageIds: Array<string>, laneIds: Array<string>, 
/**
 * Row by row: lane 0's cells for every stage, then lane 1's…
 */
cells: Array<HeatCell>, stageTotals: Array<Figures>, laneTotals: Array<Figures>, };

export type CurvePoint = { stageId: string, stage: string, 
/**
 * Mean emotion (−2..+2) of the stage's touchpoints that have one, two decimals.
 */
meanEmotion: number | null, emotionN: number, 
/**
 * Mean pain (0–10) of its scored touchpoints, two decimals.
 */
meanPain: number | null, painN: number, };

export type TouchpointEvidence = { id: string, evidence: Evidence, 
/**
 * It has a pain score but no feedback: "pain not backed by evidence".
 */
painUnbacked: boolean, };

export type Analysis = { mapId: string, mapName: string, rules: EvidenceRules, 
/**
 * The whole map's figures and their evidence.
 */
map: Figures, 
/**
 * The worst scored touchpoints (pain above 0), worst first, at most
 * [`TOP_PAIN_POINTS`], each with its figures and strongest quotes.
 */
painPoints: Array<PainPointInsight>, 
/**
 * Every scored touchpoint's id, in the same ranking (the first ones are
 * `pain_points`).
 */
painRanking: Array<string>, 
/**
 * Up to three distinct flow paths, most painful first.
 */
painPaths: Array<PainPathInsight>, 
/**
 * Touchpoints joined in a circle by flow links (left out of the paths).
 */
cycles: Array<Array<string>>, structure: Structure, 
/**
 * How many hand-offs there are: `handoffs.len()`, also where the list is left out
 * (the app's insight panel asks for the count alone).
 */
handoffCount: number, handoffs: Array<Handoff>, handoffsPerStage: Array<HandoffCount>, handoffsPerLanePair: Array<LanePairCount>, 
/**
 * For every touchpoint in a supporting-systems, third-party or policies lane: the
 * customer-facing touchpoints that depend on it.
 */
backstage: Array<BackstageImpact>, heatmap: Heatmap, curve: Array<CurvePoint>, 
/**
 * Every touchpoint's evidence, in map order.
 */
touchpoints: Array<TouchpointEvidence>, };

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

export type MapInsightRequest = { mapId: string, topPainPoints: number | null, itemRows: boolean, };

export type SearchMapRequest = { mapId: string, query: string, };

export type ListMapFeedbackRequest = { mapId: string, };

export type SetEvidenceRulesRequest = { mapId: string, minN: number, maxAgeDays: number, };

export type AddDecisionRequest = { mapId: string, touchpointId: string, fields: DecisionFields, };

export type UpdateDecisionRequest = { mapId: string, id: string, fields: DecisionFields, };

export type DeleteDecisionRequest = { mapId: string, id: string, };

export type SaveRoundRequest = { mapId: string, fields: RoundFields, };

export type DeleteRoundRequest = { mapId: string, id: string, };

export type ExportRoundsCsvRequest = { mapId: string, };

export type ExportCsvRequest = { mapId: string, table: CsvTable, };

export type ExportDrawingRequest = { mapId: string, options: DrawingOptions, };

export type ExportReportRequest = { mapId: string, format: ReportFormat, page: PageSize, };

export type LibraryStatusRequest = Record<symbol, never>;

export type ConnectLibraryRequest = { url: string, user: string, };

export type DisconnectLibraryRequest = Record<symbol, never>;

export type LibraryMapsRequest = Record<symbol, never>;

export type PublishMapRequest = { mapId: string, replace: boolean, };

export type PullMapRequest = { mapId: string, mode: ImportMode, };

export type OpenLibraryMapRequest = { id: string, };

export type LibraryChangedRequest = { mapId: string, };

export type RecoveryStatusRequest = Record<symbol, never>;

export type RestoreBackupRequest = { path: string, };

export type SalvageRequest = Record<symbol, never>;

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
  map_insight: { request: MapInsightRequest; response: Analysis };
  search_map: { request: SearchMapRequest; response: Array<string> };
  list_map_feedback: { request: ListMapFeedbackRequest; response: Array<FeedbackDto> };
  set_evidence_rules: { request: SetEvidenceRulesRequest; response: Analysis };
  add_decision: { request: AddDecisionRequest; response: Edited };
  update_decision: { request: UpdateDecisionRequest; response: Edited };
  delete_decision: { request: DeleteDecisionRequest; response: Edited };
  save_round: { request: SaveRoundRequest; response: Edited };
  delete_round: { request: DeleteRoundRequest; response: Edited };
  export_rounds_csv: { request: ExportRoundsCsvRequest; response: FileOutcome };
  export_csv: { request: ExportCsvRequest; response: FileOutcome };
  export_drawing: { request: ExportDrawingRequest; response: FileOutcome };
  export_report: { request: ExportReportRequest; response: FileOutcome };
  library_status: { request: LibraryStatusRequest; response: LibraryStatus };
  connect_library: { request: ConnectLibraryRequest; response: LibraryStatus };
  disconnect_library: { request: DisconnectLibraryRequest; response: LibraryStatus };
  library_maps: { request: LibraryMapsRequest; response: Array<LibraryMapDto> };
  publish_map: { request: PublishMapRequest; response: Array<LibraryMapDto> };
  pull_map: { request: PullMapRequest; response: Array<MapSummaryDto> };
  open_library_map: { request: OpenLibraryMapRequest; response: MapView };
  library_changed: { request: LibraryChangedRequest; response: MapPatch | null };
  recovery_status: { request: RecoveryStatusRequest; response: RecoveryDto | null };
  restore_backup: { request: RestoreBackupRequest; response: RestoredDto };
  salvage_database: { request: SalvageRequest; response: SalvagedDto };
};
