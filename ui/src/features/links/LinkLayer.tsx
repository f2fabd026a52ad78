// Draws links as SVG arrows over the board grid, from card edge to card edge, routed
// orthogonally through the gutters between cards (lib/linkGeometry): flow solid, handoff
// dashed, depends-on dotted. Positions are measured when cards or rows may have moved
// (`layoutKey`, set by the map session from each edit's patch) and when the grid or any
// card changes size. An edit that only changes what a card shows (its pain, say) measures
// nothing: measuring a thousand cards costs a forced layout. Clicking an arrow selects the link.
import { memo, type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { LinkDto, LinkKind } from "../../bindings";
import { type PlacedCard, type Point, type Rect, routePlaced, type Span } from "../../lib/linkGeometry";
import { deepEqual } from "../../lib/reconcile";
import { drawnScale } from "../../lib/zoom";
import { CARD_SELECTOR, CELL_SELECTOR, useBoardActions } from "../map/boardActions";
import { LINK_KIND_LABELS } from "./linkKinds";
import "./links.css";

type Props = {
  gridRef: RefObject<HTMLDivElement | null>;
  links: LinkDto[];
  selectedLinkId: string | null;
  layoutKey: number;
  /** The links on the highlighted pain path: they stand out and the rest dims (null: none). */
  highlighted?: ReadonlySet<string> | null;
};

export type Arrow = { id: string; kind: LinkKind; d: string; handle: Point };
type Layout = { width: number; height: number; arrows: Arrow[] };

const KINDS: LinkKind[] = ["flow", "handoff", "depends_on"];

/**
 * Memoised: with a thousand links the arrows are thousands of SVG elements, and the board
 * re-renders after every edit (its headers' figures change) while the arrows do not.
 */
export const LinkLayer = memo(function LinkLayer({ gridRef, links, selectedLinkId, layoutKey, highlighted = null }: Props) {
  const [layout, setLayout] = useState<Layout>({ width: 0, height: 0, arrows: [] });

  // Whether a measurement has been made: on mount the layout effect below runs before the
  // grid's ref is attached (refs of a parent attach after its children's layout effects).
  const measured = useRef(false);
  const measure = useCallback(() => {
    const grid = gridRef.current;
    if (grid === null) return;
    measured.current = true;
    const next = measureLinks(grid, links);
    setLayout((prev) => (deepEqual(prev, next) ? prev : next));
  }, [gridRef, links]);

  const measureRef = useRef(measure);
  measureRef.current = measure;

  // biome-ignore lint/correctness/useExhaustiveDependencies: layoutKey is the signal that cards may have moved.
  useLayoutEffect(measure, [measure, layoutKey]);

  // One observer watches the grid and every card; it is set up again when cards may have
  // been added or moved. Its first report of each element only records the size (the
  // layout effect above has just measured).
  // biome-ignore lint/correctness/useExhaustiveDependencies: layoutKey is the signal that cards may have been added or moved.
  useEffect(() => {
    const grid = gridRef.current;
    if (grid === null || typeof ResizeObserver === "undefined") return;
    const seen = new WeakMap<Element, string>();
    const observer = new ResizeObserver((entries) => {
      let resized = false;
      for (const e of entries) {
        const size = `${e.contentRect.width}x${e.contentRect.height}`;
        const before = seen.get(e.target);
        if (before !== undefined && before !== size) resized = true;
        seen.set(e.target, size);
      }
      if (resized) measureRef.current();
    });
    observer.observe(grid);
    for (const card of grid.querySelectorAll(CARD_SELECTOR)) observer.observe(card);
    if (!measured.current) measureRef.current();
    return () => observer.disconnect();
  }, [gridRef, layoutKey]);

  if (links.length === 0) return null;
  return (
    <Arrows width={layout.width} height={layout.height} arrows={layout.arrows} selectedLinkId={selectedLinkId} highlighted={highlighted} />
  );
});

/** The arrows drawn: one group per link, its line with an arrowhead, a wide hit area and a handle. */
export function Arrows({
  width,
  height,
  arrows,
  selectedLinkId,
  highlighted,
}: {
  width: number;
  height: number;
  arrows: readonly Arrow[];
  selectedLinkId: string | null;
  highlighted: ReadonlySet<string> | null;
}) {
  const actions = useBoardActions();
  return (
    <svg className="link-layer" width={width} height={height} role="group" aria-label="Links between touchpoints">
      <defs>
        {[...KINDS, "selected"].map((k) => (
          <marker
            key={k}
            id={`jm-arrow-${k}`}
            className={`link-marker link-marker--${k}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="10"
            markerHeight="10"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        ))}
      </defs>
      {arrows.map((s) => {
        const selected = s.id === selectedLinkId;
        const path = highlighted === null ? "" : highlighted.has(s.id) ? " link--on-path" : " link--dim";
        return (
          <g
            key={s.id}
            className={`link link--${s.kind}${selected ? " link--selected" : ""}${path}`}
            data-on-path={highlighted?.has(s.id) ? "true" : undefined}
            data-testid="link-arrow"
            data-link-id={s.id}
            onClick={() => actions.selectLink(s.id)}
          >
            <title>{`${LINK_KIND_LABELS[s.kind]} link (click to select)`}</title>
            <path className="link__hit" d={s.d} />
            <path className="link__line" d={s.d} markerEnd={`url(#jm-arrow-${selected ? "selected" : s.kind})`} />
            {/* A handle on the middle run: the arrow's centre is always clickable and never zero-sized. */}
            <circle className="link__handle" cx={s.handle.x} cy={s.handle.y} r={6} />
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The arrows' routes, from one pass of measurements relative to the grid, in the grid's own
 * (unscaled) coordinates: when the board is zoomed the grid carries a CSS scale, which
 * `getBoundingClientRect` includes, so every rectangle is divided by it. Measured: one cell
 * per column and per row (the grid's spans) and the cards that links touch.
 */
function measureLinks(grid: HTMLElement, links: LinkDto[]): Layout {
  const width = grid.scrollWidth;
  const height = grid.scrollHeight;
  if (links.length === 0) return { width, height, arrows: [] };
  const needed = new Set<string>();
  for (const l of links) {
    needed.add(l.fromId);
    needed.add(l.toId);
  }
  const origin = grid.getBoundingClientRect();
  const k = drawnScale(origin.width, grid.offsetWidth);
  const rect = (el: Element): Rect => {
    const r = el.getBoundingClientRect();
    return { x: (r.left - origin.left) / k, y: (r.top - origin.top) / k, width: r.width / k, height: r.height / k };
  };

  // Cells come row by row (a row per lane, a cell per stage), so the first row gives every
  // column in order and each row's first cell gives that row: the rest need no measuring.
  const columnOf = new Map<string, number>();
  const rowOf = new Map<string, number>();
  const columns: Span[] = [];
  const rows: Span[] = [];
  for (const cell of grid.querySelectorAll<HTMLElement>(CELL_SELECTOR)) {
    const { stageId, laneId } = cell.dataset;
    if (stageId === undefined || laneId === undefined) continue;
    const newColumn = !columnOf.has(stageId);
    const newRow = !rowOf.has(laneId);
    if (!newColumn && !newRow) continue;
    const r = rect(cell);
    if (newColumn) {
      columnOf.set(stageId, columns.length);
      columns.push({ start: r.x, end: r.x + r.width });
    }
    if (newRow) {
      rowOf.set(laneId, rows.length);
      rows.push({ start: r.y, end: r.y + r.height });
    }
  }

  // Each card's place: its cell's column and row, and its slot in the cell's stack
  // (cards of one cell come one after another).
  const places = new Map<string, PlacedCard>();
  let cell: HTMLElement | null = null;
  let slot = 0;
  for (const el of grid.querySelectorAll<HTMLElement>(CARD_SELECTOR)) {
    const parent = el.closest<HTMLElement>(CELL_SELECTOR);
    slot = parent === cell ? slot + 1 : 0;
    cell = parent;
    const id = el.dataset.touchpointId;
    if (id === undefined || !needed.has(id) || parent === null) continue;
    const column = columnOf.get(parent.dataset.stageId ?? "");
    const row = rowOf.get(parent.dataset.laneId ?? "");
    if (column === undefined || row === undefined) continue;
    places.set(id, { rect: rect(el), column, row, slot });
  }

  const routed = routePlaced({ columns, rows }, links, places);
  return { width, height, arrows: routed.map(({ link: l, route }) => ({ id: l.id, kind: l.kind, d: route.d, handle: route.handle })) };
}
