import { describe, expect, it } from "vitest";
import { deepEqual, reconcileList, reconcileView } from "./reconcile";
import { clone, metrics, tp, view } from "./testData";

describe("deepEqual", () => {
  it("compares nested values structurally", () => {
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: 0 }] })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
});

describe("reconcileView", () => {
  it("returns the next view when there is no previous one or the map differs", () => {
    const next = view();
    expect(reconcileView(null, next)).toBe(next);
    const other = clone(next);
    other.map.id = "jm_2";
    expect(reconcileView(next, other)).toBe(other);
  });

  it("returns the previous view itself when nothing changed", () => {
    const prev = view();
    expect(reconcileView(prev, clone(prev))).toBe(prev);
  });

  it("keeps unchanged touchpoints and replaces only the edited one", () => {
    const prev = view();
    const next = clone(prev);
    next.touchpoints[1].title = "Renamed";
    next.canUndo = true;
    const out = reconcileView(prev, next);
    expect(out).not.toBe(prev);
    expect(out.touchpoints).not.toBe(prev.touchpoints);
    expect(out.touchpoints[0]).toBe(prev.touchpoints[0]);
    expect(out.touchpoints[1]).toBe(next.touchpoints[1]);
    expect(out.touchpoints[1].title).toBe("Renamed");
    expect(out.touchpoints[2]).toBe(prev.touchpoints[2]);
    expect(out.stages).toBe(prev.stages);
    expect(out.lanes).toBe(prev.lanes);
    expect(out.links).toBe(prev.links);
    expect(out.map).toBe(prev.map);
    expect(out.canUndo).toBe(true);
  });

  it("treats a change in nested metrics as a change", () => {
    const prev = view();
    const next = clone(prev);
    next.touchpoints[0].metrics = metrics({ feedbackCount: 1 });
    next.stages[0].metrics = metrics({ feedbackCount: 1 });
    const out = reconcileView(prev, next);
    expect(out.touchpoints[0]).not.toBe(prev.touchpoints[0]);
    expect(out.touchpoints[0].metrics.feedbackCount).toBe(1);
    expect(out.stages[0]).not.toBe(prev.stages[0]);
    expect(out.stages[1]).toBe(prev.stages[1]);
  });

  it("keeps identities across a reorder but gives a new array", () => {
    const prev = view();
    const next = clone(prev);
    next.touchpoints.reverse();
    const out = reconcileView(prev, next);
    expect(out.touchpoints).not.toBe(prev.touchpoints);
    expect(out.touchpoints.map((t) => t.id)).toEqual(["tp_3", "tp_2", "tp_1"]);
    expect(out.touchpoints[0]).toBe(prev.touchpoints[2]);
    expect(out.touchpoints[2]).toBe(prev.touchpoints[0]);
  });

  it("handles added and removed items", () => {
    const prev = view();
    const next = clone(prev);
    next.touchpoints.splice(0, 1);
    next.touchpoints.push(tp("tp_9", "st_b", "ln_1"));
    const out = reconcileView(prev, next);
    expect(out.touchpoints.map((t) => t.id)).toEqual(["tp_2", "tp_3", "tp_9"]);
    expect(out.touchpoints[0]).toBe(prev.touchpoints[1]);
    expect(out.touchpoints[2]).toBe(next.touchpoints[2]);
  });

  it("reports a moved touchpoint as changed", () => {
    const prev = view();
    const next = clone(prev);
    next.touchpoints[0].stageId = "st_b";
    const out = reconcileView(prev, next);
    expect(out.touchpoints[0]).not.toBe(prev.touchpoints[0]);
    expect(out.touchpoints[0].stageId).toBe("st_b");
  });
});

describe("reconcileList", () => {
  it("returns the previous array when all items are kept in order", () => {
    const prev = [tp("a", "s", "l"), tp("b", "s", "l")];
    expect(reconcileList(prev, clone(prev))).toBe(prev);
    expect(reconcileList(prev, clone(prev).slice(0, 1))).not.toBe(prev);
  });
});
