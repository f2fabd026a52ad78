// One open map: toolbar, header, board and side panel. Owns the map session (the view
// and the edit queue), the selection, link-picking mode and the keyboard shortcuts.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { LinkKind, MapView } from "../../bindings";
import { ipc } from "../../ipc";
import { groupByCell, type CellMap } from "../../lib/cells";
import { historyShortcut, isTypingTarget } from "../../lib/shortcuts";
import { useImport } from "../common/useImport";
import { Panel } from "../common/Panel";
import { LinkPanel } from "../links/LinkPanel";
import { useMessages } from "../messages/messages";
import { StagePanel } from "../stages/StagePanel";
import { TouchpointPanel } from "../touchpoints/TouchpointPanel";
import { Board } from "./Board";
import { BoardActionsContext, cardSelector } from "./boardActions";
import { MapHeader } from "./MapHeader";
import { MapPanel } from "./MapPanel";
import { MapToolbar } from "./MapToolbar";
import type { LinkMode, Selection } from "./selection";
import { useBoardHandlers } from "./useBoardHandlers";
import { useMapSession } from "./useMapSession";
import "./board.css";

type Props = {
  initialView: MapView;
  onLibrary: () => void;
  onOpenMap: (id: string) => Promise<boolean>;
};

export function MapScreen({ initialView, onLibrary, onOpenMap }: Props) {
  const messages = useMessages();
  const { session, edit, latest, feedbackVersion } = useMapSession(initialView);
  const view = session.view;
  const mapId = view.map.id;

  const [selection, setSelection] = useState<Selection>(null);
  const [selectedLinkId, setSelectedLinkId] = useState<string | null>(null);
  const [linkMode, setLinkMode] = useState<LinkMode>(null);
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const linkModeRef = useRef(linkMode);
  linkModeRef.current = linkMode;
  const pendingFocus = useRef<string[] | null>(null);

  // Cells are grouped once per touchpoint list; unchanged cells keep their arrays.
  const cellsRef = useRef<CellMap | undefined>(undefined);
  const cells = useMemo(() => groupByCell(view.touchpoints, cellsRef.current), [view.touchpoints]);
  cellsRef.current = cells;
  const byId = useMemo(() => new Map(view.touchpoints.map((t) => [t.id, t])), [view.touchpoints]);

  const requestFocus = useCallback((...selectors: string[]) => {
    pendingFocus.current = selectors;
  }, []);

  const actions = useBoardHandlers({
    edit,
    latest,
    linkMode: () => linkModeRef.current,
    setLinkMode,
    selection: () => selectionRef.current,
    setSelection,
    setSelectedLinkId,
    requestFocus,
    showStatus: messages.showStatus,
  });

  // Moves focus where an edit (or F2) asked for it, once the result is on screen.
  useEffect(() => {
    const selectors = pendingFocus.current;
    if (selectors === null) return;
    pendingFocus.current = null;
    for (const s of selectors) {
      const el = document.querySelector<HTMLElement>(s);
      if (el) {
        el.focus();
        break;
      }
    }
  }, [session, selection]);

  const undo = useCallback(() => {
    if (latest().canUndo) void edit((id) => ipc.undo(id));
  }, [edit, latest]);
  const redo = useCallback(() => {
    if (latest().canRedo) void edit((id) => ipc.redo(id));
  }, [edit, latest]);

  const closePanel = useCallback(() => {
    const sel = selectionRef.current;
    setSelection(null);
    setSelectedLinkId(null);
    setLinkMode(null);
    if (sel?.kind === "touchpoint") document.querySelector<HTMLElement>(cardSelector(sel.id))?.focus();
  }, []);

  // Undo/redo shortcuts (not while typing: the field's own undo applies there) and
  // Escape, which leaves link-picking mode or closes the panel.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const which = historyShortcut(e, target);
      if (which !== null) {
        e.preventDefault();
        if (which === "undo") undo();
        else redo();
      } else if (e.key === "Escape" && !isTypingTarget(target)) {
        if (linkModeRef.current !== null) setLinkMode(null);
        else if (selectionRef.current !== null) closePanel();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [undo, redo, closePanel]);

  const exportMap = async () => {
    try {
      const out = await ipc.exportMap(mapId);
      if (out.path !== null) messages.showStatus(`Exported to ${out.path}`);
    } catch (e) {
      messages.showError(e);
    }
  };
  const startImport = useImport((out) => {
    if (out.mapId !== null) void onOpenMap(out.mapId);
  });

  const addStage = (name: string) =>
    void edit(
      (id) => ipc.addStage(id, name, null),
      (r) => r.createdId && requestFocus(`[data-testid="stage-header"][data-stage-id="${CSS.escape(r.createdId)}"] [data-action="select"]`),
    );
  const addLane = (name: string) =>
    void edit(
      (id) => ipc.addLane(id, name, null),
      (r) => r.createdId && requestFocus(`[data-testid="lane-label"][data-lane-id="${CSS.escape(r.createdId)}"] [data-action="rename"]`),
    );

  const startLinkMode = (fromId: string, kind: LinkKind) => {
    setLinkMode({ fromId, kind });
    messages.showStatus("Click the card to link to, or press Escape to cancel.");
  };
  const selectTouchpoint = (id: string) => {
    setSelection({ kind: "touchpoint", id });
    setSelectedLinkId(null);
  };

  const selectedTouchpoint = selection?.kind === "touchpoint" ? byId.get(selection.id) : undefined;
  const selectedStage = selection?.kind === "stage" ? view.stages.find((s) => s.id === selection.id) : undefined;
  const selectedLink = selection?.kind === "link" ? view.links.find((l) => l.id === selection.id) : undefined;

  let panel = null;
  if (selectedTouchpoint) {
    const t = selectedTouchpoint;
    panel = (
      <TouchpointPanel
        key={t.id}
        touchpoint={t}
        touchpoints={view.touchpoints}
        links={view.links}
        edit={edit}
        refreshKey={feedbackVersion(t.id)}
        selectedLinkId={selectedLinkId}
        onSelectLink={setSelectedLinkId}
        linkModeActive={linkMode !== null}
        onStartLinkMode={(kind) => startLinkMode(t.id, kind)}
        onCancelLinkMode={() => setLinkMode(null)}
        onDelete={() => void edit((id) => ipc.deleteTouchpoint(id, t.id), () => setSelection(null))}
        onClose={closePanel}
      />
    );
  } else if (selectedStage) {
    panel = <StagePanel key={selectedStage.id} stage={selectedStage} edit={edit} refreshKey={feedbackVersion(selectedStage.id)} onClose={closePanel} />;
  } else if (selectedLink) {
    panel = (
      <Panel title="Link" testId="link-panel" onClose={closePanel}>
        <LinkPanel
          key={selectedLink.id}
          link={selectedLink}
          from={byId.get(selectedLink.fromId)}
          to={byId.get(selectedLink.toId)}
          edit={edit}
          onSelectTouchpoint={selectTouchpoint}
          onDeleted={() => {
            setSelection(null);
            setSelectedLinkId(null);
          }}
        />
      </Panel>
    );
  } else if (selection?.kind === "map") {
    panel = <MapPanel meta={view.map} edit={edit} onClose={closePanel} />;
  }

  const linkFrom = linkMode ? byId.get(linkMode.fromId) : undefined;

  return (
    <BoardActionsContext.Provider value={actions}>
      <div className="map-screen" data-testid="board" data-map-id={mapId}>
        <MapToolbar
          canUndo={view.canUndo}
          canRedo={view.canRedo}
          onLibrary={onLibrary}
          onUndo={undo}
          onRedo={redo}
          onAddStage={addStage}
          onAddLane={addLane}
          onExport={() => void exportMap()}
          onImport={startImport}
        />
        <MapHeader meta={view.map} metrics={view.metrics} lanes={view.lanes} onDetails={() => setSelection({ kind: "map" })} />
        {linkMode !== null && (
          <div className="link-mode-bar" role="status">
            Linking from “{linkFrom?.title ?? "?"}”: click the target card (or focus it and press Enter). Escape cancels.
            <button type="button" onClick={() => setLinkMode(null)}>
              Cancel
            </button>
          </div>
        )}
        <div className="map-screen__body">
          <Board
            stages={view.stages}
            lanes={view.lanes}
            cells={cells}
            links={view.links}
            selectedTouchpointId={selectedTouchpoint?.id ?? null}
            selectedStageId={selectedStage?.id ?? null}
            selectedLinkId={selectedLinkId}
            linking={linkMode !== null}
            layoutKey={session.layoutKey}
          />
          {panel}
        </div>
      </div>
    </BoardActionsContext.Provider>
  );
}
