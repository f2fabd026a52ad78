// One open map: toolbar, header, the current view (the board) and the side panel. Owns
// the map store (the view, the selection, link-picking mode, the mode and which view is
// shown), the edit queue and the window's keydown handler, which runs the action table.
import { type ComponentType, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { LinkKind, MapView } from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { decisionCounts } from "../../lib/decisions";
import { NO_FILTER } from "../../lib/filter";
import { WINDOW_FROM } from "../../lib/windowing";
import { fitZoom, zoomIn, zoomOut } from "../../lib/zoom";
import { Panel } from "../common/Panel";
import { useReadOnly } from "../common/readOnly";
import { useImport } from "../common/useImport";
import { DecisionsView } from "../decisions/DecisionsView";
import { EvidenceView } from "../insight/EvidenceView";
import { HeatmapView } from "../insight/HeatmapView";
import { InsightPanel } from "../insight/InsightPanel";
import { LinkPanel } from "../links/LinkPanel";
import { useMessages } from "../messages/messages";
import { StagePanel } from "../stages/StagePanel";
import { TouchpointPanel } from "../touchpoints/TouchpointPanel";
import { openPresentation, PresentationScreen } from "../workshop/Presentation";
import { VotingView } from "../workshop/Voting";
import { type GlobalActionName, type GlobalCommands, type GlobalContext, handleGlobalKey, runAction } from "./actions";
import { Board } from "./Board";
import { BOARD_GRID_SELECTOR, BOARD_SCROLL_SELECTOR, BoardActionsContext, cardSelector, FILTER_SEARCH_SELECTOR } from "./boardActions";
import { FilterBar } from "./FilterBar";
import { MapHeader } from "./MapHeader";
import { MapPanel } from "./MapPanel";
import { MapToolbar } from "./MapToolbar";
import {
  createMapStore,
  focusCard,
  type MapScreenKind,
  type MapStore,
  MapStoreContext,
  selectById,
  selectCells,
  selectCollapsedLanes,
  selectCollapsedStages,
  selectDecisions,
  selectFeedbackVersion,
  selectInsightOpen,
  selectLanes,
  selectLayoutKey,
  selectLinking,
  selectLinks,
  selectMeta,
  selectMetrics,
  selectMinN,
  selectMode,
  selectPathActive,
  selectPathLinks,
  selectQuoting,
  selectScreen,
  selectSelectedLink,
  selectSelectedLinkId,
  selectSelectedStage,
  selectSelectedStageId,
  selectSelectedTouchpoint,
  selectSelectedTouchpointId,
  selectSelection,
  selectSession,
  selectStages,
  selectTouchpoints,
  selectZoom,
  useMapSelector,
  useMapStore,
  useStoreSelector,
} from "./mapStore";
import { useBoardHandlers } from "./useBoardHandlers";
import { useAnalysis, useFilterMatches, usePathHighlight } from "./useMapInsight";
import { type Edit, useLibrarySync, useMapSession, usePaintMarks } from "./useMapSession";
import "./board.css";

type Props = {
  initialView: MapView;
  onLibrary: () => void;
  onOpenMap: (id: string) => Promise<boolean>;
};

/** The map's views, one shown at a time according to the store's `screen` (given the edit queue). */
const VIEWS: Record<MapScreenKind, ComponentType<{ edit: Edit }>> = {
  board: BoardView,
  heatmap: HeatmapView,
  evidence: EvidenceScreen,
  decisions: DecisionsScreen,
  voting: VotingView,
};

export function MapScreen({ initialView, onLibrary, onOpenMap }: Props) {
  const messages = useMessages();
  const readOnly = useReadOnly();
  // A map is opened afresh after every start, so the flag is fixed for the store's life.
  const [store] = useState(() => createMapStore(initialView, readOnly));
  const { edit } = useMapSession(store);
  const mapId = initialView.map.id;
  const screen = useStoreSelector(store, selectScreen);
  const mode = useStoreSelector(store, selectMode);
  const View = VIEWS[screen];

  const actions = useBoardHandlers({ store, edit, showStatus: messages.showStatus });
  useAnalysis(store, mapId, messages.showError);
  useLibrarySync(store, messages.showError);
  usePathHighlight(store);
  useFilterMatches(store, mapId, messages.showError);

  // The latest props, read by the commands below, which are built once.
  const propsRef = useRef({ onLibrary, onOpenMap });
  propsRef.current = { onLibrary, onOpenMap };
  const startImport = useImport((out) => {
    if (out.mapId !== null) void propsRef.current.onOpenMap(out.mapId);
  });

  const closePanel = useCallback(() => closePanelOf(store), [store]);

  const context = useMemo<GlobalContext>(() => {
    const commands: GlobalCommands = {
      undo: () => void edit((id) => ipc.undo(id)),
      redo: () => void edit((id) => ipc.redo(id)),
      // Escape: leaves link-picking mode, else closes the panel.
      closePanel: () => {
        if (store.get().linkMode !== null) store.set({ linkMode: null });
        else closePanelOf(store);
      },
      toLibrary: () => propsRef.current.onLibrary(),
      startAdding: (what) => store.set(what === "stage" ? { adding: what, stageIndex: null } : { adding: what }),
      addStageAfterFocus: () => {
        // The stage of the focused card (its cell) or stage header; elsewhere, the end.
        const focused = document.activeElement?.closest<HTMLElement>("[data-cell], [data-stage-header]")?.dataset.stageId;
        const at = store.get().session.view.stages.findIndex((s) => s.id === focused);
        store.set({ adding: "stage", stageIndex: at < 0 ? null : at + 1 });
      },
      exportMap: async () => {
        try {
          const out = await ipc.exportMap(mapId);
          // The path isolated: a file name may hold bidi controls too.
          if (out.path !== null) messages.showStatus(`Exported to ${isolate(out.path)}`);
        } catch (e) {
          messages.showError(e);
        }
      },
      importMap: startImport,
      present: () => openPresentation(store),
      toggleInsight: () => store.set((s) => ({ insightOpen: !s.insightOpen })),
      togglePath: () => store.set((s) => ({ pathOn: !s.pathOn })),
      toggleScreen: (screen) => store.set((s) => ({ screen: s.screen === screen ? "board" : screen })),
      clearFilter: () => store.set({ filter: NO_FILTER }),
      focusSearch: () => document.querySelector<HTMLElement>(FILTER_SEARCH_SELECTOR)?.focus(),
      zoom: (how) => store.set((s) => ({ zoom: nextZoom(s.zoom, how) })),
    };
    return { state: store.get, commands };
  }, [store, edit, mapId, messages, startImport]);

  // The one keydown handler of the map screen: runs the global actions of the table.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      // The presentation has keys of its own (and takes them first).
      if (context.state().mode === "present") return;
      handleGlobalKey(e, target, context);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [context]);

  const run = useCallback((name: GlobalActionName) => void runAction(name, context), [context]);

  // The toolbar's name input stays open for the next stage or lane (focus stays in it);
  // stages typed after S go one after another behind the focused stage.
  const addStage = useCallback(
    (name: string) => {
      const at = store.get().stageIndex;
      if (at !== null) store.set({ stageIndex: at + 1 });
      void edit((id) => ipc.addStage(id, name, at));
    },
    [edit, store],
  );
  const addLane = useCallback((name: string) => void edit((id) => ipc.addLane(id, name, null)), [edit]);

  // The presentation instead of the screen: no toolbar, panel or board behind the walk.
  if (mode === "present") {
    return (
      <MapStoreContext.Provider value={store}>
        <PresentationScreen edit={edit} />
      </MapStoreContext.Provider>
    );
  }

  return (
    <MapStoreContext.Provider value={store}>
      <BoardActionsContext.Provider value={actions}>
        <div className="map-screen" data-testid="board" data-map-id={mapId}>
          <MapToolbar run={run} onAddStage={addStage} onAddLane={addLane} />
          <HeaderView />
          <div className="map-screen__body">
            <LinkModeBar />
            <View edit={edit} />
            <InsightSide />
            <SidePanel edit={edit} closePanel={closePanel} showStatus={messages.showStatus} />
          </div>
          {/* Last, so its layout effect runs after the view's (the link layer measuring). */}
          <AfterRender />
        </div>
      </BoardActionsContext.Provider>
    </MapStoreContext.Provider>
  );
}

