// What part of a big board is on screen, and where its rows and columns are: a small
// store the board keeps up to date (on scroll, on resize, after a layout change), which
// each cell reads to render only its cards in view and the link layer reads to draw only
// the arrows in view. A small board has none (the context is null) and renders all.
import { createContext, useContext, useSyncExternalStore } from "react";
import { type Region, visibleSlots } from "../../lib/windowing";

/** A row's or column's place in the grid: its start and size, in the grid's pixels. */
export type Span = { start: number; size: number };

export type BoardLayout = {
  /** The part of the grid on screen (null until measured). */
  region: Region | null;
  /** Each visible lane's row. */
  rows: ReadonlyMap<string, Span>;
  /** Each stage's column. */
  columns: ReadonlyMap<string, Span>;
  /** The card that has focus, kept rendered while it is scrolled away (null: none). */
  focused: string | null;
};

export type BoardViewport = {
  get: () => BoardLayout;
  /** Replaces some fields; listeners hear of it only when one of them changed. */
  set: (update: Partial<BoardLayout>) => void;
  subscribe: (listener: () => void) => () => void;
};

export function createBoardViewport(): BoardViewport {
  let layout: BoardLayout = { region: null, rows: new Map(), columns: new Map(), focused: null };
  const listeners = new Set<() => void>();
  return {
    get: () => layout,
    set: (update) => {
      // Only the fields whose values changed are replaced: an equal map of rows keeps its
      // identity, so the link layer does not route every link again.
      const next: BoardLayout = { ...layout };
      let changed = false;
      for (const k of Object.keys(update) as (keyof BoardLayout)[]) {
        if (sameValue(layout[k], update[k])) continue;
        (next as Record<keyof BoardLayout, unknown>)[k] = update[k];
        changed = true;
      }
      if (!changed) return;
      layout = next;
      for (const l of [...listeners]) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      const w = b.get(k);
      if (w === undefined || w.start !== v.start || w.size !== v.size) return false;
    }
    return true;
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const x = a as Region;
    const y = b as Region;
    return x.top === y.top && x.left === y.left && x.width === y.width && x.height === y.height;
  }
  return false;
}

/** The big board's viewport, or null on a small board (everything is rendered). */
export const BoardViewportContext = createContext<BoardViewport | null>(null);

const NO_SUBSCRIPTION = () => () => {};

/**
 * The cards of a cell to render, `[start, end)` of its `n`: all of them on a small board;
 * on a big one those in view (none until the board has measured itself). The cell
 * re-renders only when the range changes.
 */
/** The focused card's id on a big board (it stays rendered while scrolled away). */
export function useFocusedCard(): string | null {
  const viewport = useContext(BoardViewportContext);
  return useSyncExternalStore(viewport === null ? NO_SUBSCRIPTION : viewport.subscribe, () =>
    viewport === null ? null : viewport.get().focused,
  );
}

export function useVisibleSlots(stageId: string, laneId: string, n: number): [number, number] {
  const viewport = useContext(BoardViewportContext);
  const key = useSyncExternalStore(viewport === null ? NO_SUBSCRIPTION : viewport.subscribe, () => {
    if (viewport === null) return `0:${n}`;
    const { region, rows, columns } = viewport.get();
    const row = rows.get(laneId);
    const column = columns.get(stageId);
    if (region === null || row === undefined || column === undefined) return "0:0";
    const [start, end] = visibleSlots({ top: row.start, left: column.start, width: column.size }, n, region);
    return `${start}:${end}`;
  });
  const at = key.indexOf(":");
  return [Number(key.slice(0, at)), Number(key.slice(at + 1))];
}

/** Whether the board renders only what is on screen. */
export function useWindowed(): boolean {
  return useContext(BoardViewportContext) !== null;
}
