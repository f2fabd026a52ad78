// Lane accents: each built-in lane kind has its own colour from the Okabe–Ito palette
// (distinguishable with colour-vision deficiencies); custom lanes share a neutral one.
// The colours live in board.css under these class names.
import type { LaneKind } from "../bindings";

/** The CSS class carrying a lane's accent, e.g. "lane-accent--third-party". */
export function laneAccentClass(kind: LaneKind): string {
  return `lane-accent--${kind.replaceAll("_", "-")}`;
}
