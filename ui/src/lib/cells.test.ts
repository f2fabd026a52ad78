import { describe, expect, it } from "vitest";
import { cellItems, cellKey, groupByCell } from "./cells";
import { tp } from "./testData";

describe("groupByCell", () => {
  const a1 = tp("tp_1", "st_a", "ln_1");
  const b2 = tp("tp_2", "st_b", "ln_2");
  const a1b = tp("tp_3", "st_a", "ln_1");
  const a2 = tp("tp_4", "st_a", "ln_2");

  it("groups by (stage, lane) keeping the order given", () => {
    const cells = groupByCell([a1, b2, a1b, a2]);
    expect(cells.size).toBe(3);
    expect(cellItems(cells, "st_a", "ln_1")).toEqual([a1, a1b]);
    expect(cellItems(cells, "st_b", "ln_2")).toEqual([b2]);
    expect(cellItems(cells, "st_a", "ln_2")).toEqual([a2]);
    expect(cellItems(cells, "st_b", "ln_1")).toEqual([]);
  });

  it("does not confuse ids that concatenate alike", () => {
    const x = tp("x", "ab", "c");
    const y = tp("y", "a", "bc");
    const cells = groupByCell([x, y]);
    expect(cellKey("ab", "c")).not.toBe(cellKey("a", "bc"));
    expect(cellItems(cells, "ab", "c")).toEqual([x]);
    expect(cellItems(cells, "a", "bc")).toEqual([y]);
  });

  it("reuses a previous cell array whose items are unchanged", () => {
    const prev = groupByCell([a1, b2, a1b]);
    const changed = { ...b2, title: "new" };
    const next = groupByCell([a1, changed, a1b], prev);
    expect(next.get(cellKey("st_a", "ln_1"))).toBe(prev.get(cellKey("st_a", "ln_1")));
    expect(next.get(cellKey("st_b", "ln_2"))).not.toBe(prev.get(cellKey("st_b", "ln_2")));
    expect(cellItems(next, "st_b", "ln_2")[0]).toBe(changed);
  });

  it("gives a new array when the order within a cell changes", () => {
    const prev = groupByCell([a1, a1b]);
    const next = groupByCell([a1b, a1], prev);
    expect(next.get(cellKey("st_a", "ln_1"))).not.toBe(prev.get(cellKey("st_a", "ln_1")));
    expect(cellItems(next, "st_a", "ln_1")).toEqual([a1b, a1]);
  });
});
