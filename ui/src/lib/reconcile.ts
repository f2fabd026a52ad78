// Keeps object identity for the parts of a map view (or an analysis) that did not change,
// so memoised components (cards, cells, headers, insight items) skip re-rendering after an
// edit touches one of them.
import type { MapView } from "../bindings";

/** Structural equality for the plain JSON values the backend sends. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!deepEqual(a[i], b[i])) return false;
    }
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) {
    // biome-ignore lint/suspicious/noPrototypeBuiltins: kept as written (Object.hasOwn needs a newer WebKitGTK).
    if (!Object.prototype.hasOwnProperty.call(rb, k) || !deepEqual(ra[k], rb[k])) return false;
  }
  return true;
}

/**
 * Returns `next`'s items, reusing each previous item (matched by id) whose content is
 * unchanged. When every item is reused in the same order, the previous array itself is
 * returned.
 */
export function reconcileList<T extends { id: string }>(prev: readonly T[], next: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of prev) byId.set(item.id, item);
  let same = prev.length === next.length;
  const out = next.map((item, i) => {
    const old = byId.get(item.id);
    const kept = old !== undefined && deepEqual(old, item) ? old : item;
    if (kept !== prev[i]) same = false;
    return kept;
  });
  return same ? (prev as T[]) : out;
}

/** Merges a freshly received view into the previous one of the same map. */
export function reconcileView(prev: MapView | null, next: MapView): MapView {
  if (prev === null || prev.map.id !== next.map.id) return next;
  const map = deepEqual(prev.map, next.map) ? prev.map : next.map;
  const stages = reconcileList(prev.stages, next.stages);
  const lanes = reconcileList(prev.lanes, next.lanes);
  const touchpoints = reconcileList(prev.touchpoints, next.touchpoints);
  const links = reconcileList(prev.links, next.links);
  const decisions = reconcileList(prev.decisions, next.decisions);
  const rounds = reconcileList(prev.rounds, next.rounds);
  const metrics = deepEqual(prev.metrics, next.metrics) ? prev.metrics : next.metrics;
  if (
    map === prev.map &&
    stages === prev.stages &&
    lanes === prev.lanes &&
    touchpoints === prev.touchpoints &&
    links === prev.links &&
    decisions === prev.decisions &&
    rounds === prev.rounds &&
    metrics === prev.metrics &&
    next.canUndo === prev.canUndo &&
    next.canRedo === prev.canRedo &&
    next.location === prev.location &&
    next.readOnly === prev.readOnly
  ) {
    return prev;
  }
  return {
    location: next.location,
    readOnly: next.readOnly,
    map,
    stages,
    lanes,
    touchpoints,
    links,
    decisions,
    rounds,
    metrics,
    canUndo: next.canUndo,
    canRedo: next.canRedo,
  };
}

/**
 * `next`, with every part that is deep-equal to the matching part of `prev` replaced by
 * prev's (same identity); `prev` itself when the two are equal. Array items that carry an
 * id (see `itemKey`) are matched by it, others by index. One walk over `next`, so
 * O(size): used on the whole analysis after every edit.
 *
 * The result is always deep-equal to `next`: the matching only decides how much is
 * shared. Neither argument is modified.
 */
export function share<T>(prev: T | null | undefined, next: T): T {
  return shareValue(prev, next) as T;
}

function shareValue(prev: unknown, next: unknown): unknown {
  if (prev === next) return next;
  // Equal primitives are === (the backend sends JSON, so no NaN); anything else differs.
  if (typeof next !== "object" || next === null || typeof prev !== "object" || prev === null) return next;
  if (Array.isArray(next)) return Array.isArray(prev) ? shareArray(prev, next) : next;
  if (Array.isArray(prev)) return next;
  return shareObject(prev as Record<string, unknown>, next as Record<string, unknown>);
}

function shareObject(prev: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  let same = true;
  let count = 0;
  // Copied only once a field differs from next's (a changed part's spine is new anyway).
  let out: Record<string, unknown> | null = null;
  // for…in rather than Object.keys: no array per object (the backend's objects are plain,
  // with nothing enumerable inherited), about twice as fast over a whole analysis.
  for (const k in next) {
    count++;
    const v = next[k];
    const old = prev[k];
    let s: unknown;
    // biome-ignore lint/suspicious/noPrototypeBuiltins: kept as written (Object.hasOwn needs a newer WebKitGTK).
    if (old === undefined && !Object.prototype.hasOwnProperty.call(prev, k)) {
      s = v;
      same = false;
    } else {
      s = shareValue(old, v);
      if (s !== old) same = false;
    }
    if (s !== v) {
      out ??= { ...next };
      out[k] = s;
    }
  }
  if (same) {
    // Every field of next is prev's: equal unless prev has more.
    let prevCount = 0;
    for (const _ in prev) prevCount++;
    same = prevCount === count;
  }
  return same ? prev : (out ?? next);
}

function shareArray(prev: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  let same = prev.length === next.length;
  let out: unknown[] | null = null;
  // Built only when an item's key differs from the one at its index (an insert, a
  // removal, a new ranking): most edits keep every item where it was.
  let byKey: Map<string, unknown> | null = null;
  for (let i = 0; i < next.length; i++) {
    const v = next[i];
    let old: unknown = prev[i];
    const key = typeof v === "object" ? itemKey(v) : undefined;
    if (key !== undefined && itemKey(old) !== key) {
      if (byKey === null) {
        byKey = new Map();
        for (const p of prev) {
          const k = itemKey(p);
          // The first of equal keys wins; a duplicate only shares less.
          if (k !== undefined && !byKey.has(k)) byKey.set(k, p);
        }
      }
      old = byKey.get(key);
    }
    const s = shareValue(old, v);
    if (s !== prev[i]) same = false;
    if (s !== v) {
      out ??= next.slice();
      out[i] = s;
    }
  }
  return same ? prev : (out ?? next);
}

/**
 * What an array item is matched by: the analysis's rows carry a plain, touchpoint, link or
 * feedback id, heat cells a stage and a lane, lane pairs two lanes, per-stage rows a stage.
 * Items without one (paths, totals, plain values) are matched by index.
 */
function itemKey(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null) return undefined;
  const r = item as Record<string, unknown>;
  const id = r.id ?? r.touchpointId ?? r.linkId ?? r.feedbackId;
  if (typeof id === "string") return id;
  if (typeof r.stageId === "string") return typeof r.laneId === "string" ? `${r.stageId}\u0000${r.laneId}` : r.stageId;
  if (typeof r.fromLaneId === "string" && typeof r.toLaneId === "string") return `${r.fromLaneId}\u0000${r.toLaneId}`;
  return undefined;
}