/**
 * The zoom after Ctrl+= / Ctrl+− / Ctrl+0. Ctrl+0 fits the whole grid into the board's
 * window; pressed again once it fits (or when the map already fits), it resets to 100%.
 */
function nextZoom(z: number, how: "in" | "out" | "fit"): number {
  if (how === "in") return zoomIn(z);
  if (how === "out") return zoomOut(z);
  const grid = document.querySelector<HTMLElement>(BOARD_GRID_SELECTOR);
  const scroll = document.querySelector<HTMLElement>(BOARD_SCROLL_SELECTOR);
  if (grid === null || scroll === null) return 1;
  const fit = fitZoom({ width: grid.offsetWidth, height: grid.offsetHeight }, { width: scroll.clientWidth, height: scroll.clientHeight });
  return Math.abs(fit - z) < 0.005 ? 1 : fit;
}

/** Shows a touchpoint on the board: selects it, expands its stage and lane, and scrolls to it. */
export function showTouchpoint(store: MapStore, id: string) {
  const t = store.get().byId.get(id);
  store.set((s) => {
    const stages = new Set(s.collapsedStages);
    const lanes = new Set(s.collapsedLanes);
    // Both, not either: a card in a collapsed stage and a collapsed lane needs both open.
    const stageOpened = t !== undefined && stages.delete(t.stageId);
    const laneOpened = t !== undefined && lanes.delete(t.laneId);
    const changed = stageOpened || laneOpened;
    return {
      screen: "board",
      selection: { kind: "touchpoint", id },
      selectedLinkId: null,
      reveal: id,
      ...(changed ? { collapsedStages: stages, collapsedLanes: lanes } : null),
    };
  });
}

