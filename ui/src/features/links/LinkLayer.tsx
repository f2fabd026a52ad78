// Draws links as SVG arrows over the board grid, from card edge to card edge: flow
// solid, handoff dashed, depends-on dotted. Positions are measured when cards or rows may
// have moved (`layoutKey`, set by the map session from each edit's patch) and when the
// grid or any card changes size. An edit that only changes what a card shows (its pain,
// say) measures nothing: measuring a thousand cards costs a forced layout. Clicking an
// arrow selects the link.
import { memo, type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { LinkDto, LinkKind } from "../../bindings";
import { arrowSegment, type Point, type Rect } from "../../lib/linkGeometry";
import { deepEqual } from "../../lib/reconcile";
import { drawnScale } from "../../lib/zoom";
import { CARD_SELECTOR, useBoardActions } from "../map/boardActions";
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

type Segment = { id: string; kind: LinkKind; from: Point; to: Point };
type Layout = { width: number; height: number; segments: Segment[] };

const KINDS: LinkKind[] = ["flow", "handoff", "depends_on"];

/**
 * Memoised: with a thousand links the arrows are thousands of SVG elements, and the board
 * re-renders after every edit (its headers' figures change) while the arrows do not.
 */
export const LinkLayer = memo(function LinkLayer({ gridRef, links, selectedLinkId, layoutKey, highlighted = null }: Props) {
  const actions = useBoardActions();
  const [layout, setLayout] = useState<Layout>({ width: 0, height: 0, segments: [] });

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
    <svg className="link-layer" width={layout.width} height={layout.height} role="group" aria-label="Links between touchpoints">
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
      {layout.segments.map((s) => {
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
            <line className="link__hit" x1={s.from.x} y1={s.from.y} x2={s.to.x} y2={s.to.y} />
            <line
              className="link__line"
              x1={s.from.x}
              y1={s.from.y}
              x2={s.to.x}
              y2={s.to.y}
              markerEnd={`url(#jm-arrow-${selected ? "selected" : s.kind})`}
            />
            {/* A handle at the midpoint: the arrow's centre is always clickable and never zero-sized. */}
            <circle className="link__handle" cx={(s.from.x + s.to.x) / 2} cy={(s.from.y + s.to.y) / 2} r={6} />
          </g>
        );
      })}
    </svg>
  );
});

/**
 * Card rectangles relative to the grid, for the cards that links touch, in the grid's own
 * (unscaled) coordinates: when the board is zoomed the grid carries a CSS scale, which
 * `getBoundingClientRect` includes, so every rectangle is divided by it.
 */
function measureLinks(grid: HTMLElement, links: LinkDto[]): Layout {
  const width = grid.scrollWidth;
  const height = grid.scrollHeight;
  if (links.length === 0) return { width, height, segments: [] };
  const needed = new Set<string>();
  for (const l of links) {
    needed.add(l.fromId);
    needed.add(l.toId);
  }
  const origin = grid.getBoundingClientRect();
  const k = drawnScale(origin.width, grid.offsetWidth);
  const rects = new Map<string, Rect>();
  for (const el of grid.querySelectorAll<HTMLElement>(CARD_SELECTOR)) {
    const id = el.dataset.touchpointId;
    if (id === undefined || !needed.has(id)) continue;
    const r = el.getBoundingClientRect();
    rects.set(id, { x: (r.left - origin.left) / k, y: (r.top - origin.top) / k, width: r.width / k, height: r.height / k });
  }
  const segments: Segment[] = [];
  for (const l of links) {
    const a = rects.get(l.fromId);
    const b = rects.get(l.toId);
    if (a === undefined || b === undefined) continue;
    const { from, to } = arrowSegment(a, b, 3);
    segments.push({ id: l.id, kind: l.kind, from: round(from), to: round(to) });
  }
  return { width, height, segments };
}

function round(p: Point): Point {
  return { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
}
