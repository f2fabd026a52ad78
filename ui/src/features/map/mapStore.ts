// The open map's state in one small external store: the view (and what is derived from
// it once per change), the selection, the selected link, link-picking mode, which name
// input of the toolbar is open, the mode (edit or present) and which view of the map is
// shown. Components read it through selectors with `useSyncExternalStore`, so an edit
// re-renders only the components whose selected slice changed.
import { createContext, useContext, useSyncExternalStore } from "react";
import type { Analysis, MapView, TouchpointDto } from "../../bindings";
import { type CellMap, cellKey, groupByCell } from "../../lib/cells";
import { type BoardFilter, NO_FILTER } from "../../lib/filter";
import type { HeatMetric } from "../../lib/heat";
import { cardSelector } from "./boardActions";
import type { LinkMode, Selection } from "./selection";

type PaintMark = "jm:open-painted" | "jm:edit-painted" | "jm:edit-shown";

/** The view the board shows, replaced (as one object) by every edit's answer. */
export type Session = {
  view: MapView;
  /** The mark to set once this view has been painted, if any. */
  mark: PaintMark | null;
  /** Changes when cards, headers or rows may have moved, so links are measured again. */
  layoutKey: number;
};

/** A cell's open new-card input: each card typed there goes after `afterId` (then becomes it), or at the end. */
export type AddingCard = { stageId: string; laneId: string; afterId: string | null };

/** Edit everything; present: the presentation (features/workshop) is shown instead of the map screen. */
export type MapMode = "edit" | "present";
/** The map's views: the board, the stage × lane heatmap, every feedback item, every decision and opportunity, dot voting. */
export type MapScreenKind = "board" | "heatmap" | "evidence" | "decisions" | "voting";

export type MapState = {
  session: Session;
  /** The touchpoints grouped by cell; a cell whose cards did not change keeps its array. */
  cells: CellMap;
  /** The touchpoints by id. */
  byId: ReadonlyMap<string, TouchpointDto>;
  /** How often each touchpoint's or stage's feedback list has changed (an open panel fetches it again when it moves). */
  feedbackVersions: ReadonlyMap<string, number>;
  selection: Selection;
  selectedLinkId: string | null;
  linkMode: LinkMode;
  /** The toolbar's open name input, if any. */
  adding: "stage" | "lane" | null;
  /** Where the toolbar's next new stage goes (null: at the end); S sets it after the focused stage. */
  stageIndex: number | null;
  /** The cell whose new-card input is open, and the card it adds after (null: at the end). */
  addingCard: AddingCard | null;
  mode: MapMode;
  screen: MapScreenKind;
  /** Bumped by every applied edit (views that show the analysis fetch it again). */
  editVersion: number;
  /** The latest analysis (`map_insight`), fetched while a view that needs it is open. */
  analysis: Analysis | null;
  /**
   * Whether `analysis` carries every touchpoint's evidence row and every hand-off
   * (`map_insight`'s `itemRows`); without them both lists are empty.
   */
  analysisRows: boolean;
  /** Whether the insight panel is open beside the board. */
  insightOpen: boolean;
  /** Whether the most painful path is highlighted on the board. */
  pathOn: boolean;
  /** The touchpoints and links on the highlighted path (null when it is off or unknown). */
  pathTouchpoints: ReadonlySet<string> | null;
  pathLinks: ReadonlySet<string> | null;
  filter: BoardFilter;
  /** The ids the filter matches, or null when no filter is set. */
  matches: ReadonlySet<string> | null;
  heatMetric: HeatMetric;
  /** The board's scale (1 = actual size). */
  zoom: number;
  collapsedStages: ReadonlySet<string>;
  collapsedLanes: ReadonlySet<string>;
  /** A card to scroll into view (and focus) after the next render. */
  reveal: string | null;
  /**
   * Why the database can only be read (fixed for the session), or null: the action table
   * refuses edits then, and the edit queue refuses anything that still asks.
   */
  readOnly: string | null;
};

