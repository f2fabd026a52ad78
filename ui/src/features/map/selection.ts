// What the side panel shows, and the link-picking mode.
import type { LinkKind } from "../../bindings";

export type Selection =
  | { kind: "touchpoint"; id: string }
  | { kind: "stage"; id: string }
  | { kind: "link"; id: string }
  | { kind: "map" }
  | null;

/** While set, clicking (or pressing Enter on) a card links `fromId` to it. */
export type LinkMode = { fromId: string; kind: LinkKind } | null;
