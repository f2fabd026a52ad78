import { describe, expect, it } from "vitest";
import type { Analysis } from "../bindings";
import { deepEqual, reconcileList, reconcileView, share } from "./reconcile";
import { analysis, clone, figures, link, metrics, stage, tp, view } from "./testData";

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

/** An analysis of 3 stages × 2 lanes with a path over every card and evidence rows. */
function sampleAnalysis(): Analysis {
  const stages = ["st_a", "st_b", "st_c"].map((id) => stage(id));
  const touchpoints = Array.from({ length: 12 }, (_, i) =>
    tp(`tp_${i}`, stages[i % 3].id, i % 2 === 0 ? "ln_1" : "ln_2", { pain: i % 10 }),
  );
  const v = view({ stages, touchpoints, links: touchpoints.slice(1).map((t, i) => link(`lk_${i}`, touchpoints[i].id, t.id)) });
  const a = analysis(v);
  a.painPaths = [
    {
      rank: 1,
      totalPain: touchpoints.reduce((n, t) => n + (t.pain ?? 0), 0),
      steps: touchpoints.map((t) => ({ touchpointId: t.id, title: t.title, pain: t.pain })),
      unscored: [],
    },
  ];
  a.handoffsPerLanePair = [{ fromLaneId: "ln_1", toLaneId: "ln_2", fromLane: "ln_1", toLane: "ln_2", count: 2, meanToPain: 3 }];
  a.cycles = [["tp_1", "tp_2"]];
  return a;
}

describe("share", () => {
  it("returns the previous value itself when everything is equal", () => {
    const prev = sampleAnalysis();
    expect(share(prev, clone(prev))).toBe(prev);
    expect(share([1, "a", null], [1, "a", null])).toEqual([1, "a", null]);
    const arr = [1, "a", null];
    expect(share(arr, [1, "a", null])).toBe(arr);
  });

  it("returns next when there is nothing to share", () => {
    const next = sampleAnalysis();
    expect(share(null, next)).toBe(next);
    expect(share(undefined, next)).toBe(next);
    expect(share<unknown>([1], { a: 1 })).toEqual({ a: 1 });
    expect(share<unknown>({ a: 1 }, [1])).toEqual([1]);
    expect(share(1, 2)).toBe(2);
  });

  it("gives a changed step a new object up its spine and keeps every other part", () => {
    const prev = sampleAnalysis();
    const next = clone(prev);
    next.painPaths[0].steps[7].pain = 9;
    next.painPaths[0].totalPain += 2;
    next.touchpoints[7].painUnbacked = true;
    next.heatmap.cells[3].figures.metrics.pain = { mean: 9, max: 9, n: 1 };
    const untouched = clone(next);
    const out = share(prev, next);

    expect(out).toEqual(untouched);
    expect(next).toEqual(untouched);
    expect(out).not.toBe(prev);
    // The spine to each change is new…
    expect(out.painPaths).not.toBe(prev.painPaths);
    expect(out.painPaths[0]).not.toBe(prev.painPaths[0]);
    expect(out.painPaths[0].steps).not.toBe(prev.painPaths[0].steps);
    expect(out.painPaths[0].steps[7]).toBe(next.painPaths[0].steps[7]);
    expect(out.touchpoints[7]).not.toBe(prev.touchpoints[7]);
    expect(out.touchpoints[7].evidence).toBe(prev.touchpoints[7].evidence);
    expect(out.heatmap.cells[3].figures.metrics).not.toBe(prev.heatmap.cells[3].figures.metrics);
    expect(out.heatmap.cells[3].figures.evidence).toBe(prev.heatmap.cells[3].figures.evidence);
    // …and everything beside it is the previous object.
    for (const i of [0, 1, 6, 8, 11]) expect(out.painPaths[0].steps[i]).toBe(prev.painPaths[0].steps[i]);
    expect(out.painPaths[0].unscored).toBe(prev.painPaths[0].unscored);
    expect(out.touchpoints[6]).toBe(prev.touchpoints[6]);
    expect(out.heatmap.cells[2]).toBe(prev.heatmap.cells[2]);
    expect(out.heatmap.stageIds).toBe(prev.heatmap.stageIds);
    expect(out.heatmap.stageTotals).toBe(prev.heatmap.stageTotals);
    for (const k of ["rules", "map", "painPoints", "cycles", "structure", "handoffsPerLanePair", "backstage", "curve"] as const) {
      expect(out[k]).toBe(prev[k]);
    }
  });

  it("matches rows by their id across an insert, a removal and a new order", () => {
    const prev = sampleAnalysis();
    const next = clone(prev);
    next.painPaths[0].steps.splice(3, 1);
    next.painPaths[0].steps.splice(5, 0, { touchpointId: "tp_new", title: "New", pain: 1 });
    next.touchpoints.reverse();
    next.heatmap.cells.reverse();
    const out = share(prev, next);
    expect(out).toEqual(clone(next));
    const steps = out.painPaths[0].steps;
    const before = new Map(prev.painPaths[0].steps.map((s) => [s.touchpointId, s]));
    for (const s of steps) {
      if (s.touchpointId === "tp_new") expect(s).toBe(next.painPaths[0].steps[5]);
      else expect(s).toBe(before.get(s.touchpointId));
    }
    expect(out.touchpoints[0]).toBe(prev.touchpoints[prev.touchpoints.length - 1]);
    expect(out.heatmap.cells[0]).toBe(prev.heatmap.cells[prev.heatmap.cells.length - 1]);
  });

  it("matches rows without an id by index", () => {
    const prev = sampleAnalysis();
    const next = clone(prev);
    next.heatmap.stageTotals[1] = figures({ feedbackCount: 4 });
    next.cycles.push(["tp_3", "tp_4"]);
    const out = share(prev, next);
    expect(out.heatmap.stageTotals[0]).toBe(prev.heatmap.stageTotals[0]);
    expect(out.heatmap.stageTotals[1]).not.toBe(prev.heatmap.stageTotals[1]);
    expect(out.heatmap.stageTotals[1].metrics.feedbackCount).toBe(4);
    expect(out.heatmap.stageTotals[1].evidence).toBe(prev.heatmap.stageTotals[1].evidence);
    expect(out.heatmap.stageTotals[2]).toBe(prev.heatmap.stageTotals[2]);
    expect(out.cycles).not.toBe(prev.cycles);
    expect(out.cycles[0]).toBe(prev.cycles[0]);
  });

  it("treats an added or removed field as a change", () => {
    const prev: Record<string, unknown> = { a: { x: 1 }, b: 2 };
    const added = share(prev, { a: { x: 1 }, b: 2, c: 3 });
    expect(added).not.toBe(prev);
    expect(added.a).toBe(prev.a);
    const removed = share(prev, { a: { x: 1 } });
    expect(removed).toEqual({ a: { x: 1 } });
    expect(removed.a).toBe(prev.a);
    expect(share<unknown>({ a: null }, { b: null })).toEqual({ b: null });
  });
});
