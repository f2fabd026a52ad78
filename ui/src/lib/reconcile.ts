// Keeps object identity for the parts of a map view that did not change, so memoised
// components (cards, cells, headers) skip re-rendering after an edit touches one of them.
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
  const metrics = deepEqual(prev.metrics, next.metrics) ? prev.metrics : next.metrics;
  if (
    map === prev.map &&
    stages === prev.stages &&
    lanes === prev.lanes &&
    touchpoints === prev.touchpoints &&
    links === prev.links &&
    metrics === prev.metrics &&
    next.canUndo === prev.canUndo &&
    next.canRedo === prev.canRedo
  ) {
    return prev;
  }
  return { map, stages, lanes, touchpoints, links, metrics, canUndo: next.canUndo, canRedo: next.canRedo };
}
