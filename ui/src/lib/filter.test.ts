import { describe, expect, it } from "vitest";
import { distinctValues, type FilterInputs, isFilterActive, matchCountText, matchingIds, NO_FILTER } from "./filter";
import { tp } from "./testData";

const cards = [
  tp("a", "s1", "l1", { pain: 8, owner: "Ops", channel: "web" }),
  tp("b", "s1", "l2", { pain: 3, owner: "Sales", channel: "phone" }),
  tp("c", "s2", "l1", { pain: null, owner: "Ops", channel: "" }),
];
const none: FilterInputs = { searchIds: null, weakIds: null };

describe("board filter", () => {
  it("marks nothing without a criterion", () => {
    expect(isFilterActive(NO_FILTER)).toBe(false);
    expect(matchingIds(cards, NO_FILTER, none)).toBeNull();
    expect(isFilterActive({ ...NO_FILTER, query: "  " })).toBe(false);
  });

  it("matches every criterion set", () => {
    const ids = (f: Partial<typeof NO_FILTER>, inputs = none) => [...(matchingIds(cards, { ...NO_FILTER, ...f }, inputs) ?? [])];
    expect(ids({ minPain: 5 })).toEqual(["a"]);
    expect(ids({ minPain: 0 })).toEqual(["a", "b"]);
    expect(ids({ laneId: "l1" })).toEqual(["a", "c"]);
    expect(ids({ owner: "Ops", channel: "web" })).toEqual(["a"]);
    expect(ids({ cell: { stageId: "s1", laneId: "l2" } })).toEqual(["b"]);
    expect(ids({ weakOnly: true }, { searchIds: null, weakIds: new Set(["c"]) })).toEqual(["c"]);
    expect(ids({ query: "late" }, { searchIds: new Set(["b", "c"]), weakIds: null })).toEqual(["b", "c"]);
    expect(ids({ query: "late" })).toEqual([]);
  });

  it("offers distinct values and counts matches", () => {
    expect(distinctValues(cards, "owner")).toEqual(["Ops", "Sales"]);
    expect(distinctValues(cards, "channel")).toEqual(["phone", "web"]);
    expect(matchCountText(12, 50)).toBe("12 of 50 cards match");
  });
});
