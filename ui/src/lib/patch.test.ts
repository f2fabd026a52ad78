import { describe, expect, it } from "vitest";
import type { ListPatch, MapPatch, MapView } from "../bindings";
import { applyList, applyPatch, changesLayout } from "./patch";
import { link, metrics, stage, tp, view } from "./testData";

function none<T>(): ListPatch<T> {
  return { changed: [], removed: [], order: null };
}

function patchOf(v: MapView, over: Partial<MapPatch> = {}): MapPatch {
  return {
    map: v.map,
    stages: none(),
    lanes: none(),
    touchpoints: none(),
    links: none(),
    decisions: none(),
    rounds: none(),
    metrics: v.metrics,
    canUndo: true,
    canRedo: false,
    feedbackChanged: [],
    ...over,
  };
}

describe("applyPatch", () => {
  it("replaces only the changed card and keeps every other object", () => {
    const prev = view();
    const edited = tp("tp_2", "st_a", "ln_1", { pain: 8, metrics: metrics({ feedbackCount: 2 }) });
    const next = applyPatch(prev, patchOf(prev, { touchpoints: { changed: [edited], removed: [], order: null } }));
    expect(next).not.toBeNull();
    expect(next!.touchpoints.map((t) => t.id)).toEqual(["tp_1", "tp_2", "tp_3"]);
    expect(next!.touchpoints[1]).toBe(edited);
    expect(next!.touchpoints[0]).toBe(prev.touchpoints[0]);
    expect(next!.stages).toBe(prev.stages);
    expect(next!.links).toBe(prev.links);
    expect(next!.map).toBe(prev.map);
    expect(next!.canUndo).toBe(true);
  });

  it("adds, removes and reorders by the patch's order", () => {
    const prev = view();
    const added = tp("tp_4", "st_b", "ln_1");
    const next = applyPatch(
      prev,
      patchOf(prev, {
        touchpoints: { changed: [added], removed: ["tp_1"], order: ["tp_3", "tp_4", "tp_2"] },
        links: { changed: [], removed: ["lk_1"], order: null },
      }),
    );
    expect(next!.touchpoints.map((t) => t.id)).toEqual(["tp_3", "tp_4", "tp_2"]);
    expect(next!.touchpoints[0]).toBe(prev.touchpoints[2]);
    expect(next!.links).toEqual([]);
  });

  it("refuses a patch for another map or one naming an unknown item", () => {
    const prev = view();
    const other = patchOf(prev);
    other.map = { ...prev.map, id: "jm_other" };
    expect(applyPatch(prev, other)).toBeNull();
    expect(applyPatch(prev, patchOf(prev, { stages: { changed: [], removed: [], order: ["st_zz"] } }))).toBeNull();
  });

  it("keeps the list itself when its patch is empty", () => {
    const l = [link("lk_1", "a", "b")];
    expect(applyList(l, none())).toBe(l);
  });
});

describe("changesLayout", () => {
  const prev = view();

  it("is false when only a card's content or a header's figures changed", () => {
    const p = patchOf(prev, {
      touchpoints: { changed: [tp("tp_1", "st_a", "ln_1", { pain: 3 })], removed: [], order: null },
      stages: { changed: [stage("st_a", { metrics: metrics({ feedbackCount: 4 }) })], removed: [], order: null },
    });
    expect(changesLayout(prev, p)).toBe(false);
  });

  it("is true when a card changes cell, even with the same order", () => {
    const p = patchOf(prev, { touchpoints: { changed: [tp("tp_3", "st_b", "ln_1")], removed: [], order: null } });
    expect(changesLayout(prev, p)).toBe(true);
  });

  it("is false when a lane's figures change, true when it is hidden", () => {
    const figures = { ...prev.lanes[0], metrics: metrics({ feedbackCount: 3 }) };
    expect(changesLayout(prev, patchOf(prev, { lanes: { changed: [figures], removed: [], order: null } }))).toBe(false);
    const hidden = { ...prev.lanes[0], hidden: true };
    expect(changesLayout(prev, patchOf(prev, { lanes: { changed: [hidden], removed: [], order: null } }))).toBe(true);
  });

  it("is true for additions, removals, moves and links", () => {
    expect(changesLayout(prev, patchOf(prev, { stages: { changed: [], removed: ["st_b"], order: null } }))).toBe(true);
    expect(changesLayout(prev, patchOf(prev, { touchpoints: { changed: [], removed: [], order: ["tp_2", "tp_1", "tp_3"] } }))).toBe(true);
    expect(
      changesLayout(prev, patchOf(prev, { links: { changed: [link("lk_2", "tp_1", "tp_2")], removed: [], order: ["lk_1", "lk_2"] } })),
    ).toBe(true);
  });
});
