// The board: stages as columns, visible lanes as rows, one cell per pair. The header
// row and the lane labels are sticky; right under the headers runs the emotion and pain
// curve. Links are drawn by LinkLayer over the grid. The grid can be zoomed (a CSS
// scale; a sizer around it keeps the scroll extents to the scaled size) and stages or
// lanes collapsed to narrow strips. A big board (`windowed`, see lib/windowing) renders
// only the cards and arrows in view: it keeps a viewport store (boardViewport.ts) of
// what is on screen and where its rows and columns are, which the cells and the link
// layer read.
import { Fragment, memo, type RefObject, useLayoutEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { LaneDto, LinkDto, StageDto } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { type CellMap, cellItems } from "../../lib/cells";
import { CARD_HEIGHT, CELL_PADDING, scrollToShow, slotTop } from "../../lib/windowing";
import { useEditsOff } from "../common/readOnly";
import { LinkLayer } from "../links/LinkLayer";
import { WindowedLinkLayer } from "../links/WindowedLinkLayer";
import { CARD_HELP_ID, CARD_SELECTOR, CELL_SELECTOR, cardSelector } from "./boardActions";
import { type BoardViewport, BoardViewportContext, createBoardViewport, type Span } from "./boardViewport";
import { Cell } from "./Cell";
import { CurveRow } from "./CurveRow";
import { LaneLabel } from "./LaneLabel";
import { StageHeader } from "./StageHeader";

type Props = {
  stages: StageDto[];
  lanes: LaneDto[];
  cells: CellMap;
  links: LinkDto[];
  selectedTouchpointId: string | null;
  selectedStageId: string | null;
  selectedLinkId: string | null;
  linking: boolean;
  /** Changes when cards or rows may have moved, so the link layer measures again. */
  layoutKey: number;
  /** Whether the pain path is highlighted (the cards off it dim). */
  pathActive?: boolean;
  /** The links on the highlighted path. */
  pathLinks?: ReadonlySet<string> | null;
  zoom?: number;
  collapsedStages?: ReadonlySet<string>;
  collapsedLanes?: ReadonlySet<string>;
  /** Below this many answers a stage's NPS is marked weak. */
  minN?: number;
  /** How many decisions and opportunities each card has (none: absent). */
  decisionCounts?: ReadonlyMap<string, number>;
  /** Render only what is on screen (a big map). */
  windowed?: boolean;
  /**
   * Receives the function that brings a card on screen and returns its element: at once
   * when `sync` (from an event handler), else once the board has rendered it (from an
   * effect, where React cannot render synchronously; the element may be null then).
   */
  onRevealer?: (reveal: ((id: string, sync: boolean) => HTMLElement | null) | null) => void;
};

const NONE: ReadonlySet<string> = new Set();
const NO_COUNTS: ReadonlyMap<string, number> = new Map();

export const Board = memo(function Board(props: Props) {
  const { stages, lanes, cells, links, selectedTouchpointId, selectedStageId, selectedLinkId, linking, layoutKey } = props;
  const { pathActive = false, pathLinks = null, zoom = 1, collapsedStages = NONE, collapsedLanes = NONE, minN } = props;
  const { decisionCounts = NO_COUNTS, windowed = false, onRevealer } = props;
  const gridRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const viewport = useMemo(() => (windowed ? createBoardViewport() : null), [windowed]);
  const editsOff = useEditsOff();
  const visibleLanes = useMemo(() => lanes.filter((l) => !l.hidden), [lanes]);
  const columns = `var(--lane-column) ${stages.map((s) => (collapsedStages.has(s.id) ? "var(--collapsed-column)" : "var(--stage-column)")).join(" ")}`;
  const size = useScaledSize(gridRef, zoom);
  useViewport(viewport, scrollRef, gridRef, zoom, [layoutKey, stages, visibleLanes, collapsedStages, collapsedLanes]);

  // The revealer: a card not rendered (off screen on a big board) is scrolled to first.
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  const collapsedRef = useRef({ stages: collapsedStages, lanes: collapsedLanes });
  collapsedRef.current = { stages: collapsedStages, lanes: collapsedLanes };
  useLayoutEffect(() => {
    if (onRevealer === undefined) return;
    onRevealer((id, sync) =>
      revealCard(id, sync, viewport, scrollRef.current, gridRef.current, cellsRef.current, collapsedRef.current, zoomRef.current),
    );
    return () => onRevealer(null);
  }, [onRevealer, viewport]);
  // Collapsing moves cards without an edit: count collapses into the links' layout key
  // (both only grow, so their sum changes whenever either does).
  const collapses = useRef({ stages: collapsedStages, lanes: collapsedLanes, n: 0 });
  if (collapses.current.stages !== collapsedStages || collapses.current.lanes !== collapsedLanes) {
    collapses.current = { stages: collapsedStages, lanes: collapsedLanes, n: collapses.current.n + 1 };
  }

  const count = (stageId: string | null, laneId: string | null) => {
    let n = 0;
    for (const s of stages) {
      if (stageId !== null && s.id !== stageId) continue;
      for (const l of visibleLanes) if (laneId === null || l.id === laneId) n += cellItems(cells, s.id, l.id).length;
    }
    return n;
  };

  const scrollClass = `board-scroll${linking ? " board-scroll--linking" : ""}${pathActive ? " board-scroll--path" : ""}${windowed ? " board-scroll--windowed" : ""}`;
  const grid = (
    <div
      className="board-grid"
      ref={gridRef}
      data-board-grid=""
      data-testid="board-grid"
      data-zoom={String(zoom)}
      style={{
        gridTemplateColumns: columns,
        ...(zoom !== 1 ? { transform: `scale(${zoom})`, transformOrigin: "0 0", minWidth: 0 } : null),
      }}
    >
      <div className="board-corner">
        <span className="board-corner__text">Lanes ↓ · Stages →</span>
      </div>
      {stages.map((s, i) => (
        <StageHeader
          key={s.id}
          stage={s}
          first={i === 0}
          last={i === stages.length - 1}
          selected={s.id === selectedStageId}
          collapsed={collapsedStages.has(s.id)}
          cardCount={collapsedStages.has(s.id) ? count(s.id, null) : 0}
          minN={minN}
        />
      ))}
      {stages.length > 0 && <CurveRow stages={stages} collapsedStages={collapsedStages} />}
      {visibleLanes.map((lane, i) => {
        const laneCollapsed = collapsedLanes.has(lane.id);
        return (
          <Fragment key={lane.id}>
            <LaneLabel
              lane={lane}
              first={i === 0}
              last={i === visibleLanes.length - 1}
              collapsed={laneCollapsed}
              cardCount={laneCollapsed ? count(null, lane.id) : 0}
            />
            {stages.map((stage) => {
              const items = cellItems(cells, stage.id, lane.id);
              if (laneCollapsed || collapsedStages.has(stage.id)) {
                return (
                  <div
                    key={stage.id}
                    className="cell cell--collapsed"
                    data-cell=""
                    data-collapsed="true"
                    data-stage-id={stage.id}
                    data-lane-id={lane.id}
                    title={`${isolate(stage.name)}, ${isolate(lane.name)}: ${items.length} card${items.length === 1 ? "" : "s"} (collapsed)`}
                  >
                    {items.length > 0 ? items.length : ""}
                  </div>
                );
              }
              const selectedId =
                selectedTouchpointId !== null && items.some((t) => t.id === selectedTouchpointId) ? selectedTouchpointId : null;
              return (
                <Cell
                  key={stage.id}
                  stageId={stage.id}
                  laneId={lane.id}
                  stageName={stage.name}
                  laneName={lane.name}
                  laneKind={lane.kind}
                  items={items}
                  selectedId={selectedId}
                  decisionCounts={decisionCounts}
                />
              );
            })}
          </Fragment>
        );
      })}
      {viewport === null ? (
        <LinkLayer
          gridRef={gridRef}
          links={links}
          selectedLinkId={selectedLinkId}
          layoutKey={layoutKey + collapses.current.n}
          highlighted={pathActive ? pathLinks : null}
        />
      ) : (
        <WindowedLinkLayer
          viewport={viewport}
          links={links}
          cellsRef={cellsRef}
          layoutKey={layoutKey + collapses.current.n}
          collapsedStages={collapsedStages}
          collapsedLanes={collapsedLanes}
          selectedLinkId={selectedLinkId}
          highlighted={pathActive ? pathLinks : null}
        />
      )}
    </div>
  );

  return (
    <BoardViewportContext.Provider value={viewport}>
      <div className={scrollClass} tabIndex={-1} data-board-scroll="" data-windowed={windowed ? "true" : undefined} ref={scrollRef}>
        {/* Sized to the scaled grid while zoomed, so the scroll area ends where the drawn map does. */}
        <div className="board-zoom" style={size === null ? undefined : { width: size.width * zoom, height: size.height * zoom }}>
          {grid}
        </div>
        {/* Hidden, yet read as every card's description (aria-describedby may point at hidden
          text). Not a visually-hidden positioned paragraph: see cardLabel.ts. */}
        <p id={CARD_HELP_ID} hidden>
          {/* A read-only database: only Enter does anything, so only Enter is described. */}
          {editsOff
            ? "Enter: show details."
            : "Enter: show details. F2: edit in the panel. 0 to 9: pain (1 then 0: 10). Z X C V B: emotion −2 to +2, then the next card. N: a new card after this one. Q: add a quote. S: a new stage after this stage. Alt+Arrow keys: move to the neighbouring stage or lane. Ctrl+Alt+Up or Down: move within the cell. Delete: delete the card."}
        </p>
        {stages.length === 0 && (
          <p className="board-hint">This map has no stages yet.{editsOff ? "" : " Use “Add stage” to create the first column."}</p>
        )}
        {visibleLanes.length === 0 && lanes.length > 0 && (
          <p className="board-hint">Every lane is hidden. Show one from the list of hidden lanes above.</p>
        )}
      </div>
    </BoardViewportContext.Provider>
  );
});

/**
 * Keeps a big board's viewport store current: where its rows and columns are (measured
 * after every layout change, and whenever the grid changes size), and what part of the
 * grid is on screen (on every scroll, synchronously, so the frame that shows the scroll
 * already has its cards).
 */
function useViewport(
  viewport: BoardViewport | null,
  scrollRef: RefObject<HTMLDivElement | null>,
  gridRef: RefObject<HTMLDivElement | null>,
  zoom: number,
  layoutDeps: unknown[],
) {
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the layout dependencies are the signal that rows or columns may have moved.
  useLayoutEffect(() => {
    const box = scrollRef.current;
    const grid = gridRef.current;
    if (viewport === null || box === null || grid === null) return;
    viewport.set({ ...measureGrid(grid), region: regionOf(box, zoomRef.current) });
  }, [viewport, scrollRef, gridRef, zoom, ...layoutDeps]);

  useLayoutEffect(() => {
    const box = scrollRef.current;
    const grid = gridRef.current;
    if (viewport === null || box === null || grid === null) return;
    const onScroll = () => viewport.set({ region: regionOf(box, zoomRef.current) });
    // The focused card stays rendered while it is scrolled away.
    const onFocus = (e: FocusEvent) => {
      const card = (e.target as Element | null)?.closest?.<HTMLElement>(CARD_SELECTOR);
      viewport.set({ focused: card?.dataset.touchpointId ?? null });
    };
    box.addEventListener("scroll", onScroll, { passive: true });
    box.addEventListener("focusin", onFocus);
    const observer =
      typeof ResizeObserver === "undefined"
        ? null
        : new ResizeObserver(() => viewport.set({ ...measureGrid(grid), region: regionOf(box, zoomRef.current) }));
    observer?.observe(box);
    observer?.observe(grid);
    return () => {
      box.removeEventListener("scroll", onScroll);
      box.removeEventListener("focusin", onFocus);
      observer?.disconnect();
    };
  }, [viewport, scrollRef, gridRef]);
}

/** The part of the grid on screen, in the grid's own pixels (the grid is scaled by the zoom). */
function regionOf(box: HTMLElement, zoom: number) {
  return { top: box.scrollTop / zoom, left: box.scrollLeft / zoom, width: box.clientWidth / zoom, height: box.clientHeight / zoom };
}

/** Each lane's row and each stage's column, read from the first cell of each (one layout read). */
function measureGrid(grid: HTMLElement): { rows: Map<string, Span>; columns: Map<string, Span> } {
  const rows = new Map<string, Span>();
  const columns = new Map<string, Span>();
  for (const cell of grid.querySelectorAll<HTMLElement>(CELL_SELECTOR)) {
    const { stageId, laneId } = cell.dataset;
    if (stageId === undefined || laneId === undefined) continue;
    if (!rows.has(laneId)) rows.set(laneId, { start: cell.offsetTop, size: cell.offsetHeight });
    if (!columns.has(stageId)) columns.set(stageId, { start: cell.offsetLeft, size: cell.offsetWidth });
  }
  return { rows, columns };
}

/**
 * Brings a card on screen and returns its element: on a small board, or when it is
 * rendered already, it is there; on a big one it is scrolled to (the least movement that
 * shows it whole, clear of the sticky headers) and rendered, at once when `sync` (an
 * event handler may render synchronously), else with the next render (the caller looks
 * for it again then). Null for a card in a collapsed stage or lane, which has no place.
 */
function revealCard(
  id: string,
  sync: boolean,
  viewport: BoardViewport | null,
  box: HTMLElement | null,
  grid: HTMLElement | null,
  cells: CellMap,
  collapsed: { stages: ReadonlySet<string>; lanes: ReadonlySet<string> },
  zoom: number,
): HTMLElement | null {
  const found = document.querySelector<HTMLElement>(cardSelector(id));
  if (found !== null || viewport === null || box === null || grid === null) return found;
  // Where the card sits: its cell's row and column, its slot in the cell.
  const { rows, columns } = viewport.get();
  for (const items of cells.values()) {
    const slot = items.findIndex((t) => t.id === id);
    if (slot < 0) continue;
    const t = items[slot];
    if (collapsed.stages.has(t.stageId) || collapsed.lanes.has(t.laneId)) return null;
    const row = rows.get(t.laneId);
    const column = columns.get(t.stageId);
    if (row === undefined || column === undefined) return null;
    // Zoomed, the headers and lane labels scroll with the grid: nothing covers the card.
    const header = grid.querySelector<HTMLElement>(".board-corner");
    const sticky = zoom === 1 ? { top: header?.offsetHeight ?? 0, left: header?.offsetWidth ?? 0 } : { top: 0, left: 0 };
    const card = {
      top: row.start + slotTop(slot),
      left: column.start + CELL_PADDING,
      width: column.size - 2 * CELL_PADDING,
      height: CARD_HEIGHT,
    };
    const view = { scrollTop: box.scrollTop, scrollLeft: box.scrollLeft, width: box.clientWidth, height: box.clientHeight };
    const to = scrollToShow(card, view, zoom, sticky);
    if (to.top !== box.scrollTop || to.left !== box.scrollLeft) box.scrollTo(to.left, to.top);
    const region = { region: regionOf(box, zoom) };
    if (sync) flushSync(() => viewport.set(region));
    else viewport.set(region);
    return document.querySelector<HTMLElement>(cardSelector(id));
  }
  return null;
}

/** The grid's layout size while it is zoomed (null at 1: nothing is measured then). */
function useScaledSize(gridRef: RefObject<HTMLDivElement | null>, zoom: number): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const zoomed = zoom !== 1;
  useLayoutEffect(() => {
    const grid = gridRef.current;
    if (!zoomed || grid === null) return;
    const read = () => {
      const next = { width: grid.offsetWidth, height: grid.offsetHeight };
      setSize((prev) => (prev !== null && prev.width === next.width && prev.height === next.height ? prev : next));
    };
    read();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(read);
    observer.observe(grid);
    return () => observer.disconnect();
  }, [gridRef, zoomed]);
  return zoomed && size !== null && size.width > 0 ? size : null;
}
