// One cell (stage × lane): its cards in order, a drop target for dragged cards, and a
// "+" button that opens an inline title input for new touchpoints (N on a card opens it
// right after that card). Enter in it adds the card and keeps it open for the next.
// On a big board (see lib/windowing) the cell reserves the height of all its cards and
// renders only those in view, after a spacer as tall as the ones above them.
import { type DragEvent, memo, useRef, useState } from "react";
import type { LaneKind, TouchpointDto } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { laneAccentClass } from "../../lib/lanes";
import { cellHeight, PITCH, slotRuns } from "../../lib/windowing";
import { InlineTextInput } from "../common/InlineTextInput";
import { useEditsOff } from "../common/readOnly";
import { Card } from "../touchpoints/Card";
import { CARD_SELECTOR, cardSelector, useBoardActions } from "./boardActions";
import { useFocusedCard, useVisibleSlots, useWindowed } from "./boardViewport";
import { selectAddingCardIn, useOptionalMapSelector } from "./mapStore";

type Props = {
  stageId: string;
  laneId: string;
  stageName: string;
  laneName: string;
  laneKind: LaneKind;
  items: readonly TouchpointDto[];
  /** The selected touchpoint's id when it is in this cell, else null. */
  selectedId: string | null;
  /** How many decisions and opportunities each card has (a card with none is absent). */
  decisionCounts?: ReadonlyMap<string, number>;
};

export const Cell = memo(function Cell({ stageId, laneId, stageName, laneName, laneKind, items, selectedId, decisionCounts }: Props) {
  const actions = useBoardActions();
  const editsOff = useEditsOff();
  // The open new-card input of this cell, if any (in the store: one is open at a time).
  const adding = useOptionalMapSelector(selectAddingCardIn(stageId, laneId), null);
  const [over, setOver] = useState(false);
  const cellRef = useRef<HTMLDivElement>(null);
  // The card currently marked as "drop before", styled without re-rendering it.
  const marked = useRef<HTMLElement | null>(null);
  // "stage, lane" for the labels, each name isolated so its bidi controls stay in it.
  const where = `${isolate(stageName)}, ${isolate(laneName)}`;
  const windowed = useWindowed();
  const [first, last] = useVisibleSlots(stageId, laneId, items.length);
  // The focused and the selected card stay rendered while scrolled away: focus is never
  // dropped, and the panel's card is still on the page.
  const focused = useFocusedCard();
  const kept = windowed ? [focused, selectedId].filter((id) => id !== null).map((id) => items.findIndex((t) => t.id === id)) : [];
  const runs = windowed ? slotRuns(first, last, kept) : [];

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

  // The input sits where its cards go: after its card, or at the end. The cards before
  // and after it are two lists, so a new card is inserted before the focused input and
  // the input itself never moves in the page (moving it would take its focus away).
  const after = adding?.afterId == null ? -1 : items.findIndex((t) => t.id === adding.afterId);
  const at = after < 0 ? items.length : after + 1;
  const card = (t: TouchpointDto) => (
    <Card key={t.id} touchpoint={t} selected={t.id === selectedId} decisions={decisionCounts?.get(t.id) ?? 0} />
  );
  // The card just before the input: where focus goes when a key closes it.
  const lastBefore = at > 0 ? items[at - 1].id : null;

  return (
    <div
      ref={cellRef}
      className={`cell ${laneAccentClass(laneKind)}${over ? " cell--over" : ""}`}
      data-testid="cell"
      data-cell=""
      data-stage-id={stageId}
      data-lane-id={laneId}
      role="group"
      aria-label={where}
      style={windowed ? { minHeight: cellHeight(items.length) } : undefined}
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
      {windowed && adding === null
        ? // One flat list of spacers and cards, each card keyed by its id: a card moving from
          // one run to another as the board scrolls keeps its element, and with it focus.
          runs.flatMap(([from, to], i) => {
            const gap = from - (i === 0 ? 0 : runs[i - 1][1]);
            const spacer =
              gap > 0 ? [<div key={`before-${from}`} className="cell__spacer" style={{ height: gap * PITCH }} aria-hidden="true" />] : [];
            return [...spacer, ...items.slice(from, to).map(card)];
          })
        : items.slice(0, at).map(card)}
      {/* No "+" on a read-only database: there is nothing it could add. */}
      {!editsOff && adding !== null && (
        <InlineTextInput
          className="inline-input cell__input"
          placeholder="Touchpoint title"
          ariaLabel={`New touchpoint title in ${where}`}
          testId="touchpoint-title-input"
          repeat
          onSubmit={(title) => actions.addTouchpoint(stageId, laneId, title)}
          onCancel={() => actions.closeCardInput(stageId, laneId)}
          returnFocus={() => {
            const cell = cellRef.current;
            const last = lastBefore === null ? null : cell?.querySelector<HTMLElement>(cardSelector(lastBefore));
            return last ?? cell?.querySelector<HTMLElement>('[data-action="add-touchpoint"]');
          }}
        />
      )}
      {windowed && adding === null ? null : items.slice(at).map(card)}
      {editsOff || adding !== null || (windowed && (runs.length === 0 || runs[runs.length - 1][1] < items.length)) ? null : (
        <button
          type="button"
          className="cell__add"
          data-testid="add-touchpoint"
          data-action="add-touchpoint"
          aria-label={`Add touchpoint in ${where}`}
          title="Add touchpoint"
          onClick={() => actions.openCardInput(stageId, laneId)}
        >
          +
        </button>
      )}
    </div>
  );
});
