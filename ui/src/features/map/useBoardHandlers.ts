// Builds the board's actions once per open map. Each handler reads the latest state
// from the map store (or through a ref), so the object never changes and memoised cards
// never re-render for it. A focused card's keys run the card actions of the action table.

import type { DragEvent, KeyboardEvent } from "react";
import { useMemo, useRef } from "react";
import type { MapView, TouchpointDto, TouchpointFields } from "../../bindings";
import { ipc } from "../../ipc";
import type { CellMap } from "../../lib/cells";
import { cellItems, nextInReadingOrder, previousInReadingOrder } from "../../lib/cells";
import { dropIndex, keyboardMoveTarget, type MoveKey } from "../../lib/keyboardMove";
import { WINDOW_FROM } from "../../lib/windowing";
import { type CardContext, handleCardKey, TEN_WINDOW_MS } from "./actions";
import {
  addButtonSelector,
  type BoardActions,
  CARD_SELECTOR,
  cardSelector,
  DRAG_TYPE,
  fieldSelector,
  laneButtonSelector,
  showLaneSelector,
  stageButtonSelector,
} from "./boardActions";
import { type AddingCard, type MapStore, selectAddingCardIn } from "./mapStore";
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

    const touchpointFields = (v: MapView, id: string): TouchpointFields => {
      const t = v.touchpoints.find((x) => x.id === id) ?? missing("touchpoint");
      return { title: t.title, description: t.description, channel: t.channel, owner: t.owner, pain: t.pain, emotion: t.emotion };
    };
    /** One save of a score, built on the latest stored fields (so quick successive keys never undo each other). */
    const saveScore = (id: string, patch: Pick<Partial<TouchpointFields>, "pain" | "emotion">) => {
      d().edit((mapId, v) => ipc.updateTouchpoint(mapId, id, { ...touchpointFields(v, id), ...patch }), undefined, {
        touchpointId: id,
        fields: patch,
      });
    };

    // The card on which a 1 was just pressed: a 0 on it before the timer ends makes 10.
    // The 1 is saved at once, not held back: every digit shows on the card as it is
    // pressed and the common scores wait for nothing; a 10 costs one more save (and one
    // more undo step) than the others.
    let afterOne: { id: string; timer: ReturnType<typeof setTimeout> } | null = null;
    const endTen = () => {
      if (afterOne !== null) clearTimeout(afterOne.timer);
      afterOne = null;
    };

    /** Moves focus to the card after this one in reading order (the board's, as Tab goes), if any. */
    const focusNextCard = (id: string) => {
      const { store } = depsRef.current;
      const state = store.get();
      if (state.session.view.touchpoints.length >= WINDOW_FROM) {
        // A big board renders only what is in view: the next card is found in the data,
        // then brought on screen.
        const v = state.session.view;
        const next = nextInReadingOrder(state.cells, v.stages, v.lanes, state.collapsedStages, state.collapsedLanes, id);
        if (next !== null) store.revealCard(next, true)?.focus();
        return;
      }
      const cards = [...document.querySelectorAll<HTMLElement>(CARD_SELECTOR)];
      const at = cards.findIndex((el) => el.dataset.touchpointId === id);
      if (at >= 0) cards[at + 1]?.focus();
    };

    /** The open new-card input of this cell, if any. */
    const inputIn = (stageId: string, laneId: string): AddingCard | null =>
      selectAddingCardIn(stageId, laneId)(depsRef.current.store.get());

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
        setPain: (t: TouchpointDto, digit: number) => {
          const ten = digit === 0 && afterOne?.id === t.id;
          endTen();
          if (digit === 1) {
            const timer = setTimeout(() => {
              afterOne = null;
            }, TEN_WINDOW_MS);
            afterOne = { id: t.id, timer };
          }
          saveScore(t.id, { pain: ten ? 10 : digit });
        },
        setEmotion: (t: TouchpointDto, emotion: number) => {
          saveScore(t.id, { emotion });
          // The emotion is a card's second value: the next key scores the next card.
          focusNextCard(t.id);
        },
        addAfter: (t: TouchpointDto) => {
          const cur = depsRef.current.store.get().byId.get(t.id) ?? t;
          d().set({ addingCard: { stageId: cur.stageId, laneId: cur.laneId, afterId: cur.id } });
        },
        addQuote: (id: string) => {
          d().requestFocus(fieldSelector("touchpoint", "feedback-text"));
          d().set({ selection: { kind: "touchpoint", id, quote: true }, selectedLinkId: null });
        },
      },
    };

    return {
      activateCard,

      cardKeyDown: (e: KeyboardEvent<HTMLElement>, t: TouchpointDto) => {
        if (e.target !== e.currentTarget) return;
        // A big board renders only the cards in view, so Tab cannot find the next card in
        // the page: it goes from card to card in reading order, bringing each on screen.
        const { store } = depsRef.current;
        const state = store.get();
        if (e.key === "Tab" && !e.altKey && !e.ctrlKey && !e.metaKey && state.session.view.touchpoints.length >= WINDOW_FROM) {
          const v = state.session.view;
          const args = [state.cells, v.stages, v.lanes, state.collapsedStages, state.collapsedLanes, t.id] as const;
          const to = e.shiftKey ? previousInReadingOrder(...args) : nextInReadingOrder(...args);
          if (to !== null) {
            e.preventDefault();
            store.revealCard(to, true)?.focus();
          }
          return;
        }
        const ran = handleCardKey(e, t, cardContext);
        // Any other command ends the window in which a 0 would make a 1 into 10.
        if (ran !== null && ran.name !== "setPain") endTen();
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

      openCardInput: (stageId: string, laneId: string) => d().set({ addingCard: { stageId, laneId, afterId: null } }),
      closeCardInput: (stageId: string, laneId: string) => {
        if (inputIn(stageId, laneId) !== null) d().set({ addingCard: null });
      },
      addTouchpoint: (stageId: string, laneId: string, title: string) => {
        // The input stays open for the next card, so focus stays in it. A card typed
        // after another goes right after it, and the next one after the new card: the
        // place is read when the command runs, after any earlier add has answered.
        const typedAfter = inputIn(stageId, laneId)?.afterId ?? null;
        d().edit(
          (mapId, v) => {
            const open = inputIn(stageId, laneId);
            const after = open === null ? typedAfter : open.afterId;
            return ipc.addTouchpoint(mapId, stageId, laneId, title, after === null ? null : indexAfter(v, stageId, laneId, after));
          },
          (r) => {
            const open = inputIn(stageId, laneId);
            if (open !== null && open.afterId !== null && r.createdId) d().set({ addingCard: { ...open, afterId: r.createdId } });
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

/** The index in its cell right after the card `afterId` (null, the end, when it has gone). */
function indexAfter(v: MapView, stageId: string, laneId: string, afterId: string): number | null {
  const items = v.touchpoints.filter((t) => t.stageId === stageId && t.laneId === laneId);
  const at = items.findIndex((t) => t.id === afterId);
  return at < 0 ? null : at + 1;
}

/** A copy of the set with the id added, or removed when it was there. */
function toggled(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}
