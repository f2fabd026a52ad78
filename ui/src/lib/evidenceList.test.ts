import { describe, expect, it } from "vitest";
import type { FeedbackDto } from "../bindings";
import { filterEvidence, NO_EVIDENCE_FILTER } from "./evidenceList";

function fb(id: string, over: Partial<FeedbackDto> = {}): FeedbackDto {
  return {
    id,
    touchpointId: null,
    stageId: null,
    kind: "quote",
    text: "",
    source: "",
    date: null,
    segment: "",
    nps: null,
    csat: null,
    ces: null,
    ...over,
  };
}

const byId = new Map([
  ["tp_1", { stageId: "st_a", laneId: "ln_1" }],
  ["tp_2", { stageId: "st_b", laneId: "ln_2" }],
]);
const items = [
  fb("f1", { touchpointId: "tp_1", text: "Waited too long", source: "Survey", segment: "SMB" }),
  fb("f2", { touchpointId: "tp_2", kind: "review", text: "Great", source: "App store" }),
  fb("f3", { stageId: "st_a", kind: "observation", text: "Confusing form", segment: "Enterprise" }),
];
const ids = (over: Partial<typeof NO_EVIDENCE_FILTER>) => filterEvidence(items, { ...NO_EVIDENCE_FILTER, ...over }, byId).map((i) => i.id);

describe("evidence filter", () => {
  it("keeps everything without a criterion", () => {
    expect(ids({})).toEqual(["f1", "f2", "f3"]);
  });

  it("filters by stage (through the touchpoint), lane, segment, source and kind", () => {
    expect(ids({ stageId: "st_a" })).toEqual(["f1", "f3"]);
    expect(ids({ laneId: "ln_2" })).toEqual(["f2"]);
    expect(ids({ segment: "SMB" })).toEqual(["f1"]);
    expect(ids({ source: "App store" })).toEqual(["f2"]);
    expect(ids({ kind: "observation" })).toEqual(["f3"]);
  });

  it("searches text, source and segment, ignoring case", () => {
    expect(ids({ query: "WAITED" })).toEqual(["f1"]);
    expect(ids({ query: "enterprise" })).toEqual(["f3"]);
    expect(ids({ query: "store" })).toEqual(["f2"]);
  });
});
