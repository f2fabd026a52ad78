import type { LinkKind } from "../../bindings";

export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  flow: "Flow",
  handoff: "Handoff",
  depends_on: "Depends on",
};

export const LINK_KINDS: LinkKind[] = ["flow", "handoff", "depends_on"];