/** What an update may set: the session goes through `setSession`, which derives the rest. */
export type MapUpdate = Partial<
  Pick<
    MapState,
    | "selection"
    | "selectedLinkId"
    | "linkMode"
    | "adding"
    | "stageIndex"
    | "addingCard"
    | "mode"
    | "screen"
    | "analysis"
    | "analysisRows"
    | "insightOpen"
    | "pathOn"
    | "pathTouchpoints"
    | "pathLinks"
    | "filter"
    | "matches"
    | "heatMetric"
    | "zoom"
    | "collapsedStages"
    | "collapsedLanes"
    | "reveal"
  >
>;

export type MapStore = {
  get: () => MapState;
  subscribe: (listener: () => void) => () => void;
  /** Sets some fields; listeners hear of it only when one of them changed. */
  set: (update: MapUpdate | ((s: MapState) => MapUpdate)) => void;
  /**
   * Replaces the session (after an edit), regrouping cells only when the touchpoints
   * changed. `replaced`: when the edit only replaced these touchpoints (none added,
   * removed or reordered), the cells and the index are updated for them alone.
   */
  setSession: (
    session: Session,
    feedbackChanged?: readonly string[],
    replaced?: readonly TouchpointDto[] | null,
    /** False for a preview shown before an edit is saved: views that follow edits wait for the answer. */
    countsAsEdit?: boolean,
  ) => void;
  /** Asks for focus on the first element matching one of the selectors after the next render. */
  requestFocus: (...selectors: string[]) => void;
  /** The pending focus request, which it clears. */
  takeFocusRequest: () => string[] | null;
  /** Registers how the board brings a card on screen (a big board renders only what is in view). */
  setCardRevealer: (reveal: ((id: string, sync: boolean) => HTMLElement | null) | null) => void;
  /**
   * A card's element, scrolled on screen and rendered first when the board needs to: at
   * once when `sync` (call it so from event handlers only), else possibly null until the
   * next render (see `focusCard`).
   */
  revealCard: (id: string, sync?: boolean) => HTMLElement | null;
};

const EMPTY_SET: ReadonlySet<string> = new Set();

export function initialMapState(view: MapView, readOnly: string | null = null): MapState {
  return {
    session: { view, mark: "jm:open-painted", layoutKey: 0 },
    cells: groupByCell(view.touchpoints),
    byId: byIdOf(view.touchpoints),
    feedbackVersions: new Map(),
    selection: null,
    selectedLinkId: null,
    linkMode: null,
    adding: null,
    stageIndex: null,
    addingCard: null,
    mode: "edit",
    screen: "board",
    editVersion: 0,
    analysis: null,
    analysisRows: false,
    insightOpen: false,
    pathOn: false,
    pathTouchpoints: null,
    pathLinks: null,
    filter: NO_FILTER,
    matches: null,
    heatMetric: "pain",
    zoom: 1,
    collapsedStages: EMPTY_SET,
    collapsedLanes: EMPTY_SET,
    reveal: null,
    readOnly,
  };
}

export function createMapStore(view: MapView, readOnly: string | null = null): MapStore {
  let state = initialMapState(view, readOnly);
  let pendingFocus: string[] | null = null;
  let revealer: ((id: string, sync: boolean) => HTMLElement | null) | null = null;
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const l of [...listeners]) l();
  };

  return {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (update) => {
      const u = typeof update === "function" ? update(state) : update;
      const keys = Object.keys(u) as (keyof MapUpdate)[];
      if (keys.every((k) => Object.is(state[k], u[k]))) return;
      state = { ...state, ...u };
      emit();
    },
    setSession: (session, feedbackChanged = [], replaced = null, countsAsEdit = true) => {
      const prev = state;
      const touchpoints = session.view.touchpoints;
      const same = touchpoints === prev.session.view.touchpoints;
      const quick = same || replaced === null ? null : replaceIn(prev.cells, prev.byId, replaced);
      let feedbackVersions = prev.feedbackVersions;
      if (feedbackChanged.length > 0) {
        const next = new Map(feedbackVersions);
        for (const id of feedbackChanged) next.set(id, (next.get(id) ?? 0) + 1);
        feedbackVersions = next;
      }
      state = {
        ...prev,
        session,
        cells: same ? prev.cells : (quick?.cells ?? groupByCell(touchpoints, prev.cells)),
        byId: same ? prev.byId : (quick?.byId ?? byIdOf(touchpoints)),
        feedbackVersions,
        editVersion: countsAsEdit ? prev.editVersion + 1 : prev.editVersion,
      };
      emit();
    },
    requestFocus: (...selectors) => {
      pendingFocus = selectors;
    },
    takeFocusRequest: () => {
      const s = pendingFocus;
      pendingFocus = null;
      return s;
    },
    setCardRevealer: (reveal) => {
      revealer = reveal;
    },
    revealCard: (id, sync = false) => (revealer === null ? document.querySelector<HTMLElement>(cardSelector(id)) : revealer(id, sync)),
  };
}

