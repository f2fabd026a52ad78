// What the side panel shows, and the link-picking mode.
import type { LinkKind } from "../../bindings";

export type Selection =
  /** `quote`: opened to add a quote, with the feedback form at the top of the panel. */
  | { kind: "touchpoint"; id: string; quote?: boolean }
  | { kind: "stage"; id: string }
  | { kind: "link"; id: string }
  | { kind: "map" }
  | null;

/** While set, clicking (or pressing Enter on) a card links `fromId` to it. */
export type LinkMode = { fromId: string; kind: LinkKind } | null;
