// The board's filter: which cards match (by cell, lane, owner, channel, pain at or above
// a value, weak evidence, and a text search answered by the backend). Matching cards are
// highlighted and the rest dimmed; with no criterion set, nothing is marked.
import type { TouchpointDto } from "../bindings";

export type BoardFilter = {
  /** Text searched over titles, descriptions, channels, owners and feedback (by the backend). */
  query: string;
  minPain: number | null;
  laneId: string | null;
  owner: string | null;
  channel: string | null;
  weakOnly: boolean;
  /** One cell (set from the heatmap). */
  cell: { stageId: string; laneId: string } | null;
};

export const NO_FILTER: BoardFilter = {
  query: "",
  minPain: null,
  laneId: null,
  owner: null,
  channel: null,
  weakOnly: false,
  cell: null,
};

/** Whether any criterion is set. */
export function isFilterActive(f: BoardFilter): boolean {
  return (
    f.query.trim() !== "" ||
    f.minPain !== null ||
    f.laneId !== null ||
    f.owner !== null ||
    f.channel !== null ||
    f.weakOnly ||
    f.cell !== null
  );
}

export type FilterInputs = {
  /** The ids the text search found (null while it has not answered, or without a query). */
  searchIds: ReadonlySet<string> | null;
  /** The ids whose evidence is weak (null until the analysis has arrived). */
  weakIds: ReadonlySet<string> | null;
};

/** Whether one touchpoint meets every criterion set. */
export function matchesFilter(t: TouchpointDto, f: BoardFilter, inputs: FilterInputs): boolean {
  if (f.cell !== null && (t.stageId !== f.cell.stageId || t.laneId !== f.cell.laneId)) return false;
  if (f.laneId !== null && t.laneId !== f.laneId) return false;
  if (f.owner !== null && t.owner !== f.owner) return false;
  if (f.channel !== null && t.channel !== f.channel) return false;
  if (f.minPain !== null && (t.pain === null || t.pain < f.minPain)) return false;
  if (f.weakOnly && !(inputs.weakIds?.has(t.id) ?? false)) return false;
  if (f.query.trim() !== "" && !(inputs.searchIds?.has(t.id) ?? false)) return false;
  return true;
}

/** The matching ids, or null when no criterion is set (nothing is marked then). */
export function matchingIds(touchpoints: readonly TouchpointDto[], f: BoardFilter, inputs: FilterInputs): ReadonlySet<string> | null {
  if (!isFilterActive(f)) return null;
  const out = new Set<string>();
  for (const t of touchpoints) if (matchesFilter(t, f, inputs)) out.add(t.id);
  return out;
}

/** The distinct non-empty values of a field, sorted, for a filter's options. */
export function distinctValues(touchpoints: readonly TouchpointDto[], field: "owner" | "channel"): string[] {
  const seen = new Set<string>();
  for (const t of touchpoints) if (t[field].trim() !== "") seen.add(t[field]);
  return [...seen].sort((a, b) => a.localeCompare(b));
}

/** "12 of 50 cards match". */
export function matchCountText(matches: number, total: number): string {
  return `${matches} of ${total} card${total === 1 ? "" : "s"} match${matches === 1 && total === 1 ? "es" : ""}`;
}
