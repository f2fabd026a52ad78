// The evidence view's filter over every feedback item of the map: by stage (an item on a
// touchpoint belongs to the touchpoint's stage), lane, segment, source and kind, and a
// case-insensitive search over text, source and segment.
import type { FeedbackDto, FeedbackKind, TouchpointDto } from "../bindings";

export type EvidenceFilter = {
  query: string;
  stageId: string | null;
  laneId: string | null;
  segment: string | null;
  source: string | null;
  kind: FeedbackKind | null;
};

export const NO_EVIDENCE_FILTER: EvidenceFilter = { query: "", stageId: null, laneId: null, segment: null, source: null, kind: null };

export function filterEvidence(
  items: readonly FeedbackDto[],
  f: EvidenceFilter,
  byId: ReadonlyMap<string, Pick<TouchpointDto, "stageId" | "laneId">>,
): FeedbackDto[] {
  const q = f.query.trim().toLowerCase();
  return items.filter((i) => {
    const t = i.touchpointId === null ? undefined : byId.get(i.touchpointId);
    const stageId = t?.stageId ?? i.stageId;
    const laneId = t?.laneId ?? null;
    if (f.stageId !== null && stageId !== f.stageId) return false;
    if (f.laneId !== null && laneId !== f.laneId) return false;
    if (f.segment !== null && i.segment !== f.segment) return false;
    if (f.source !== null && i.source !== f.source) return false;
    if (f.kind !== null && i.kind !== f.kind) return false;
    if (q !== "" && ![i.text, i.source, i.segment].some((s) => s.toLowerCase().includes(q))) return false;
    return true;
  });
}