/** Closes the panel (and link-picking mode), moving focus back to the card it showed. */
function closePanelOf(store: MapStore) {
  const sel = store.get().selection;
  store.set({ selection: null, selectedLinkId: null, linkMode: null });
  if (sel?.kind === "touchpoint") document.querySelector<HTMLElement>(cardSelector(sel.id))?.focus();
}

/** The board with its filter bar, reading their slices of the store. */
function BoardView() {
  return (
    <div className="board-view">
      <FilterBar />
      <BoardOnly />
    </div>
  );
}

function BoardOnly() {
  // Counted once per change of the decisions (an edit elsewhere keeps the list and so the
  // map), and each card gets its own number: the memoised cards keep skipping renders.
  const decisions = useMapSelector(selectDecisions);
  const counts = useMemo(() => decisionCounts(decisions), [decisions]);
  return (
    <Board
      stages={useMapSelector(selectStages)}
      lanes={useMapSelector(selectLanes)}
      cells={useMapSelector(selectCells)}
      links={useMapSelector(selectLinks)}
      selectedTouchpointId={useMapSelector(selectSelectedTouchpointId)}
      selectedStageId={useMapSelector(selectSelectedStageId)}
      selectedLinkId={useMapSelector(selectSelectedLinkId)}
      linking={useMapSelector(selectLinking)}
      layoutKey={useMapSelector(selectLayoutKey)}
      pathActive={useMapSelector(selectPathActive)}
      pathLinks={useMapSelector(selectPathLinks)}
      zoom={useMapSelector(selectZoom)}
      collapsedStages={useMapSelector(selectCollapsedStages)}
      collapsedLanes={useMapSelector(selectCollapsedLanes)}
      minN={useMapSelector(selectMinN)}
      decisionCounts={counts}
      windowed={useMapSelector((s) => s.session.view.touchpoints.length >= WINDOW_FROM)}
      onRevealer={useMapStore().setCardRevealer}
    />
  );
}