/**
 * The cells and the index with these touchpoints replaced in place: a copy of each cell
 * that holds one (the others keep their arrays) and of the index. Null when one of them
 * is new or changed cell: then everything is regrouped.
 */
function replaceIn(
  cells: CellMap,
  byId: ReadonlyMap<string, TouchpointDto>,
  replaced: readonly TouchpointDto[],
): { cells: CellMap; byId: ReadonlyMap<string, TouchpointDto> } | null {
  const nextCells = new Map(cells);
  const nextById = new Map(byId);
  for (const t of replaced) {
    const old = byId.get(t.id);
    if (old === undefined || old.stageId !== t.stageId || old.laneId !== t.laneId) return null;
    const key = cellKey(t.stageId, t.laneId);
    const items = nextCells.get(key);
    const at = items?.indexOf(nextById.get(t.id) ?? old) ?? -1;
    if (items === undefined || at < 0) return null;
    const copy = items === cells.get(key) ? [...items] : (items as TouchpointDto[]);
    copy[at] = t;
    nextCells.set(key, copy);
    nextById.set(t.id, t);
  }
  return { cells: nextCells, byId: nextById };
}

/**
 * Brings a card on screen and, with `focus`, gives it focus once it is rendered: from an
 * effect a big board renders it with its next frame, so it is looked for again for a
 * few frames.
 */
export function focusCard(store: MapStore, id: string, focus: boolean): void {
  const done = (el: HTMLElement) => {
    el.scrollIntoView?.({ block: "nearest", inline: "nearest" });
    if (focus) el.focus({ preventScroll: true });
  };
  const el = store.revealCard(id);
  if (el !== null) {
    done(el);
    return;
  }
  let tries = 0;
  const again = () => {
    const found = document.querySelector<HTMLElement>(cardSelector(id));
    if (found !== null) done(found);
    else if (++tries < 10) requestAnimationFrame(again);
  };
  requestAnimationFrame(again);
}

function byIdOf(touchpoints: readonly TouchpointDto[]): ReadonlyMap<string, TouchpointDto> {
  return new Map(touchpoints.map((t) => [t.id, t]));
}

// Selectors. Each returns a slice of the state as it is (or a primitive), never a new
// object, so `useSyncExternalStore` sees no change unless the slice changed.
export const selectSession = (s: MapState) => s.session;
export const selectView = (s: MapState) => s.session.view;
export const selectMeta = (s: MapState) => s.session.view.map;
export const selectMetrics = (s: MapState) => s.session.view.metrics;
export const selectStages = (s: MapState) => s.session.view.stages;
export const selectLanes = (s: MapState) => s.session.view.lanes;
export const selectTouchpoints = (s: MapState) => s.session.view.touchpoints;
export const selectLinks = (s: MapState) => s.session.view.links;
export const selectDecisions = (s: MapState) => s.session.view.decisions;
export const selectCanUndo = (s: MapState) => s.session.view.canUndo;
export const selectCanRedo = (s: MapState) => s.session.view.canRedo;
export const selectLayoutKey = (s: MapState) => s.session.layoutKey;
export const selectCells = (s: MapState) => s.cells;
export const selectById = (s: MapState) => s.byId;
export const selectSelection = (s: MapState) => s.selection;
export const selectSelectedLinkId = (s: MapState) => s.selectedLinkId;
export const selectLinkMode = (s: MapState) => s.linkMode;
export const selectLinking = (s: MapState) => s.linkMode !== null;
export const selectAdding = (s: MapState) => s.adding;
/** The cell's open new-card input, if it is this cell's. */
export const selectAddingCardIn = (stageId: string, laneId: string) => (s: MapState) =>
  s.addingCard !== null && s.addingCard.stageId === stageId && s.addingCard.laneId === laneId ? s.addingCard : null;
