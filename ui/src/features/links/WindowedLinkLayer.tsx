// The link arrows of a big board. Nothing is measured card by card: every card's place
// follows from its cell's row and column (which the board's viewport store holds) and its
// slot in the cell, since cards there have one height. All links are routed at once
// when the layout changes (routing is linear in the links), and only the arrows with an
// end on screen (plus a margin) are drawn, and the selected one: an arrow that merely
// passes through the view, between two cards far away, says nothing there, and on a big
// map thousands of them would (the generated 10,000-card map's flow crosses every lane,
// so its arrows run the height of the board).
import { memo, type RefObject, useMemo, useSyncExternalStore } from "react";
import type { LinkDto } from "../../bindings";
import type { CellMap } from "../../lib/cells";
import { type Span as GridSpan, type PlacedCard, type Point, routePlaced } from "../../lib/linkGeometry";
import { CARD_HEIGHT, CELL_PADDING, slotTop } from "../../lib/windowing";
import type { BoardViewport, Span } from "../map/boardViewport";
import { type Arrow, Arrows } from "./LinkLayer";
import "./links.css";

type Props = {
  viewport: BoardViewport;
  links: LinkDto[];
  /** The cells, read when the layout changes (an edit that only changes what a card shows re-routes nothing). */
  cellsRef: RefObject<CellMap>;
  /** Changes when cards or rows may have moved. */
  layoutKey: number;
  collapsedStages: ReadonlySet<string>;
  collapsedLanes: ReadonlySet<string>;
  selectedLinkId: string | null;
  highlighted?: ReadonlySet<string> | null;
};

/** An arrow with where it starts and ends. */
type Placed = Arrow & { from: Point; to: Point };

/** How coarsely the visible part is followed: the drawn arrows change every this many pixels of scrolling. */
const TILE = 200;
/** How far beyond the screen an arrow's end may be and the arrow still drawn. */
const ARROW_MARGIN = 200;

export const WindowedLinkLayer = memo(function WindowedLinkLayer({
  viewport,
  links,
  cellsRef,
  layoutKey,
  collapsedStages,
  collapsedLanes,
  selectedLinkId,
  highlighted = null,
}: Props) {
  const rows = useSyncExternalStore(viewport.subscribe, () => viewport.get().rows);
  const columns = useSyncExternalStore(viewport.subscribe, () => viewport.get().columns);
  // The visible part, snapped to tiles, as a string: this re-renders only across tiles.
  const tiles = useSyncExternalStore(viewport.subscribe, () => {
    const r = viewport.get().region;
    if (r === null) return "";
    const x0 = Math.floor((r.left - ARROW_MARGIN) / TILE);
    const y0 = Math.floor((r.top - ARROW_MARGIN) / TILE);
    const x1 = Math.ceil((r.left + r.width + ARROW_MARGIN) / TILE);
    const y1 = Math.ceil((r.top + r.height + ARROW_MARGIN) / TILE);
    return `${x0}:${y0}:${x1}:${y1}`;
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: layoutKey is the signal that cards may have moved.
  const routed = useMemo(
    () => routeAll(links, cellsRef.current, rows, columns, collapsedStages, collapsedLanes),
    [links, cellsRef, rows, columns, collapsedStages, collapsedLanes, layoutKey],
  );
  const visible = useMemo(() => {
    if (tiles === "") return [];
    const [x0, y0, x1, y1] = tiles.split(":").map((v) => Number(v) * TILE);
    const inside = (p: Point) => p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1;
    return routed.arrows.filter((a) => inside(a.from) || inside(a.to) || a.id === selectedLinkId);
  }, [routed, tiles, selectedLinkId]);

  if (links.length === 0) return null;
  return <Arrows width={routed.width} height={routed.height} arrows={visible} selectedLinkId={selectedLinkId} highlighted={highlighted} />;
});

/** Every link's route, from the rows, the columns and each card's slot in its cell. */
function routeAll(
  links: readonly LinkDto[],
  cells: CellMap,
  rows: ReadonlyMap<string, Span>,
  columns: ReadonlyMap<string, Span>,
  collapsedStages: ReadonlySet<string>,
  collapsedLanes: ReadonlySet<string>,
): { width: number; height: number; arrows: Placed[] } {
  const columnIndex = new Map<string, number>();
  const rowIndex = new Map<string, number>();
  const columnSpans: GridSpan[] = [];
  const rowSpans: GridSpan[] = [];
  let width = 0;
  let height = 0;
  for (const [id, c] of columns) {
    columnIndex.set(id, columnSpans.length);
    columnSpans.push({ start: c.start, end: c.start + c.size });
    width = Math.max(width, c.start + c.size);
  }
  for (const [id, r] of rows) {
    rowIndex.set(id, rowSpans.length);
    rowSpans.push({ start: r.start, end: r.start + r.size });
    height = Math.max(height, r.start + r.size);
  }
  if (links.length === 0) return { width, height, arrows: [] };

  const needed = new Set<string>();
  for (const l of links) {
    needed.add(l.fromId);
    needed.add(l.toId);
  }
  const places = new Map<string, PlacedCard>();
  for (const items of cells.values()) {
    const first = items[0];
    if (first === undefined || collapsedStages.has(first.stageId) || collapsedLanes.has(first.laneId)) continue;
    const column = columnIndex.get(first.stageId);
    const row = rowIndex.get(first.laneId);
    if (column === undefined || row === undefined) continue;
    const c = columnSpans[column];
    const r = rowSpans[row];
    items.forEach((t, slot) => {
      if (!needed.has(t.id)) return;
      places.set(t.id, {
        rect: { x: c.start + CELL_PADDING, y: r.start + slotTop(slot), width: c.end - c.start - 2 * CELL_PADDING, height: CARD_HEIGHT },
        column,
        row,
        slot,
      });
    });
  }
  const arrows = routePlaced({ columns: columnSpans, rows: rowSpans }, links, places).map(({ link: l, route }): Placed => {
    const { points, d, handle } = route;
    return { id: l.id, kind: l.kind, d, handle, from: points[0], to: points[points.length - 1] };
  });
  return { width, height, arrows };
}
