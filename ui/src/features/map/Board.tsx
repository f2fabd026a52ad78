// The board: stages as columns, visible lanes as rows, one cell per pair. The header
// row and the lane labels are sticky; right under the headers runs the emotion and pain
// curve. Links are drawn by LinkLayer over the grid. The grid can be zoomed (a CSS
// scale; a sizer around it keeps the scroll extents to the scaled size) and stages or
// lanes collapsed to narrow strips.
import { Fragment, memo, type RefObject, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { LaneDto, LinkDto, StageDto } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { type CellMap, cellItems } from "../../lib/cells";
import { useEditsOff } from "../common/readOnly";
import { LinkLayer } from "../links/LinkLayer";
import { CARD_HELP_ID } from "./boardActions";
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
};

const NONE: ReadonlySet<string> = new Set();
const NO_COUNTS: ReadonlyMap<string, number> = new Map();

export const Board = memo(function Board(props: Props) {
  const { stages, lanes, cells, links, selectedTouchpointId, selectedStageId, selectedLinkId, linking, layoutKey } = props;
  const { pathActive = false, pathLinks = null, zoom = 1, collapsedStages = NONE, collapsedLanes = NONE, minN } = props;
  const { decisionCounts = NO_COUNTS } = props;
  const gridRef = useRef<HTMLDivElement>(null);
  const editsOff = useEditsOff();
  const visibleLanes = useMemo(() => lanes.filter((l) => !l.hidden), [lanes]);
  const columns = `var(--lane-column) ${stages.map((s) => (collapsedStages.has(s.id) ? "var(--collapsed-column)" : "var(--stage-column)")).join(" ")}`;
  const size = useScaledSize(gridRef, zoom);

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

  const scrollClass = `board-scroll${linking ? " board-scroll--linking" : ""}${pathActive ? " board-scroll--path" : ""}`;
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
      <LinkLayer
        gridRef={gridRef}
        links={links}
        selectedLinkId={selectedLinkId}
        layoutKey={layoutKey + collapses.current.n}
        highlighted={pathActive ? pathLinks : null}
      />
    </div>
  );

  return (
    <div className={scrollClass} tabIndex={-1} data-board-scroll="">
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
  );
});

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
