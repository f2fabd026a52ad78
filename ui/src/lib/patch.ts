// Applies an edit's answer, a MapPatch, to the view the board holds. Mirrors
// `MapView::apply` in crates/journey-app/src/patch.rs, whose property test checks that
// the result equals a fresh read of the map. Unchanged items keep their identity, so
// memoised cards, cells and headers skip rendering; an untouched list stays the same array.
import type { ListPatch, MapPatch, MapView } from "../bindings";

type Keyed = { id: string };

/** The list after `p`, or null when the patch does not fit (an ordered id that is unknown). */
export function applyList<T extends Keyed>(prev: readonly T[], p: ListPatch<T>): T[] | null {
  if (p.changed.length === 0 && p.removed.length === 0 && p.order === null) return prev as T[];
  const changed = new Map(p.changed.map((x) => [x.id, x]));
  const removed = new Set(p.removed);
  if (p.order === null) {
    return prev.filter((x) => !removed.has(x.id)).map((x) => changed.get(x.id) ?? x);
  }
  const kept = new Map(prev.filter((x) => !removed.has(x.id)).map((x) => [x.id, x]));
  const out: T[] = [];
  for (const id of p.order) {
    const item = changed.get(id) ?? kept.get(id);
    if (item === undefined) return null;
    out.push(item);
  }
  return out;
}

/** The view after `patch`, or null when it does not fit `prev` (then reload the map). */
export function applyPatch(prev: MapView, patch: MapPatch): MapView | null {
  if (patch.map.id !== prev.map.id) return null;
  const stages = applyList(prev.stages, patch.stages);
  const lanes = applyList(prev.lanes, patch.lanes);
  const touchpoints = applyList(prev.touchpoints, patch.touchpoints);
  const links = applyList(prev.links, patch.links);
  const decisions = applyList(prev.decisions, patch.decisions);
  const rounds = applyList(prev.rounds, patch.rounds);
  if (stages === null || lanes === null || touchpoints === null || links === null || decisions === null || rounds === null) {
    return null;
  }
  return {
    location: prev.location,
    readOnly: prev.readOnly,
    map: sameMeta(prev.map, patch.map) ? prev.map : patch.map,
    stages,
    lanes,
    touchpoints,
    links,
    decisions,
    rounds,
    metrics: patch.metrics,
    canUndo: patch.canUndo,
    canRedo: patch.canRedo,
  };
}

/**
 * Whether the patch can move cards, headers or rows: anything added, removed or
 * reordered, a lane hidden or shown, a link changed, or a card moved to another cell.
 * Other changes (a pain score, a renamed stage, new figures in a header) alter only what
 * is inside a card, header or label, and any size change that follows is seen by the link
 * layer's ResizeObserver.
 */
export function changesLayout(prev: MapView, patch: MapPatch, byId?: ReadonlyMap<string, { stageId: string; laneId: string }>): boolean {
  const lists = [patch.stages, patch.lanes, patch.touchpoints, patch.links] as ListPatch<Keyed>[];
  if (lists.some((p) => p.order !== null || p.removed.length > 0)) return true;
  if (patch.links.changed.length > 0) return true;
  const lanes = new Map(prev.lanes.map((l) => [l.id, l]));
  if (patch.lanes.changed.some((l) => lanes.get(l.id)?.hidden !== l.hidden)) return true;
  if (patch.touchpoints.changed.length === 0) return false;
  const before = byId ?? new Map(prev.touchpoints.map((t) => [t.id, t]));
  return patch.touchpoints.changed.some((t) => {
    const old = before.get(t.id);
    return old === undefined || old.stageId !== t.stageId || old.laneId !== t.laneId;
  });
}

function sameMeta(a: MapView["map"], b: MapView["map"]): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.description === b.description &&
    a.personaName === b.personaName &&
    a.personaDescription === b.personaDescription &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt
  );
}
