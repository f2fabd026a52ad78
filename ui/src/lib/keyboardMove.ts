// Where a focused card goes when moved with the keyboard:
// Alt+Left/Right: previous/next stage, same lane, end of the target cell.
// Alt+Up/Down: previous/next visible lane, same stage, end of the target cell.
// Ctrl+Alt+Up/Down: one place earlier/later within its own cell.
// At an edge the card stays put (no target).
import type { TouchpointDto } from "../bindings";
import { type CellMap, cellItems } from "./cells";

export type MoveKey = {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey?: boolean;
  metaKey?: boolean;
};

export type MoveTarget = { stageId: string; laneId: string; index: number };

/** Whether a key press is one of the move shortcuts (whatever the card's position). */
export function isMoveKey(e: MoveKey): boolean {
  if (!e.altKey || e.shiftKey || e.metaKey) return false;
  if (e.ctrlKey) return e.key === "ArrowUp" || e.key === "ArrowDown";
  return e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "ArrowUp" || e.key === "ArrowDown";
}

/**
 * The cell and index (among the target cell's other cards) a move shortcut sends the
 * card to, or null when the key is not a move shortcut or the card is at the edge.
 */
export function keyboardMoveTarget(
  stageIds: readonly string[],
  visibleLaneIds: readonly string[],
  cells: CellMap,
  card: Pick<TouchpointDto, "id" | "stageId" | "laneId">,
  e: MoveKey,
): MoveTarget | null {
  if (!isMoveKey(e)) return null;
  if (e.ctrlKey) {
    const items = cellItems(cells, card.stageId, card.laneId);
    const at = items.findIndex((t) => t.id === card.id);
    if (at < 0) return null;
    const index = e.key === "ArrowUp" ? at - 1 : at + 1;
    if (index < 0 || index >= items.length) return null;
    return { stageId: card.stageId, laneId: card.laneId, index };
  }
  let stageId = card.stageId;
  let laneId = card.laneId;
  if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
    const next = neighbour(stageIds, card.stageId, e.key === "ArrowLeft" ? -1 : 1);
    if (next === null) return null;
    stageId = next;
  } else {
    const next = neighbour(visibleLaneIds, card.laneId, e.key === "ArrowUp" ? -1 : 1);
    if (next === null) return null;
    laneId = next;
  }
  const index = cellItems(cells, stageId, laneId).filter((t) => t.id !== card.id).length;
  return { stageId, laneId, index };
}

function neighbour(ids: readonly string[], id: string, step: -1 | 1): string | null {
  const at = ids.indexOf(id);
  if (at < 0) return null;
  return ids[at + step] ?? null;
}

/**
 * The index a dragged card gets when dropped into a cell: before `beforeId` when given,
 * else at the end. Indexes count the cell's cards other than the one moving, which is
 * what the backend's move expects.
 */
export function dropIndex(items: readonly Pick<TouchpointDto, "id">[], movingId: string, beforeId: string | null): number {
  if (beforeId === movingId) {
    // Dropped onto itself: it stays where it is.
    const at = items.findIndex((t) => t.id === movingId);
    if (at >= 0) return at;
  }
  const others = items.filter((t) => t.id !== movingId);
  if (beforeId === null) return others.length;
  const at = others.findIndex((t) => t.id === beforeId);
  return at < 0 ? others.length : at;
}