/** Every feedback item; "show on the map" selects its card (or stage) on the board. */
function EvidenceScreen() {
  const store = useMapStore();
  const onShow = useCallback(
    (target: { touchpointId: string } | { stageId: string }) => {
      if ("touchpointId" in target) showTouchpoint(store, target.touchpointId);
      else store.set({ screen: "board", selection: { kind: "stage", id: target.stageId } });
    },
    [store],
  );
  return <EvidenceView onShow={onShow} />;
}

/** Every decision and opportunity; an item selects its card on the board. */
function DecisionsScreen() {
  const store = useMapStore();
  const onShow = useCallback((id: string) => showTouchpoint(store, id), [store]);
  return <DecisionsView onShow={onShow} />;
}

/** The insight panel, while it is open. */
function InsightSide() {
  const store = useMapStore();
  const open = useMapSelector(selectInsightOpen);
  const onShow = useCallback((id: string) => showTouchpoint(store, id), [store]);
  const onClose = useCallback(() => store.set({ insightOpen: false }), [store]);
  if (!open) return null;
  return <InsightPanel onShow={onShow} onClose={onClose} />;
}

function HeaderView() {
  const store = useMapStore();
  const onDetails = useCallback(() => store.set({ selection: { kind: "map" } }), [store]);
  const inLibrary = useMapSelector((s) => s.session.view.location === "library");
  return (
    <>
      {inLibrary && (
        <p className="library-badge" data-testid="library-badge" role="status">
          Team library map: your edits are saved there, and others' edits appear here as they make them.
        </p>
      )}
      <MapHeader
        meta={useMapSelector(selectMeta)}
        metrics={useMapSelector(selectMetrics)}
        lanes={useMapSelector(selectLanes)}
        onDetails={onDetails}
      />
    </>
  );
}

function LinkModeBar() {
  const store = useMapStore();
  const linking = useMapSelector(selectLinking);
  const fromTitle = useMapSelector((s) => (s.linkMode ? s.byId.get(s.linkMode.fromId)?.title : undefined));
  if (!linking) return null;
  return (
    <div className="link-mode-bar" role="status">
      Linking from “{fromTitle === undefined ? "?" : <bdi>{fromTitle}</bdi>}”: click the target card (or focus it and press Enter). Escape
      cancels.
      <button type="button" onClick={() => store.set({ linkMode: null })}>
        Cancel
      </button>
    </div>
  );
}

type PanelProps = { edit: Edit; closePanel: () => void; showStatus: (text: string) => void };

/** The side panel of the selection, if any. */
function SidePanel(props: PanelProps) {
  const shown = useMapSelector((s) =>
    selectSelectedTouchpoint(s)
      ? "touchpoint"
      : selectSelectedStage(s)
        ? "stage"
        : selectSelectedLink(s)
          ? "link"
          : s.selection?.kind === "map"
            ? "map"
            : null,
  );
  if (shown === "touchpoint") return <TouchpointSide {...props} />;
  if (shown === "stage") return <StageSide {...props} />;
  if (shown === "link") return <LinkSide {...props} />;
  if (shown === "map") return <MapSide {...props} />;
  return null;
}

function TouchpointSide({ edit, closePanel, showStatus }: PanelProps) {
  const store = useMapStore();
  const t = useMapSelector(selectSelectedTouchpoint);
  const touchpoints = useMapSelector(selectTouchpoints);
  const links = useMapSelector(selectLinks);
  const decisions = useMapSelector(selectDecisions);
  const selectedLinkId = useMapSelector(selectSelectedLinkId);
  const linking = useMapSelector(selectLinking);
  const refreshKey = useMapSelector(selectFeedbackVersion(t?.id ?? ""));
  const quoting = useMapSelector(selectQuoting);
  if (t === undefined) return null;
  return (
    <TouchpointPanel
      key={t.id}
      touchpoint={t}
      quoteFirst={quoting}
      touchpoints={touchpoints}
      links={links}
      decisions={decisions}
      edit={edit}
      refreshKey={refreshKey}
      selectedLinkId={selectedLinkId}
      onSelectLink={(id) => store.set({ selectedLinkId: id })}
      linkModeActive={linking}
      onStartLinkMode={(kind: LinkKind) => {
        store.set({ linkMode: { fromId: t.id, kind } });
        showStatus("Click the card to link to, or press Escape to cancel.");
      }}
      onCancelLinkMode={() => store.set({ linkMode: null })}
      onDelete={() =>
        void edit(
          (id) => ipc.deleteTouchpoint(id, t.id),
          () => store.set({ selection: null }),
        )
      }
      onClose={closePanel}
    />
  );
}

