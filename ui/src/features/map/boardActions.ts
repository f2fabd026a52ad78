// The board's event handlers, shared with cards, cells and headers through a context
// whose value never changes, so passing them down never re-renders a memoised card.
import { createContext, useContext, type DragEvent, type KeyboardEvent } from "react";
import type { TouchpointDto } from "../../bindings";

export type BoardActions = {
  /** A click or Enter on a card: selects it, or completes a link in link mode. */
  activateCard: (id: string) => void;
  cardKeyDown: (e: KeyboardEvent<HTMLElement>, touchpoint: TouchpointDto) => void;
  dragStart: (e: DragEvent<HTMLElement>, id: string) => void;
  dragEnd: (e: DragEvent<HTMLElement>) => void;
  /** Whether a drag over the board may be a card (checked during dragover). */
  isCardDrag: (e: DragEvent<HTMLElement>) => boolean;
  /** The id of the card dropped, if the drop is one of ours (checked on drop). */
  droppedId: (e: DragEvent<HTMLElement>) => string | null;
  dropOnCell: (stageId: string, laneId: string, movingId: string, beforeId: string | null) => void;
  addTouchpoint: (stageId: string, laneId: string, title: string) => void;

  selectStage: (id: string) => void;
  renameStage: (id: string, name: string) => void;
  moveStage: (id: string, step: -1 | 1) => void;
  deleteStage: (id: string) => void;

  renameLane: (id: string, name: string) => void;
  moveLane: (id: string, step: -1 | 1) => void;
  setLaneHidden: (id: string, hidden: boolean) => void;
  deleteLane: (id: string) => void;

  selectLink: (id: string) => void;
};

export const BoardActionsContext = createContext<BoardActions | null>(null);

export function useBoardActions(): BoardActions {
  const actions = useContext(BoardActionsContext);
  if (actions === null) throw new Error("useBoardActions needs a BoardActionsContext provider");
  return actions;
}

/** The selector of a card's element, for moving focus to it after a render. */
export function cardSelector(id: string): string {
  return `[data-testid="card"][data-touchpoint-id="${CSS.escape(id)}"]`;
}

/** The selector of a cell's add button. */
export function addButtonSelector(stageId: string, laneId: string): string {
  return `[data-testid="cell"][data-stage-id="${CSS.escape(stageId)}"][data-lane-id="${CSS.escape(laneId)}"] [data-testid="add-touchpoint"]`;
}

export const DRAG_TYPE = "application/x-journeymap-touchpoint";

/** The id of the one element describing a card's keyboard commands. */
export const CARD_HELP_ID = "jm-card-help";
