import { describe, expect, it } from "vitest";
import type { PainPathInsight } from "../bindings";
import { pathSets, sameSet } from "./path";
import { link } from "./testData";

const path: PainPathInsight = {
  rank: 1,
  totalPain: 12,
  unscored: [],
  steps: ["a", "b", "c"].map((id) => ({ touchpointId: id, title: id, stage: "s", lane: "l", pain: 4 })),
};

describe("pathSets", () => {
  it("takes the steps and the flow links joining consecutive steps", () => {
    const links = [link("l1", "a", "b"), link("l2", "b", "c"), link("l3", "a", "c"), link("l4", "b", "c", { kind: "handoff" })];
    const s = pathSets(path, links);
    expect([...(s?.touchpoints ?? [])]).toEqual(["a", "b", "c"]);
    expect([...(s?.links ?? [])]).toEqual(["l1", "l2"]);
  });

  it("is null without a path", () => {
    expect(pathSets(undefined, [])).toBeNull();
  });

  it("compares sets by content", () => {
    expect(sameSet(new Set(["a", "b"]), new Set(["b", "a"]))).toBe(true);
    expect(sameSet(new Set(["a"]), new Set(["b"]))).toBe(false);
    expect(sameSet(null, null)).toBe(true);
    expect(sameSet(null, new Set())).toBe(false);
  });
});
