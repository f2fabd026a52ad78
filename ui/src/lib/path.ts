// The most painful flow path as sets of touchpoint and link ids, for highlighting it on
// the board (cards and arrows on the path stand out, the rest dims).
import type { LinkDto, PainPathInsight } from "../bindings";

export type PathSets = { touchpoints: ReadonlySet<string>; links: ReadonlySet<string> };

/** The ids on the path, and the flow links joining its consecutive steps. */
export function pathSets(path: PainPathInsight | undefined, links: readonly LinkDto[]): PathSets | null {
  if (path === undefined || path.steps.length === 0) return null;
  const ids = path.steps.map((s) => s.touchpointId);
  const pairs = new Set<string>();
  for (let i = 1; i < ids.length; i++) pairs.add(`${ids[i - 1]}\u0000${ids[i]}`);
  const onPath = new Set<string>();
  for (const l of links) if (l.kind === "flow" && pairs.has(`${l.fromId}\u0000${l.toId}`)) onPath.add(l.id);
  return { touchpoints: new Set(ids), links: onPath };
}

/** Whether two sets hold the same ids (so a new but equal set need not re-render anything). */
export function sameSet(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
