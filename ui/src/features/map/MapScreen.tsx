// One open map: toolbar, header, the current view (the board) and the side panel. Owns
// the map store (the view, the selection, link-picking mode, the mode and which view is
// shown), the edit queue and the window's keydown handler, which runs the action table.
import { type ComponentType, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { LinkKind, MapView } from "../../bindings";
import { ipc } from "../../ipc";
import { Panel } from "../common/Panel";
import { useImport } from "../common/useImport";
import { LinkPanel } from "../links/LinkPanel";
import { useMessages } from "../messages/messages";
import { StagePanel } from "../stages/StagePanel";
import { TouchpointPanel } from "../touchpoints/TouchpointPanel";
import { type GlobalActionName, type GlobalCommands, type GlobalContext, handleGlobalKey, runAction } from "./actions";
import { Board } from "./Board";
import { BoardActionsContext, cardSelector, laneButtonSelector, stageButtonSelector } from "./boardActions";
import { MapHeader } from "./MapHeader";
import { MapPanel } from "./MapPanel";
import { MapToolbar } from "./MapToolbar";
import {
  createMapStore,
  type MapScreenKind,
  type MapStore,
  MapStoreContext,
  selectById,
  selectCells,
  selectFeedbackVersion,
  selectLanes,
  selectLayoutKey,
  selectLinking,
  selectLinks,
  selectMeta,
  selectMetrics,
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
  useMapSelector,
  useMapStore,
  useStoreSelector,
} from "./mapStore";
import { useBoardHandlers } from "./useBoardHandlers";
import { type Edit, useMapSession, usePaintMarks } from "./useMapSession";
import "./board.css";

type Props = {
  initialView: MapView;
  onLibrary: () => void;
  onOpenMap: (id: string) => Promise<boolean>;
};

/** The map's views, one shown at a time according to the store's `screen`. */
const VIEWS: Record<MapScreenKind, ComponentType> = {
  board: BoardView,
};

export function MapScreen({ initialView, onLibrary, onOpenMap }: Props) {
  const messages = useMessages();
  const [store] = useState(() => createMapStore(initialView));
  const { edit } = useMapSession(store);
  const mapId = initialView.map.id;
  const screen = useStoreSelector(store, selectScreen);
  const View = VIEWS[screen];

  const actions = useBoardHandlers({ store, edit, showStatus: messages.showStatus });

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
      startAdding: (what) => store.set({ adding: what }),
      exportMap: async () => {
        try {
          const out = await ipc.exportMap(mapId);
          if (out.path !== null) messages.showStatus(`Exported to ${out.path}`);
        } catch (e) {
          messages.showError(e);
        }
      },
      importMap: startImport,
    };
    return { state: store.get, commands };
  }, [store, edit, mapId, messages, startImport]);

  // The one keydown handler of the map screen: runs the global actions of the table.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      handleGlobalKey(e, target, context);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [context]);

  const run = useCallback((name: GlobalActionName) => void runAction(name, context), [context]);

  const addStage = useCallback(
    (name: string) =>
      void edit(
        (id) => ipc.addStage(id, name, null),
        (r) => r.createdId && store.requestFocus(stageButtonSelector(r.createdId, "select")),
      ),
    [edit, store],
  );
  const addLane = useCallback(
    (name: string) =>
      void edit(
        (id) => ipc.addLane(id, name, null),
        (r) => r.createdId && store.requestFocus(laneButtonSelector(r.createdId, "rename")),
      ),
    [edit, store],
  );

  return (
    <MapStoreContext.Provider value={store}>
      <BoardActionsContext.Provider value={actions}>
        <div className="map-screen" data-testid="board" data-map-id={mapId}>
          <MapToolbar run={run} onAddStage={addStage} onAddLane={addLane} />
          <HeaderView />
          <LinkModeBar />
          <div className="map-screen__body">
            <View />
            <SidePanel edit={edit} closePanel={closePanel} showStatus={messages.showStatus} />
          </div>
          {/* Last, so its layout effect runs after the view's (the link layer measuring). */}
          <AfterRender />
        </div>
      </BoardActionsContext.Provider>
    </MapStoreContext.Provider>
  );
}

/** Closes the panel (and link-picking mode), moving focus back to the card it showed. */
function closePanelOf(store: MapStore) {
  const sel = store.get().selection;
  store.set({ selection: null, selectedLinkId: null, linkMode: null });
  if (sel?.kind === "touchpoint") document.querySelector<HTMLElement>(cardSelector(sel.id))?.focus();
}

/** The board, reading its slices of the store. */
function BoardView() {
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
    />
  );
}

function HeaderView() {
  const store = useMapStore();
  const onDetails = useCallback(() => store.set({ selection: { kind: "map" } }), [store]);
  return (
    <MapHeader
      meta={useMapSelector(selectMeta)}
      metrics={useMapSelector(selectMetrics)}
      lanes={useMapSelector(selectLanes)}
      onDetails={onDetails}
    />
  );
}

function LinkModeBar() {
  const store = useMapStore();
  const linking = useMapSelector(selectLinking);
  const fromTitle = useMapSelector((s) => (s.linkMode ? s.byId.get(s.linkMode.fromId)?.title : undefined));
  if (!linking) return null;
  return (
    <div className="link-mode-bar" role="status">
      Linking from “{fromTitle ?? "?"}”: click the target card (or focus it and press Enter). Escape cancels.
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
  const selectedLinkId = useMapSelector(selectSelectedLinkId);
  const linking = useMapSelector(selectLinking);
  const refreshKey = useMapSelector(selectFeedbackVersion(t?.id ?? ""));
  if (t === undefined) return null;
  return (
    <TouchpointPanel
      key={t.id}
      touchpoint={t}
      touchpoints={touchpoints}
      links={links}
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

/**
 * After each render of a new view or selection: sets the timing marks, and moves focus
 * where an edit (or F2) asked for it, once the result is on screen.
 */
function AfterRender() {
  usePaintMarks();
  const store = useMapStore();
  const session = useMapSelector(selectSession);
  const selection = useMapSelector(selectSelection);
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
    }
  }, [store, session, selection]);
  return null;
}
