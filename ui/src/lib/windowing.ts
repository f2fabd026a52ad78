// A big board draws only what is on screen. From this many cards on, every card has the
// same height (its title clamped to two lines), so where each card of a cell sits is
// known without measuring it, and a cell renders only the cards in view (plus a margin)
// after a spacer as tall as the ones above. Cells, headers and lane labels stay on the
// page as they are, so the grid, its sticky headers, zoom, collapse and drop targets work
// as on a small board.
//
// Everything here is pure: the board hands in the cell's place and the visible region.

/** From this many touchpoints on, the board renders the region in view. */
export const WINDOW_FROM = 200;

/** A card's height on a big board, and the space below it, in CSS pixels. */
export const CARD_HEIGHT = 76;
export const CARD_GAP = 6;
/** From one card's top to the next one's. */
export const PITCH = CARD_HEIGHT + CARD_GAP;
/** A cell's padding. */
export const CELL_PADDING = 7;
/** Room for the cell's "+" button under its cards. */
export const ADD_ROOM = 30;
/** How far beyond the visible region cards are rendered (so a short scroll shows cards, not gaps). */
export const MARGIN = 300;

/** The part of the grid on screen, in the grid's own (unscaled) pixels. */
export type Region = { top: number; left: number; width: number; height: number };

/** Where a cell sits in the grid, in its pixels. */
export type CellBox = { top: number; left: number; width: number };

/** A cell's height with `n` cards: every card's room and the "+" button's. */
export function cellHeight(n: number): number {
  return 2 * CELL_PADDING + n * PITCH + ADD_ROOM;
}

/** The top of card `slot` within its cell. */
export function slotTop(slot: number): number {
  return CELL_PADDING + slot * PITCH;
}

/**
 * The cards of a cell to render: `[start, end)` of its `n`, those within the region and
 * its margin; `[0, 0)` when the cell's column is off screen or it is scrolled past.
 */
export function visibleSlots(cell: CellBox, n: number, region: Region, margin = MARGIN): [number, number] {
  if (n === 0) return [0, 0];
  const left = region.left - margin;
  const right = region.left + region.width + margin;
  if (cell.left + cell.width < left || cell.left > right) return [0, 0];
  const top = region.top - margin - cell.top - CELL_PADDING;
  const bottom = region.top + region.height + margin - cell.top - CELL_PADDING;
  const start = Math.max(0, Math.floor(top / PITCH));
  const end = Math.min(n, Math.ceil(bottom / PITCH));
  return end <= start ? [0, 0] : [start, end];
}

/**
 * The scroll position (in the scroll box's pixels) that brings a card into view with
 * the least movement: unchanged when it is already whole on screen.
 */
export function scrollToShow(
  card: { top: number; left: number; width: number; height: number },
  view: { scrollTop: number; scrollLeft: number; width: number; height: number },
  zoom: number,
  /** Room taken at the top and left by the sticky headers and lane labels, in screen pixels. */
  sticky: { top: number; left: number },
): { top: number; left: number } {
  const axis = (start: number, size: number, scroll: number, room: number, inset: number) => {
    const a = start * zoom;
    const b = (start + size) * zoom;
    if (a - inset >= scroll && b <= scroll + room) return scroll;
    if (b - a > room - inset || a - inset < scroll) return Math.max(0, a - inset);
    return Math.max(0, b - room);
  };
  return {
    top: axis(card.top, card.height, view.scrollTop, view.height, sticky.top),
    left: axis(card.left, card.width, view.scrollLeft, view.width, sticky.left),
  };
}

/**
 * The runs of slots a cell renders: the visible `[start, end)` and any slot kept
 * rendered outside it (the focused card, the selected one), merged and in order.
 */
export function slotRuns(start: number, end: number, kept: readonly number[]): [number, number][] {
  const runs: [number, number][] = end > start ? [[start, end]] : [];
  for (const k of kept) if (k >= 0 && (k < start || k >= end)) runs.push([k, k + 1]);
  runs.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
