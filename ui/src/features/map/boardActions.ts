// The board's event handlers, shared with cards, cells and headers through a context
// whose value never changes, so passing them down never re-renders a memoised card.
import { createContext, type DragEvent, type KeyboardEvent, useContext } from "react";
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
  /** Opens the cell's new-card input (cards go at the end of the cell). */
  openCardInput: (stageId: string, laneId: string) => void;
  /** Closes the cell's new-card input, if it is open. */
  closeCardInput: (stageId: string, laneId: string) => void;
  /** Adds a card where the cell's open input says (after a card, or at the end). */
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

  /** Collapses a stage (or a lane) to a narrow strip, or expands it again. */
  toggleStageCollapsed: (id: string) => void;
  toggleLaneCollapsed: (id: string) => void;
};

export const BoardActionsContext = createContext<BoardActions | null>(null);

export function useBoardActions(): BoardActions {
  const actions = useContext(BoardActionsContext);
  if (actions === null) throw new Error("useBoardActions needs a BoardActionsContext provider");
  return actions;
}

// Selectors of the board's elements, for moving focus after a render. They use the
// elements' own data attributes (data-card, data-cell, data-action, …), never the test
// ids, which belong to the tests.

/** An id escaped for an attribute selector (CSS.escape, or quoting where it is missing, as in jsdom). */
function esc(id: string): string {
  return typeof CSS !== "undefined" && typeof CSS.escape === "function" ? CSS.escape(id) : id.replace(/["\\]/g, "\\$&");
}

/** The selector of a card's element. */
export function cardSelector(id: string): string {
  return `[data-card][data-touchpoint-id="${esc(id)}"]`;
}

/** The selector of every card's element. */
export const CARD_SELECTOR = "[data-card]";

/** The selector of every cell's element (collapsed cells included: they still hold a grid place). */
export const CELL_SELECTOR = "[data-cell]";

/** The selector of a cell's add button. */
export function addButtonSelector(stageId: string, laneId: string): string {
  return `[data-cell][data-stage-id="${esc(stageId)}"][data-lane-id="${esc(laneId)}"] [data-action="add-touchpoint"]`;
}

/** The selector of a button (by its data-action) in a stage's header. */
export function stageButtonSelector(stageId: string, action: string): string {
  return `[data-stage-header][data-stage-id="${esc(stageId)}"] [data-action="${action}"]`;
}

/** The selector of a button (by its data-action) in a lane's label. */
export function laneButtonSelector(laneId: string, action: string): string {
  return `[data-lane-label][data-lane-id="${esc(laneId)}"] [data-action="${action}"]`;
}

/** The selector of the header's "Show lane" buttons. */
export function showLaneSelector(): string {
  return '[data-action="show-lane"]';
}

/** The selector of a field (by its data-field) in a side panel (by its data-panel). */
export function fieldSelector(panel: string, field: string): string {
  return `[data-panel="${panel}"] [data-field="${field}"]`;
}

/** The board's scrolling element and its grid (zoom reads their sizes). */
export const BOARD_SCROLL_SELECTOR = "[data-board-scroll]";
export const BOARD_GRID_SELECTOR = "[data-board-grid]";

/** The filter bar's search field. */
export const FILTER_SEARCH_SELECTOR = "[data-filter-search]";

export const DRAG_TYPE = "application/x-journeymap-touchpoint";

/** The id of the one element describing a card's keyboard commands. */
export const CARD_HELP_ID = "jm-card-help";