function StageSide({ edit, closePanel }: PanelProps) {
  const stage = useMapSelector(selectSelectedStage);
  const refreshKey = useMapSelector(selectFeedbackVersion(stage?.id ?? ""));
  if (stage === undefined) return null;
  return <StagePanel key={stage.id} stage={stage} edit={edit} refreshKey={refreshKey} onClose={closePanel} />;
}

function LinkSide({ edit, closePanel }: PanelProps) {
  const store = useMapStore();
  const link = useMapSelector(selectSelectedLink);
  const byId = useMapSelector(selectById);
  if (link === undefined) return null;
  return (
    <Panel title="Link" kind="link" testId="link-panel" onClose={closePanel}>
      <LinkPanel
        key={link.id}
        link={link}
        from={byId.get(link.fromId)}
        to={byId.get(link.toId)}
        edit={edit}
        onSelectTouchpoint={(id) => store.set({ selection: { kind: "touchpoint", id }, selectedLinkId: null })}
        onDeleted={() => store.set({ selection: null, selectedLinkId: null })}
      />
    </Panel>
  );
}

function MapSide({ edit, closePanel }: PanelProps) {
  const meta = useMapSelector(selectMeta);
  return <MapPanel meta={meta} edit={edit} onClose={closePanel} />;
}

/** An id as `cardSelector` wrote it into a selector (CSS.escape's backslashes removed). */
function unescapeId(escaped: string): string {
  return escaped.replace(/\\(.)/g, "$1");
}

/**
 * After each render of a new view or selection: sets the timing marks, and moves focus
 * where an edit (or F2) asked for it, once the result is on screen.
 */
function AfterRender() {
  usePaintMarks();
  const store = useMapStore();
  const session = useMapSelector(selectSession);
  const selection = useMapSelector(selectSelection);
  const reveal = useMapSelector((s) => s.reveal);
  const insightOpen = useMapSelector(selectInsightOpen);
  const screen = useMapSelector(selectScreen);

  // The panel never hides what it edits: once a panel has opened (and the board has
  // shrunk beside it), the selected card is scrolled into view; a card asked for by the
  // insight panel or the evidence view gets focus too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: opening a panel or switching views moves the board.
  useEffect(() => {
    const id = reveal ?? (selection?.kind === "touchpoint" ? selection.id : null);
    if (id === null) return;
    // On a big board the card may be off screen and not rendered: it is scrolled to,
    // and focused once rendered.
    focusCard(store, id, reveal !== null);
    if (reveal !== null) store.set({ reveal: null });
  }, [store, reveal, selection, insightOpen, screen]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new view or selection on screen is the signal to move focus.
  useEffect(() => {
    const selectors = store.takeFocusRequest();
    if (selectors === null) return;
    for (const s of selectors) {
      const el = document.querySelector<HTMLElement>(s);
      if (el) {
        el.focus();
        break;
      }
      // A card asked for by id that a big board has not rendered: scrolled to, and
      // focused once rendered.
      const card = /^\[data-card\]\[data-touchpoint-id="(.*)"\]$/.exec(s);
      if (card !== null && store.get().byId.has(unescapeId(card[1]))) {
        focusCard(store, unescapeId(card[1]), true);
        break;
      }
    }
  }, [store, session, selection]);
  return null;
}
