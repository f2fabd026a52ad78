import { describe, expect, it } from "vitest";
import { groupByCell } from "./cells";
import { dropIndex, isMoveKey, keyboardMoveTarget } from "./keyboardMove";
import { tp } from "./testData";

const stages = ["st_a", "st_b", "st_c"];
const lanes = ["ln_1", "ln_2", "ln_3"];
const cards = [
  tp("tp_1", "st_b", "ln_2"),
  tp("tp_2", "st_b", "ln_2"),
  tp("tp_3", "st_b", "ln_2"),
  tp("tp_4", "st_c", "ln_2"),
  tp("tp_5", "st_b", "ln_3"),
];
const cells = groupByCell(cards);
const key = (k: string, ctrl = false) => ({ key: k, altKey: true, ctrlKey: ctrl });
const middle = cards[1];

describe("keyboardMoveTarget", () => {
  it("moves to the previous and next stage, at the end of the target cell", () => {
    expect(keyboardMoveTarget(stages, lanes, cells, middle, key("ArrowLeft"))).toEqual({ stageId: "st_a", laneId: "ln_2", index: 0 });
    expect(keyboardMoveTarget(stages, lanes, cells, middle, key("ArrowRight"))).toEqual({ stageId: "st_c", laneId: "ln_2", index: 1 });
  });

  it("moves to the previous and next visible lane", () => {
    expect(keyboardMoveTarget(stages, lanes, cells, middle, key("ArrowUp"))).toEqual({ stageId: "st_b", laneId: "ln_1", index: 0 });
    expect(keyboardMoveTarget(stages, lanes, cells, middle, key("ArrowDown"))).toEqual({ stageId: "st_b", laneId: "ln_3", index: 1 });
  });

  it("skips lanes that are not visible", () => {
    expect(keyboardMoveTarget(stages, ["ln_1", "ln_3"], cells, cards[4], key("ArrowUp"))).toEqual({
      stageId: "st_b",
      laneId: "ln_1",
      index: 0,
    });
  });

  it("stays put at the edges", () => {
    const first = tp("tp_x", "st_a", "ln_1");
    expect(keyboardMoveTarget(stages, lanes, cells, first, key("ArrowLeft"))).toBeNull();
    expect(keyboardMoveTarget(stages, lanes, cells, first, key("ArrowUp"))).toBeNull();
    const last = tp("tp_y", "st_c", "ln_3");
    expect(keyboardMoveTarget(stages, lanes, cells, last, key("ArrowRight"))).toBeNull();
    expect(keyboardMoveTarget(stages, lanes, cells, last, key("ArrowDown"))).toBeNull();
  });

  it("reorders within the cell with Ctrl+Alt+Up/Down", () => {
    expect(keyboardMoveTarget(stages, lanes, cells, middle, key("ArrowUp", true))).toEqual({ stageId: "st_b", laneId: "ln_2", index: 0 });
    expect(keyboardMoveTarget(stages, lanes, cells, middle, key("ArrowDown", true))).toEqual({ stageId: "st_b", laneId: "ln_2", index: 2 });
    expect(keyboardMoveTarget(stages, lanes, cells, cards[0], key("ArrowUp", true))).toBeNull();
    expect(keyboardMoveTarget(stages, lanes, cells, cards[2], key("ArrowDown", true))).toBeNull();
  });

  it("ignores keys that are not move shortcuts", () => {
    expect(keyboardMoveTarget(stages, lanes, cells, middle, { key: "ArrowLeft", altKey: false, ctrlKey: false })).toBeNull();
    expect(keyboardMoveTarget(stages, lanes, cells, middle, key("ArrowLeft", true))).toBeNull();
    expect(keyboardMoveTarget(stages, lanes, cells, middle, { key: "ArrowLeft", altKey: true, ctrlKey: false, shiftKey: true })).toBeNull();
    expect(isMoveKey(key("Enter"))).toBe(false);
    expect(isMoveKey(key("ArrowDown", true))).toBe(true);
  });
});

describe("dropIndex", () => {
  const items = [tp("a", "s", "l"), tp("b", "s", "l"), tp("c", "s", "l")];

  it("drops at the end of another cell", () => {
    expect(dropIndex(items, "z", null)).toBe(3);
  });

  it("drops before a card, counting the cell's other cards", () => {
    expect(dropIndex(items, "z", "b")).toBe(1);
    expect(dropIndex(items, "a", "c")).toBe(1);
    expect(dropIndex(items, "c", "a")).toBe(0);
    expect(dropIndex(items, "a", null)).toBe(2);
  });

  it("keeps a card dropped onto itself where it is", () => {
    expect(dropIndex(items, "b", "b")).toBe(1);
  });
});
