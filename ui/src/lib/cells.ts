// Groups touchpoints into board cells once per view, so rendering a cell never scans the
// whole map.
import type { TouchpointDto } from "../bindings";

/** The key of the cell (stage, lane) in a cell map. */
export function cellKey(stageId: string, laneId: string): string {
  return `${stageId}\u0000${laneId}`;
}

export type CellMap = ReadonlyMap<string, readonly TouchpointDto[]>;

const EMPTY: readonly TouchpointDto[] = Object.freeze([]);

/**
 * Groups touchpoints by cell, keeping their order within each cell. When `prev` is
 * given, a cell whose touchpoints are the same objects in the same order keeps its
 * previous array, so a memoised cell component does not re-render.
 */
export function groupByCell(touchpoints: readonly TouchpointDto[], prev?: CellMap): Map<string, readonly TouchpointDto[]> {
  const groups = new Map<string, TouchpointDto[]>();
  for (const t of touchpoints) {
    const key = cellKey(t.stageId, t.laneId);
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const out = new Map<string, readonly TouchpointDto[]>();
  for (const [key, list] of groups) {
    const old = prev?.get(key);
    out.set(key, old !== undefined && sameItems(old, list) ? old : list);
  }
  return out;
}

/** The touchpoints of one cell (an empty, shared array when there are none). */
export function cellItems(cells: CellMap, stageId: string, laneId: string): readonly TouchpointDto[] {
  return cells.get(cellKey(stageId, laneId)) ?? EMPTY;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

/** The cards' ids in the board's reading order (see `nextInReadingOrder`), one at a time. */
function* readingOrder(
  cells: CellMap,
  stages: readonly { id: string }[],
  lanes: readonly { id: string; hidden: boolean }[],
  collapsedStages: ReadonlySet<string>,
  collapsedLanes: ReadonlySet<string>,
): Generator<string> {
  for (const lane of lanes) {
    if (lane.hidden || collapsedLanes.has(lane.id)) continue;
    for (const stage of stages) {
      if (collapsedStages.has(stage.id)) continue;
      for (const t of cellItems(cells, stage.id, lane.id)) yield t.id;
    }
  }
}

/** The card before `id` in the board's reading order; null before the first one. */
export function previousInReadingOrder(
  cells: CellMap,
  stages: readonly { id: string }[],
  lanes: readonly { id: string; hidden: boolean }[],
  collapsedStages: ReadonlySet<string>,
  collapsedLanes: ReadonlySet<string>,
  id: string,
): string | null {
  let before: string | null = null;
  for (const t of readingOrder(cells, stages, lanes, collapsedStages, collapsedLanes)) {
    if (t === id) return before;
    before = t;
  }
  return null;
}

/**
 * The card after `id` in the board's reading order (lane by lane, stage by stage, each
 * cell top to bottom, as Tab goes), skipping hidden and collapsed lanes and collapsed
 * stages; null after the last one.
 */
export function nextInReadingOrder(
  cells: CellMap,
  stages: readonly { id: string }[],
  lanes: readonly { id: string; hidden: boolean }[],
  collapsedStages: ReadonlySet<string>,
  collapsedLanes: ReadonlySet<string>,
  id: string,
): string | null {
  let found = false;
  for (const t of readingOrder(cells, stages, lanes, collapsedStages, collapsedLanes)) {
    if (found) return t;
    if (t === id) found = true;
  }
  return null;
}
