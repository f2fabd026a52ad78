// The only module that talks to Tauri, and the only file that spells command names.
// Every wrapper is typed with the DTOs generated from Rust (../bindings). A failed
// command rejects with an ErrorDto: `code` to switch on, `message` to show, and for an
// import every problem with its JSON path.
import { invoke } from "@tauri-apps/api/core";
import type {
  Edited,
  ErrorDto,
  FeedbackDto,
  FeedbackFields,
  FileOutcome,
  LaneFields,
  LinkFields,
  MapFields,
  MapSummaryDto,
  MapView,
  StageFields,
  StartDto,
  TouchpointFields,
} from "../bindings";

export type ImportMode = "refuse" | "replace" | "copy";

/** Turns whatever a rejected invoke carries into an ErrorDto. */
export function toError(e: unknown): ErrorDto {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const x = e as ErrorDto;
    return { code: String(x.code), message: String(x.message), problems: Array.isArray(x.problems) ? x.problems : [] };
  }
  return { code: "ipc", message: typeof e === "string" ? e : String(e), problems: [] };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toError(e);
  }
}

export const ipc = {
  start: () => call<StartDto>("start"),
  listMaps: () => call<MapSummaryDto[]>("list_maps"),
  openMap: (id: string) => call<MapView>("open_map", { id }),
  closeMap: () => call<null>("close_map"),
  createMap: (name: string) => call<MapView>("create_map", { name }),
  updateMap: (mapId: string, fields: MapFields) => call<Edited>("update_map", { mapId, fields }),
  duplicateMap: (id: string) => call<MapSummaryDto[]>("duplicate_map", { id }),
  deleteMap: (id: string) => call<MapSummaryDto[]>("delete_map", { id }),
  undoLibrary: () => call<MapSummaryDto[]>("undo_library"),

  addStage: (mapId: string, name: string, index: number | null) => call<Edited>("add_stage", { mapId, name, index }),
  updateStage: (mapId: string, id: string, fields: StageFields) => call<Edited>("update_stage", { mapId, id, fields }),
  moveStage: (mapId: string, id: string, index: number) => call<Edited>("move_stage", { mapId, id, index }),
  deleteStage: (mapId: string, id: string) => call<Edited>("delete_stage", { mapId, id }),

  addLane: (mapId: string, name: string, index: number | null) => call<Edited>("add_lane", { mapId, name, index }),
  updateLane: (mapId: string, id: string, fields: LaneFields) => call<Edited>("update_lane", { mapId, id, fields }),
  moveLane: (mapId: string, id: string, index: number) => call<Edited>("move_lane", { mapId, id, index }),
  deleteLane: (mapId: string, id: string) => call<Edited>("delete_lane", { mapId, id }),

  addTouchpoint: (mapId: string, stageId: string, laneId: string, title: string, index: number | null) =>
    call<Edited>("add_touchpoint", { mapId, stageId, laneId, title, index }),
  updateTouchpoint: (mapId: string, id: string, fields: TouchpointFields) =>
    call<Edited>("update_touchpoint", { mapId, id, fields }),
  moveTouchpoint: (mapId: string, id: string, stageId: string, laneId: string, index: number) =>
    call<Edited>("move_touchpoint", { mapId, id, stageId, laneId, index }),
  deleteTouchpoint: (mapId: string, id: string) => call<Edited>("delete_touchpoint", { mapId, id }),

  addLink: (mapId: string, fromId: string, toId: string, fields: LinkFields) =>
    call<Edited>("add_link", { mapId, fromId, toId, fields }),
  updateLink: (mapId: string, id: string, fields: LinkFields) => call<Edited>("update_link", { mapId, id, fields }),
  deleteLink: (mapId: string, id: string) => call<Edited>("delete_link", { mapId, id }),

  listFeedback: (target: { touchpointId: string } | { stageId: string }) =>
    call<FeedbackDto[]>("list_feedback", {
      touchpointId: "touchpointId" in target ? target.touchpointId : null,
      stageId: "stageId" in target ? target.stageId : null,
    }),
  addFeedback: (mapId: string, target: { touchpointId: string } | { stageId: string }, fields: FeedbackFields) =>
    call<Edited>("add_feedback", {
      mapId,
      touchpointId: "touchpointId" in target ? target.touchpointId : null,
      stageId: "stageId" in target ? target.stageId : null,
      fields,
    }),
  updateFeedback: (mapId: string, id: string, fields: FeedbackFields) =>
    call<Edited>("update_feedback", { mapId, id, fields }),
  deleteFeedback: (mapId: string, id: string) => call<Edited>("delete_feedback", { mapId, id }),

  undo: (mapId: string) => call<Edited>("undo", { mapId }),
  redo: (mapId: string) => call<Edited>("redo", { mapId }),

  /** Opens the native save dialog (on the Rust side) and writes the map there. */
  exportMap: (mapId: string) => call<FileOutcome>("export_map", { mapId }),
  /** Opens the native open dialog (on the Rust side) and imports the file chosen. */
  importMap: (mode: ImportMode) => call<FileOutcome>("import_map", { mode }),
};

export type Ipc = typeof ipc;
