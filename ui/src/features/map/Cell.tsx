// One cell (stage × lane): its cards in order, a drop target for dragged cards, and a
// "+" button that opens an inline title input for a new touchpoint.
import { type DragEvent, memo, useRef, useState } from "react";
import type { LaneKind, TouchpointDto } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { laneAccentClass } from "../../lib/lanes";
import { InlineTextInput } from "../common/InlineTextInput";
import { useEditsOff } from "../common/readOnly";
import { Card } from "../touchpoints/Card";
import { CARD_SELECTOR, useBoardActions } from "./boardActions";

type Props = {
  stageId: string;
  laneId: string;
  stageName: string;
  laneName: string;
  laneKind: LaneKind;
  items: readonly TouchpointDto[];
  /** The selected touchpoint's id when it is in this cell, else null. */
  selectedId: string | null;
};

export const Cell = memo(function Cell({ stageId, laneId, stageName, laneName, laneKind, items, selectedId }: Props) {
  const actions = useBoardActions();
  const editsOff = useEditsOff();
  const [adding, setAdding] = useState(false);
  const [over, setOver] = useState(false);
  // The card currently marked as "drop before", styled without re-rendering it.
  const marked = useRef<HTMLElement | null>(null);
  // "stage, lane" for the labels, each name isolated so its bidi controls stay in it.
  const where = `${isolate(stageName)}, ${isolate(laneName)}`;

  const mark = (el: HTMLElement | null) => {
    if (marked.current === el) return;
    marked.current?.classList.remove("card--drop-before");
    el?.classList.add("card--drop-before");
    marked.current = el;
  };
  const cardUnder = (e: DragEvent<HTMLElement>): HTMLElement | null => {
    const el = (e.target as Element).closest<HTMLElement>(CARD_SELECTOR);
    return el !== null && e.currentTarget.contains(el) ? el : null;
  };

  return (
    <div
      className={`cell ${laneAccentClass(laneKind)}${over ? " cell--over" : ""}`}
      data-testid="cell"
      data-cell=""
      data-stage-id={stageId}
      data-lane-id={laneId}
      role="group"
      aria-label={where}
      onDragOver={(e) => {
        if (!actions.isCardDrag(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        if (!over) setOver(true);
        mark(cardUnder(e));
      }}
      onDragLeave={(e) => {
        if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
        setOver(false);
        mark(null);
      }}
      onDrop={(e) => {
        e.preventDefault();
        const before = cardUnder(e)?.dataset.touchpointId ?? null;
        setOver(false);
        mark(null);
        const id = actions.droppedId(e);
        if (id !== null) actions.dropOnCell(stageId, laneId, id, before);
      }}
    >
      {items.map((t) => (
        <Card key={t.id} touchpoint={t} selected={t.id === selectedId} />
      ))}
      {/* No "+" on a read-only database: there is nothing it could add. */}
      {editsOff ? null : adding ? (
        <InlineTextInput
          className="inline-input cell__input"
          placeholder="Touchpoint title"
          ariaLabel={`New touchpoint title in ${where}`}
          testId="touchpoint-title-input"
          onSubmit={(title) => {
            setAdding(false);
            actions.addTouchpoint(stageId, laneId, title);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button
          type="button"
          className="cell__add"
          data-testid="add-touchpoint"
          data-action="add-touchpoint"
          aria-label={`Add touchpoint in ${where}`}
          title="Add touchpoint"
          onClick={() => setAdding(true)}
        >
          +
        </button>
      )}
    </div>
  );
});
