// Builds the board's actions once per open map. Each handler reads the latest state
// from the map store (or through a ref), so the object never changes and memoised cards
// never re-render for it. A focused card's keys run the card actions of the action table.

import type { DragEvent, KeyboardEvent } from "react";
import { useMemo, useRef } from "react";
import type { MapView, TouchpointDto } from "../../bindings";
import { ipc } from "../../ipc";
import type { CellMap } from "../../lib/cells";
import { cellItems } from "../../lib/cells";
import { dropIndex, keyboardMoveTarget, type MoveKey } from "../../lib/keyboardMove";
import { type CardContext, handleCardKey } from "./actions";
import {
  addButtonSelector,
  type BoardActions,
  cardSelector,
  DRAG_TYPE,
  fieldSelector,
  laneButtonSelector,
  showLaneSelector,
  stageButtonSelector,
} from "./boardActions";
import type { MapStore } from "./mapStore";
import type { Edit } from "./useMapSession";

export type BoardDeps = {
  store: MapStore;
  edit: Edit;
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
    const d = () => {
      const { store, edit, showStatus } = depsRef.current;
      return {
        edit,
        showStatus,
        latest: (): MapView => store.get().session.view,
        linkMode: () => store.get().linkMode,
        selection: () => store.get().selection,
        set: store.set,
        requestFocus: store.requestFocus,
      };
    };
    let dragging: string | null = null;

    /** The cells of the latest view (the store groups them once per touchpoint list). */
    const cells = (): CellMap => depsRef.current.store.get().cells;

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
          if (sel?.kind === "touchpoint" && sel.id === t.id) d().set({ selection: null });
          d().requestFocus(...(neighbour ? [cardSelector(neighbour.id)] : []), addButtonSelector(t.stageId, t.laneId));
        },
      );
    };

    const activateCard = (id: string) => {
      const mode = d().linkMode();
      if (mode !== null) {
        if (id === mode.fromId) return;
        d().set({ linkMode: null });
        d().edit(
          (mapId) => ipc.addLink(mapId, mode.fromId, id, { kind: mode.kind, label: null }),
          (r) => {
            d().showStatus("Link added");
            if (r.createdId) d().set({ selectedLinkId: r.createdId });
          },
        );
        return;
      }
      d().set({ selection: { kind: "touchpoint", id }, selectedLinkId: null });
    };

    const stageFields = (v: MapView, id: string) => {
      const s = v.stages.find((x) => x.id === id) ?? missing("stage");
      return { name: s.name, description: s.description, pain: s.pain, emotion: s.emotion };
    };
    const laneFields = (v: MapView, id: string) => {
      const l = v.lanes.find((x) => x.id === id) ?? missing("lane");
      return { name: l.name, hidden: l.hidden };
    };
    const stageButton = (id: string, action: string) => `${stageButtonSelector(id, action)}:not(:disabled)`;
    const laneButton = (id: string, action: string) => `${laneButtonSelector(id, action)}:not(:disabled)`;

    const cardContext: CardContext = {
      state: () => depsRef.current.store.get(),
      commands: {
        activate: activateCard,
        edit: (id: string) => {
          // Opens the panel and moves focus into its title field.
          d().requestFocus(fieldSelector("touchpoint", "title"));
          d().set({ selection: { kind: "touchpoint", id }, selectedLinkId: null });
        },
        delete: deleteTouchpoint,
        move: (t: TouchpointDto, e: MoveKey) => {
          const v = d().latest();
          const current = v.touchpoints.find((x) => x.id === t.id) ?? t;
          const stageIds = v.stages.map((s) => s.id);
          const laneIds = v.lanes.filter((l) => !l.hidden).map((l) => l.id);
          const target = keyboardMoveTarget(stageIds, laneIds, cells(), current, e);
          if (target) moveTouchpoint(t.id, target.stageId, target.laneId, target.index);
        },
      },
    };

    return {
      activateCard,

      cardKeyDown: (e: KeyboardEvent<HTMLElement>, t: TouchpointDto) => {
        if (e.target !== e.currentTarget) return;
        handleCardKey(e, t, cardContext);
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
        return d()
          .latest()
          .touchpoints.some((t) => t.id === id)
          ? id
          : null;
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

      selectStage: (id: string) => d().set({ selection: { kind: "stage", id } }),
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
            if (sel?.kind === "stage" && sel.id === id) d().set({ selection: null });
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
          () => d().requestFocus(hidden ? showLaneSelector() : laneButton(id, "hide")),
        );
      },
      deleteLane: (id: string) => {
        d().edit((mapId) => ipc.deleteLane(mapId, id));
      },

      selectLink: (id: string) => {
        d().set({ selection: { kind: "link", id }, selectedLinkId: id });
      },

      toggleStageCollapsed: (id: string) => {
        d().set((s) => ({ collapsedStages: toggled(s.collapsedStages, id) }));
      },
      toggleLaneCollapsed: (id: string) => {
        d().set((s) => ({ collapsedLanes: toggled(s.collapsedLanes, id) }));
      },
    };
  }, []);
}

/** A copy of the set with the id added, or removed when it was there. */
function toggled(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}
