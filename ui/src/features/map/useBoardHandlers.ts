// Builds the board's actions once per open map. Each handler reads the latest state
// through refs, so the object never changes and memoised cards never re-render for it.
import { useMemo, useRef } from "react";
import type { DragEvent, KeyboardEvent } from "react";
import type { MapView, TouchpointDto } from "../../bindings";
import { ipc } from "../../ipc";
import { cellItems, groupByCell, type CellMap } from "../../lib/cells";
import { dropIndex, isMoveKey, keyboardMoveTarget } from "../../lib/keyboardMove";
import { addButtonSelector, cardSelector, DRAG_TYPE, type BoardActions } from "./boardActions";
import type { LinkMode, Selection } from "./selection";
import type { Edit } from "./useMapSession";

export type BoardDeps = {
  edit: Edit;
  latest: () => MapView;
  linkMode: () => LinkMode;
  setLinkMode: (mode: LinkMode) => void;
  selection: () => Selection;
  setSelection: (s: Selection) => void;
  setSelectedLinkId: (id: string | null) => void;
  /** Focuses the first element matching one of the selectors after the next render. */
  requestFocus: (...selectors: string[]) => void;
  showStatus: (text: string) => void;
};

/** Raised inside an edit when what it needs has gone (an undo removed it, say). */
function missing(what: string): never {
  throw { code: "not_found", message: `That ${what} no longer exists.`, problems: [] };
}

