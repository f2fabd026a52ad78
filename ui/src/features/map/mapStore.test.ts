import { describe, expect, it, vi } from "vitest";
import { applyPatch } from "../../lib/patch";
import { clone, patchBetween, view } from "../../lib/testData";
import {
  createMapStore,
  type MapState,
  selectCells,
  selectFeedbackVersion,
  selectLanes,
  selectLinks,
  selectMeta,
  selectSelectedTouchpoint,
  selectSelectedTouchpointId,
  selectSelection,
  selectStages,
} from "./mapStore";

describe("map store", () => {
  it("updates the cells of replaced touchpoints alone, as regrouping every card would", () => {
    const first = view();
    const next = clone(first);
    next.touchpoints[2].pain = 9;
    next.touchpoints[0].title = "Renamed";
    const patch = patchBetween(first, next);
    const patched = applyPatch(first, patch);
    expect(patched).not.toBeNull();
    const quick = createMapStore(first);
    const before = quick.get().cells;
    quick.setSession({ view: patched!, mark: "jm:edit-painted", layoutKey: 0 }, [], patch.touchpoints.changed);
    const slow = createMapStore(first);
    slow.setSession({ view: patched!, mark: "jm:edit-painted", layoutKey: 0 });
    const q = quick.get();
    expect([...q.cells.entries()]).toEqual([...slow.get().cells.entries()]);
    expect([...q.byId.entries()]).toEqual([...slow.get().byId.entries()]);
    // A cell that holds none of them keeps its array (its memoised cell skips rendering).
    const untouched = [...before.keys()].filter(
      (k) => !before.get(k)?.some((t) => t.id === next.touchpoints[2].id || t.id === next.touchpoints[0].id),
    );
    for (const k of untouched) expect(q.cells.get(k)).toBe(before.get(k));
  });

  it("starts in edit mode on the board", () => {
    const s = createMapStore(view()).get();
    expect(s.mode).toBe("edit");
    expect(s.screen).toBe("board");
    expect(s.selection).toBeNull();
    expect(s.linkMode).toBeNull();
  });

  it("keeps other slices' identities when an edit changes one touchpoint", () => {
    const first = view();
    const store = createMapStore(first);
    store.set({ selection: { kind: "touchpoint", id: "tp_1" } });
    const before = store.get();
    const next = clone(first);
    next.touchpoints[2].pain = 9;
    const patched = applyPatch(first, patchBetween(first, next));
    expect(patched).not.toBeNull();
    store.setSession({ view: patched!, mark: "jm:edit-painted", layoutKey: 0 });
    const after = store.get();

    const same = [selectStages, selectLanes, selectLinks, selectMeta, selectSelection, selectSelectedTouchpoint] as ((
      s: MapState,
    ) => unknown)[];
    for (const sel of same) expect(sel(after)).toBe(sel(before));
    expect(selectSelectedTouchpointId(after)).toBe("tp_1");
    // Only the edited touchpoint's cell has a new array.
    const changedCell = [...selectCells(after)].filter(([k, items]) => selectCells(before).get(k) !== items).map(([k]) => k);
    expect(changedCell).toHaveLength(1);
    expect(
      selectCells(after)
        .get(changedCell[0])
        ?.some((t) => t.id === "tp_3"),
    ).toBe(true);
    expect(after.byId.get("tp_1")).toBe(before.byId.get("tp_1"));
    expect(after.byId.get("tp_3")).not.toBe(before.byId.get("tp_3"));
  });

  it("notifies listeners only when a field changes", () => {
    const store = createMapStore(view());
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.set({ linkMode: null, adding: null });
    expect(listener).not.toHaveBeenCalled();
    store.set({ adding: "stage" });
    expect(listener).toHaveBeenCalledTimes(1);
    const cells = store.get().cells;
    store.set((s) => ({ selection: { kind: "stage", id: s.session.view.stages[0].id } }));
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.get().cells).toBe(cells);
    unsubscribe();
    store.set({ adding: null });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("counts feedback changes per target", () => {
    const v = view();
    const store = createMapStore(v);
    const versions = store.get().feedbackVersions;
    store.setSession({ view: v, mark: null, layoutKey: 0 });
    expect(store.get().feedbackVersions).toBe(versions);
    store.setSession({ view: v, mark: null, layoutKey: 0 }, ["tp_1"]);
    store.setSession({ view: v, mark: null, layoutKey: 0 }, ["tp_1", "st_a"]);
    expect(selectFeedbackVersion("tp_1")(store.get())).toBe(2);
    expect(selectFeedbackVersion("st_a")(store.get())).toBe(1);
    expect(selectFeedbackVersion("tp_2")(store.get())).toBe(0);
  });

  it("hands a focus request out once", () => {
    const store = createMapStore(view());
    expect(store.takeFocusRequest()).toBeNull();
    store.requestFocus("a", "b");
    expect(store.takeFocusRequest()).toEqual(["a", "b"]);
    expect(store.takeFocusRequest()).toBeNull();
  });
});

describe("map store: views and edits", () => {
  it("counts applied edits and keeps the view state across them", () => {
    const first = view();
    const store = createMapStore(first);
    expect(store.get().editVersion).toBe(0);
    store.set({ insightOpen: true, zoom: 0.5, screen: "heatmap" });
    const next = clone(first);
    next.touchpoints[0].pain = 4;
    const patched = applyPatch(first, patchBetween(first, next));
    if (patched === null) throw new Error("patch did not apply");
    store.setSession({ view: patched, mark: null, layoutKey: 0 });
    expect(store.get().editVersion).toBe(1);
    expect(store.get()).toMatchObject({ insightOpen: true, zoom: 0.5, screen: "heatmap" });
  });
});
