// The only module that talks to Tauri, and the only file that spells command names.
// Every command goes through one typed `call(name, request)`: `Commands` (generated from
// the Rust command list, ../bindings) gives each name its request and response types, so
// a misspelled command or argument fails the type check. A failed command rejects with an
// ErrorDto: `code` to switch on, `message` to show, for an import every problem with its
// JSON path, and `existingMap` when an imported map's id is taken.
import { invoke } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type {
  Commands,
  CsvTable,
  DecisionFields,
  DrawingOptions,
  ErrorCode,
  ErrorDto,
  FeedbackFields,
  FeedbackTargetDto,
  ImportMode,
  LaneFields,
  LinkFields,
  MapFields,
  PageSize,
  ReportFormat,
  RoundFields,
  StageFields,
  TouchpointFields,
} from "../bindings";

export type { ImportMode };

const CODES: readonly ErrorCode[] = ["invalid", "not_found", "conflict", "import", "storage", "io", "unreachable", "internal"];

/** Turns whatever a rejected invoke carries into an ErrorDto. */
export function toError(e: unknown): ErrorDto {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const x = e as ErrorDto;
    const code = CODES.includes(x.code) ? x.code : "internal";
    return {
      code,
      message: String(x.message),
      problems: Array.isArray(x.problems) ? x.problems : [],
      existingMap: x.existingMap ?? null,
    };
  }
  return { code: "internal", message: typeof e === "string" ? e : String(e), problems: [], existingMap: null };
}

/** Runs command `name` with its request; rejects with an ErrorDto. */
export async function call<K extends keyof Commands>(name: K, request: Commands[K]["request"]): Promise<Commands[K]["response"]> {
  try {
    return await invoke<Commands[K]["response"]>(name, { request });
  } catch (e) {
    throw toError(e);
  }
}

/** A touchpoint or a stage, as the panels name what feedback is about. */
export type FeedbackTarget = { touchpointId: string } | { stageId: string };

function target(t: FeedbackTarget): FeedbackTargetDto {
  return "touchpointId" in t ? { touchpoint: t.touchpointId } : { stage: t.stageId };
}