export function useBoardHandlers(deps: BoardDeps): BoardActions {
  const depsRef = useRef(deps);
  depsRef.current = deps;

  return useMemo<BoardActions>(() => {
    const d = () => depsRef.current;
    let dragging: string | null = null;
    let cellsCache: { touchpoints: readonly TouchpointDto[]; cells: CellMap } | null = null;

    /** The cells of the latest view, grouped once per touchpoint list. */
    const cells = (): CellMap => {
      const touchpoints = d().latest().touchpoints;
      if (cellsCache?.touchpoints !== touchpoints) cellsCache = { touchpoints, cells: groupByCell(touchpoints) };
      return cellsCache.cells;
    };

    const moveTouchpoint = (id: string, stageId: string, laneId: string, index: number) => {
      d().edit(
        (mapId) => ipc.moveTouchpoint(mapId, id, stageId, laneId, index),
        () => d().requestFocus(cardSelector(id)),
      );
    };

    const deleteTouchpoint = (t: TouchpointDto) => {
      const items = cellItems(cells(), t.stageId, t.laneId);
      const at = items.findIndex((x) => x.id === t.id);
      const neighbour = items[at + 1] ?? items[at - 1];
      d().edit(
        (mapId) => ipc.deleteTouchpoint(mapId, t.id),
        () => {
          const sel = d().selection();
          if (sel?.kind === "touchpoint" && sel.id === t.id) d().setSelection(null);
          d().requestFocus(...(neighbour ? [cardSelector(neighbour.id)] : []), addButtonSelector(t.stageId, t.laneId));
        },
      );
    };

    const activateCard = (id: string) => {
      const mode = d().linkMode();
      if (mode !== null) {
        if (id === mode.fromId) return;
        d().setLinkMode(null);
        d().edit(
          (mapId) => ipc.addLink(mapId, mode.fromId, id, { kind: mode.kind, label: null }),
          (r) => {
            d().showStatus("Link added");
            if (r.createdId) d().setSelectedLinkId(r.createdId);
          },
        );
        return;
      }
      d().setSelection({ kind: "touchpoint", id });
      d().setSelectedLinkId(null);
    };

    const stageFields = (v: MapView, id: string) => {
      const s = v.stages.find((x) => x.id === id) ?? missing("stage");
      return { name: s.name, description: s.description, pain: s.pain, emotion: s.emotion };
    };
    const laneFields = (v: MapView, id: string) => {
      const l = v.lanes.find((x) => x.id === id) ?? missing("lane");
      return { name: l.name, hidden: l.hidden };
    };
    const stageButton = (id: string, action: string) =>
      `[data-testid="stage-header"][data-stage-id="${CSS.escape(id)}"] [data-action="${action}"]:not(:disabled)`;
    const laneButton = (id: string, action: string) =>
      `[data-testid="lane-label"][data-lane-id="${CSS.escape(id)}"] [data-action="${action}"]:not(:disabled)`;

    return {
      activateCard,

      cardKeyDown: (e: KeyboardEvent<HTMLElement>, t: TouchpointDto) => {
        if (e.target !== e.currentTarget) return;
        if ((e.key === "Enter" || e.key === " ") && !e.altKey && !e.ctrlKey && !e.metaKey) {
          e.preventDefault();
          activateCard(t.id);
        } else if (e.key === "F2" && !e.altKey && !e.ctrlKey && !e.metaKey) {
          // Opens the panel and moves focus into its title field.
          e.preventDefault();
          d().requestFocus('[data-testid="detail"] [data-testid="field-title"]');
          d().setSelection({ kind: "touchpoint", id: t.id });
          d().setSelectedLinkId(null);
        } else if (e.key === "Delete" && !e.altKey && !e.ctrlKey && !e.metaKey) {
          e.preventDefault();
          deleteTouchpoint(t);
        } else if (isMoveKey(e)) {
          e.preventDefault();
          const v = d().latest();
          const current = v.touchpoints.find((x) => x.id === t.id) ?? t;
          const stageIds = v.stages.map((s) => s.id);
          const laneIds = v.lanes.filter((l) => !l.hidden).map((l) => l.id);
          const target = keyboardMoveTarget(stageIds, laneIds, cells(), current, e);
          if (target) moveTouchpoint(t.id, target.stageId, target.laneId, target.index);
        }
      },

      dragStart: (e: DragEvent<HTMLElement>, id: string) => {
        dragging = id;
        e.dataTransfer.setData(DRAG_TYPE, id);
        e.dataTransfer.effectAllowed = "move";
        e.currentTarget.classList.add("card--dragging");
      },
      dragEnd: (e: DragEvent<HTMLElement>) => {
        dragging = null;
        e.currentTarget.classList.remove("card--dragging");
      },
      isCardDrag: (e: DragEvent<HTMLElement>) =>
        dragging !== null || e.dataTransfer.types.includes(DRAG_TYPE) || e.dataTransfer.types.includes("text/plain"),
      droppedId: (e: DragEvent<HTMLElement>) => {
        const id = dragging ?? (e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData("text/plain"));
        dragging = null;
        if (!id) return null;
        return d().latest().touchpoints.some((t) => t.id === id) ? id : null;
      },
      dropOnCell: (stageId: string, laneId: string, movingId: string, beforeId: string | null) => {
        const items = cellItems(cells(), stageId, laneId);
        const index = dropIndex(items, movingId, beforeId);
        if (items.findIndex((t) => t.id === movingId) === index) return;
        moveTouchpoint(movingId, stageId, laneId, index);
      },

      addTouchpoint: (stageId: string, laneId: string, title: string) => {
        d().edit(
          (mapId) => ipc.addTouchpoint(mapId, stageId, laneId, title, null),
          (r) => {
            if (r.createdId) d().requestFocus(cardSelector(r.createdId));
          },
        );
      },

      selectStage: (id: string) => d().setSelection({ kind: "stage", id }),
      renameStage: (id: string, name: string) => {
        d().edit((mapId, v) => ipc.updateStage(mapId, id, { ...stageFields(v, id), name }));
      },
      moveStage: (id: string, step: -1 | 1) => {
        const stages = d().latest().stages;
        const index = stages.findIndex((s) => s.id === id) + step;
        if (index < 0 || index >= stages.length) return;
        const action = step < 0 ? "move-left" : "move-right";
        const other = step < 0 ? "move-right" : "move-left";
        d().edit(
          (mapId) => ipc.moveStage(mapId, id, index),
          () => d().requestFocus(stageButton(id, action), stageButton(id, other)),
        );
      },
      deleteStage: (id: string) => {
        d().edit(
          (mapId) => ipc.deleteStage(mapId, id),
          () => {
            const sel = d().selection();
            if (sel?.kind === "stage" && sel.id === id) d().setSelection(null);
          },
        );
      },

      renameLane: (id: string, name: string) => {
        d().edit((mapId, v) => ipc.updateLane(mapId, id, { ...laneFields(v, id), name }));
      },
      moveLane: (id: string, step: -1 | 1) => {
        // Moves past the neighbouring visible lane, so hidden lanes never swallow a move.
        const lanes = d().latest().lanes;
        let j = lanes.findIndex((l) => l.id === id) + step;
        while (j >= 0 && j < lanes.length && lanes[j].hidden) j += step;
        if (j < 0 || j >= lanes.length) return;
        const action = step < 0 ? "move-up" : "move-down";
        const other = step < 0 ? "move-down" : "move-up";
        d().edit(
          (mapId) => ipc.moveLane(mapId, id, j),
          () => d().requestFocus(laneButton(id, action), laneButton(id, other)),
        );
      },
      setLaneHidden: (id: string, hidden: boolean) => {
        d().edit(
          (mapId, v) => ipc.updateLane(mapId, id, { ...laneFields(v, id), hidden }),
          () => d().requestFocus(hidden ? '[data-testid="show-lane"]' : laneButton(id, "hide")),
        );
      },
      deleteLane: (id: string) => {
        d().edit((mapId) => ipc.deleteLane(mapId, id));
      },

      selectLink: (id: string) => {
        d().setSelection({ kind: "link", id });
        d().setSelectedLinkId(id);
      },
    };
  }, []);
}