/** Whether the touchpoint panel opened to add a quote (its feedback form first). */
export const selectQuoting = (s: MapState) => s.selection?.kind === "touchpoint" && s.selection.quote === true;
export const selectMode = (s: MapState) => s.mode;
export const selectReadOnly = (s: MapState) => s.readOnly;
export const selectScreen = (s: MapState) => s.screen;
export const selectEditVersion = (s: MapState) => s.editVersion;
export const selectAnalysis = (s: MapState) => s.analysis;
export const selectInsightOpen = (s: MapState) => s.insightOpen;
export const selectPathOn = (s: MapState) => s.pathOn;
export const selectPathLinks = (s: MapState) => (s.pathOn ? s.pathLinks : null);
export const selectPathActive = (s: MapState) => s.pathOn && s.pathTouchpoints !== null;
export const selectFilter = (s: MapState) => s.filter;
export const selectMatches = (s: MapState) => s.matches;
export const selectFiltered = (s: MapState) => s.matches !== null;
export const selectHeatMetric = (s: MapState) => s.heatMetric;
export const selectZoom = (s: MapState) => s.zoom;
export const selectCollapsedStages = (s: MapState) => s.collapsedStages;
export const selectCollapsedLanes = (s: MapState) => s.collapsedLanes;
/** The evidence rules' minimum n (the default until an analysis has arrived). */
export const selectMinN = (s: MapState) => s.analysis?.rules.minN ?? 5;
/** Whether a card is on the highlighted path. */
export const selectOnPath = (id: string) => (s: MapState) => s.pathOn && (s.pathTouchpoints?.has(id) ?? false);
/** Whether a card matches the filter (null when no filter is set). */
export const selectMatch = (id: string) => (s: MapState) => (s.matches === null ? null : s.matches.has(id));

/** The selected touchpoint, if the selection is one that still exists. */
export const selectSelectedTouchpoint = (s: MapState): TouchpointDto | undefined =>
  s.selection?.kind === "touchpoint" ? s.byId.get(s.selection.id) : undefined;
/** The selected stage, if the selection is one that still exists. */
export const selectSelectedStage = (s: MapState) => {
  const sel = s.selection;
  return sel?.kind === "stage" ? s.session.view.stages.find((x) => x.id === sel.id) : undefined;
};
/** The selected link (the link panel), if the selection is one that still exists. */
export const selectSelectedLink = (s: MapState) => {
  const sel = s.selection;
  return sel?.kind === "link" ? s.session.view.links.find((x) => x.id === sel.id) : undefined;
};
export const selectSelectedTouchpointId = (s: MapState) => selectSelectedTouchpoint(s)?.id ?? null;
export const selectSelectedStageId = (s: MapState) => selectSelectedStage(s)?.id ?? null;
export const selectFeedbackVersion = (id: string) => (s: MapState) => s.feedbackVersions.get(id) ?? 0;

export const MapStoreContext = createContext<MapStore | null>(null);

export function useMapStore(): MapStore {
  const store = useContext(MapStoreContext);
  if (store === null) throw new Error("useMapStore needs a MapStoreContext provider");
  return store;
}

/** The slice `selector` picks from the store's state; re-renders only when it changes. */
export function useStoreSelector<T>(store: MapStore, selector: (s: MapState) => T): T {
  return useSyncExternalStore(store.subscribe, () => selector(store.get()));
}

const noSubscribe = () => () => {};

/** Like `useMapSelector`, but gives `fallback` outside a map store (a card rendered alone). */
export function useOptionalMapSelector<T>(selector: (s: MapState) => T, fallback: T): T {
  const store = useContext(MapStoreContext);
  return useSyncExternalStore(store === null ? noSubscribe : store.subscribe, () => (store === null ? fallback : selector(store.get())));
}

/** The slice `selector` picks from the open map's state (the store of the nearest provider). */
export function useMapSelector<T>(selector: (s: MapState) => T): T {
  return useStoreSelector(useMapStore(), selector);
}