export const ipc = {
  start: () => call("start", {}),
  listMaps: () => call("list_maps", {}),
  openMap: (id: string) => call("open_map", { id }),
  closeMap: () => call("close_map", {}),
  createMap: (name: string) => call("create_map", { name }),
  updateMap: (mapId: string, fields: MapFields) => call("update_map", { mapId, fields }),
  duplicateMap: (id: string) => call("duplicate_map", { id }),
  deleteMap: (id: string) => call("delete_map", { id }),
  undoLibrary: () => call("undo_library", {}),

  addStage: (mapId: string, name: string, index: number | null) => call("add_stage", { mapId, name, index }),
  updateStage: (mapId: string, id: string, fields: StageFields) => call("update_stage", { mapId, id, fields }),
  moveStage: (mapId: string, id: string, index: number) => call("move_stage", { mapId, id, index }),
  deleteStage: (mapId: string, id: string) => call("delete_stage", { mapId, id }),

  addLane: (mapId: string, name: string, index: number | null) => call("add_lane", { mapId, name, index }),
  updateLane: (mapId: string, id: string, fields: LaneFields) => call("update_lane", { mapId, id, fields }),
  moveLane: (mapId: string, id: string, index: number) => call("move_lane", { mapId, id, index }),
  deleteLane: (mapId: string, id: string) => call("delete_lane", { mapId, id }),

  addTouchpoint: (mapId: string, stageId: string, laneId: string, title: string, index: number | null) =>
    call("add_touchpoint", { mapId, stageId, laneId, title, index }),
  updateTouchpoint: (mapId: string, id: string, fields: TouchpointFields) => call("update_touchpoint", { mapId, id, fields }),
  moveTouchpoint: (mapId: string, id: string, stageId: string, laneId: string, index: number) =>
    call("move_touchpoint", { mapId, id, stageId, laneId, index }),
  deleteTouchpoint: (mapId: string, id: string) => call("delete_touchpoint", { mapId, id }),

  addLink: (mapId: string, fromId: string, toId: string, fields: LinkFields) => call("add_link", { mapId, fromId, toId, fields }),
  updateLink: (mapId: string, id: string, fields: LinkFields) => call("update_link", { mapId, id, fields }),
  deleteLink: (mapId: string, id: string) => call("delete_link", { mapId, id }),

  listFeedback: (t: FeedbackTarget) => call("list_feedback", { target: target(t) }),
  addFeedback: (mapId: string, t: FeedbackTarget, fields: FeedbackFields) => call("add_feedback", { mapId, target: target(t), fields }),
  updateFeedback: (mapId: string, id: string, fields: FeedbackFields) => call("update_feedback", { mapId, id, fields }),
  deleteFeedback: (mapId: string, id: string) => call("delete_feedback", { mapId, id }),

  /** Writes a decision or opportunity onto a touchpoint; `createdId` is its id. */
  addDecision: (mapId: string, touchpointId: string, fields: DecisionFields) => call("add_decision", { mapId, touchpointId, fields }),
  updateDecision: (mapId: string, id: string, fields: DecisionFields) => call("update_decision", { mapId, id, fields }),
  deleteDecision: (mapId: string, id: string) => call("delete_decision", { mapId, id }),
  /** Saves a finished voting round (only counts, no voter names); `createdId` is its id. */
  saveRound: (mapId: string, fields: RoundFields) => call("save_round", { mapId, fields }),
  deleteRound: (mapId: string, id: string) => call("delete_round", { mapId, id }),
  /** Opens the native save dialog (on the Rust side) and writes every round as CSV there. */
  exportRoundsCsv: (mapId: string) => call("export_rounds_csv", { mapId }),
  /** Opens the native save dialog (on the Rust side) and writes one of the map's tables as CSV. */
  exportCsv: (mapId: string, table: CsvTable) => call("export_csv", { mapId, table }),
  /** Opens the native save dialog (on the Rust side) and writes a drawing of the map, its heatmap or its curve there. */
  exportDrawing: (mapId: string, options: DrawingOptions) => call("export_drawing", { mapId, options }),
  /** The team library's state (set or not, connected, who writes, what is wrong). */
  libraryStatus: () => call("library_status", {}),
  /** Connects to a team library: a PostgreSQL connection string (kept in memory only) and the name writes are signed with. */
  connectLibrary: (url: string, user: string) => call("connect_library", { url, user }),
  disconnectLibrary: () => call("disconnect_library", {}),
  /** The team library's maps, with who changed each last and when. */
  libraryMaps: () => call("library_maps", {}),
  /** Copies a local map into the team library (same ids). */
  publishMap: (mapId: string, replace: boolean) => call("publish_map", { mapId, replace }),
  /** Copies a library map into the local database. */
  pullMap: (mapId: string, mode: ImportMode) => call("pull_map", { mapId, mode }),
  /** Opens a map from the team library: edits go there, checked against everyone else's. */
  openLibraryMap: (id: string) => call("open_library_map", { id }),
  /** What others committed to the open library map since the view was sent, as a patch (null: nothing). */
  libraryChanged: (mapId: string) => call("library_changed", { mapId }),
  /** Opens the native save dialog (on the Rust side) and writes the report (PDF on `page` paper, or Markdown) there. */
  exportReport: (mapId: string, format: ReportFormat, page: PageSize) => call("export_report", { mapId, format, page }),

  undo: (mapId: string) => call("undo", { mapId }),
  redo: (mapId: string) => call("redo", { mapId }),

  /** Opens the native save dialog (on the Rust side) and writes the map there. */
  exportMap: (mapId: string) => call("export_map", { mapId }),
  /**
   * Opens the native open dialog (on the Rust side) and imports the file chosen; with
   * `sameFile`, imports the file chosen last time again (after a conflict).
   */
  importMap: (mode: ImportMode, sameFile = false) => call("import_map", { mode, sameFile }),

  /**
   * The map's analysis: pain points, paths, structure, hand-offs, heatmap, curve, evidence.
   * `itemRows` false leaves out every touchpoint's evidence row and every hand-off (their
   * counts stay); `topPainPoints` limits the ranked pain points sent (the panel shows few).
   */
  mapInsight: (mapId: string, itemRows = true, topPainPoints: number | null = 25) =>
    call("map_insight", { mapId, topPainPoints, itemRows }),
  /** The ids of the touchpoints whose text or feedback contains the query (case-insensitive). */
  searchMap: (mapId: string, query: string) => call("search_map", { mapId, query }),
  /** Every feedback item of the map. */
  listMapFeedback: (mapId: string) => call("list_map_feedback", { mapId }),
  setEvidenceRules: (mapId: string, minN: number, maxAgeDays: number) => call("set_evidence_rules", { mapId, minN, maxAgeDays }),

  /**
   * Why the database could not be opened and its good backups (newest first); null when
   * it is open and well. Answers even when every other command fails.
   */
  recoveryStatus: () => call("recovery_status", {}),
  /**
   * Restores a backup `recoveryStatus` listed (by its path), moving the damaged file
   * aside; afterwards every other command works on the restored database.
   */
  restoreBackup: (path: string) => call("restore_backup", { path }),
  /**
   * Reads every map, touchpoint and feedback item that can still be read from the damaged
   * database into a new one (maps named "… (salvaged)"), moving the damaged file aside;
   * afterwards every other command works on the new database.
   */
  salvage: () => call("salvage_database", {}),
};

export type Ipc = typeof ipc;

/**
 * The app's own window, through Tauri's window API (not a Journeymap command): the
 * presentation takes it full screen. Needs `core:window:allow-set-fullscreen` in the
 * window's capability; without Tauri (tests) it rejects.
 */
export const appWindow = {
  setFullscreen: async (on: boolean): Promise<void> => getCurrentWindow().setFullscreen(on),
};
