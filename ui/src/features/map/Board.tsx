// The board: stages as columns, visible lanes as rows, one cell per pair. The header
// row and the lane labels are sticky. Links are drawn by LinkLayer over the grid.
import { Fragment, memo, useMemo, useRef } from "react";
import type { LaneDto, LinkDto, StageDto } from "../../bindings";
import { type CellMap, cellItems } from "../../lib/cells";
import { LinkLayer } from "../links/LinkLayer";
import { CARD_HELP_ID } from "./boardActions";
import { Cell } from "./Cell";
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
};

export const Board = memo(function Board(props: Props) {
  const { stages, lanes, cells, links, selectedTouchpointId, selectedStageId, selectedLinkId, linking, layoutKey } = props;
  const gridRef = useRef<HTMLDivElement>(null);
  const visibleLanes = useMemo(() => lanes.filter((l) => !l.hidden), [lanes]);
  const columns = `var(--lane-column) repeat(${stages.length}, var(--stage-column))`;

  return (
    <div className={linking ? "board-scroll board-scroll--linking" : "board-scroll"} tabIndex={-1}>
      <div className="board-grid" ref={gridRef} style={{ gridTemplateColumns: columns }}>
        <div className="board-corner">
          <span className="board-corner__text">Lanes ↓ · Stages →</span>
        </div>
        {stages.map((s, i) => (
          <StageHeader key={s.id} stage={s} first={i === 0} last={i === stages.length - 1} selected={s.id === selectedStageId} />
        ))}
        {visibleLanes.map((lane, i) => (
          <Fragment key={lane.id}>
            <LaneLabel lane={lane} first={i === 0} last={i === visibleLanes.length - 1} />
            {stages.map((stage) => {
              const items = cellItems(cells, stage.id, lane.id);
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
                />
              );
            })}
          </Fragment>
        ))}
        <LinkLayer gridRef={gridRef} links={links} selectedLinkId={selectedLinkId} layoutKey={layoutKey} />
      </div>
      {/* Hidden, yet read as every card's description (aria-describedby may point at hidden
          text). Not a visually-hidden positioned paragraph: see cardLabel.ts. */}
      <p id={CARD_HELP_ID} hidden>
        Enter: show details. F2: edit in the panel. Alt+Arrow keys: move to the neighbouring stage or lane. Ctrl+Alt+Up or Down: move within
        the cell. Delete: delete the card.
      </p>
      {stages.length === 0 && <p className="board-hint">This map has no stages yet. Use “Add stage” to create the first column.</p>}
      {visibleLanes.length === 0 && lanes.length > 0 && (
        <p className="board-hint">Every lane is hidden. Show one from the list of hidden lanes above.</p>
      )}
    </div>
  );
});
