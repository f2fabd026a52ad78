import { describe, expect, it } from "vitest";
import { cellKey, nextInReadingOrder, previousInReadingOrder } from "./cells";
import { CELL_PADDING, cellHeight, PITCH, scrollToShow, slotRuns, slotTop, visibleSlots } from "./windowing";

describe("a big board's window", () => {
  const cell = { top: 1000, left: 200, width: 240 };

  it("renders the cards of a cell that are in view, and a margin around them", () => {
    const region = { top: 1000, left: 0, width: 1000, height: 600 };
    const [start, end] = visibleSlots(cell, 100, region, 0);
    expect(start).toBe(0);
    // The last card whose top is above the region's bottom.
    expect(end).toBe(Math.ceil((600 - CELL_PADDING) / PITCH));
    const scrolled = visibleSlots(cell, 100, { ...region, top: 1000 + 50 * PITCH }, 0);
    expect(scrolled[0]).toBe(49);
    expect(visibleSlots(cell, 100, region, PITCH * 2)[1]).toBe(end + 2);
  });

  it("renders none of a cell scrolled past, or in a column off screen, or empty", () => {
    const region = { top: 0, left: 0, width: 1000, height: 600 };
    expect(visibleSlots({ ...cell, top: 5000 }, 10, region, 0)).toEqual([0, 0]);
    expect(visibleSlots({ ...cell, left: 3000 }, 10, region, 0)).toEqual([0, 0]);
    expect(visibleSlots(cell, 0, { ...region, top: 1000 }, 0)).toEqual([0, 0]);
  });

  it("reserves the room of every card and the add button", () => {
    expect(cellHeight(3)).toBeGreaterThan(slotTop(2) + PITCH);
    expect(slotTop(0)).toBe(CELL_PADDING);
  });

  it("scrolls the least that shows a card whole, clear of the sticky headers", () => {
    const view = { scrollTop: 0, scrollLeft: 0, width: 800, height: 600 };
    const sticky = { top: 100, left: 150 };
    // Already whole on screen: no scroll.
    expect(scrollToShow({ top: 200, left: 300, width: 200, height: 76 }, view, 1, sticky)).toEqual({ top: 0, left: 0 });
    // Below: scrolled until its bottom is at the bottom.
    expect(scrollToShow({ top: 2000, left: 300, width: 200, height: 76 }, view, 1, sticky).top).toBe(2076 - 600);
    // Above, under the headers: scrolled until it is just below them.
    expect(scrollToShow({ top: 150, left: 300, width: 200, height: 76 }, { ...view, scrollTop: 400 }, 1, sticky).top).toBe(50);
    // Zoomed to a half: the card's place is halved.
    expect(scrollToShow({ top: 2000, left: 300, width: 200, height: 76 }, view, 0.5, sticky).top).toBe(1038 - 600);
  });

  it("walks the cards in reading order, lane by lane, past hidden and collapsed ones", () => {
    const tp = (id: string, stageId: string, laneId: string) => ({ id, stageId, laneId });
    const cells = new Map([
      [cellKey("s1", "l1"), [tp("a", "s1", "l1"), tp("b", "s1", "l1")]],
      [cellKey("s2", "l1"), [tp("c", "s2", "l1")]],
      [cellKey("s1", "l2"), [tp("d", "s1", "l2")]],
      [cellKey("s1", "l3"), [tp("e", "s1", "l3")]],
    ]) as unknown as Parameters<typeof nextInReadingOrder>[0];
    const stages = [{ id: "s1" }, { id: "s2" }];
    const lanes = [
      { id: "l1", hidden: false },
      { id: "l2", hidden: true },
      { id: "l3", hidden: false },
    ];
    const none = new Set<string>();
    expect(nextInReadingOrder(cells, stages, lanes, none, none, "a")).toBe("b");
    expect(nextInReadingOrder(cells, stages, lanes, none, none, "b")).toBe("c");
    expect(nextInReadingOrder(cells, stages, lanes, none, none, "c")).toBe("e");
    expect(nextInReadingOrder(cells, stages, lanes, new Set(["s2"]), none, "b")).toBe("e");
    expect(nextInReadingOrder(cells, stages, lanes, none, none, "e")).toBeNull();
    expect(previousInReadingOrder(cells, stages, lanes, none, none, "e")).toBe("c");
    expect(previousInReadingOrder(cells, stages, lanes, none, none, "a")).toBeNull();
  });

  it("keeps a focused or selected card rendered outside the visible run, in order", () => {
    expect(slotRuns(10, 20, [])).toEqual([[10, 20]]);
    expect(slotRuns(10, 20, [15])).toEqual([[10, 20]]);
    expect(slotRuns(10, 20, [3, 40])).toEqual([
      [3, 4],
      [10, 20],
      [40, 41],
    ]);
    expect(slotRuns(10, 20, [20])).toEqual([[10, 21]]);
    expect(slotRuns(0, 0, [7])).toEqual([[7, 8]]);
    expect(slotRuns(0, 0, [-1])).toEqual([]);
  });
});
