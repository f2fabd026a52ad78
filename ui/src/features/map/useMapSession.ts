// The open map's edit queue: `edit` runs edit commands one after another, applies each
// answer (a patch: only what changed) to the view in the map store, shows failures in the
// error banner (and refuses at once on a read-only database) and sets the timing marks
// the UI timing run reads (`usePaintMarks`).
import { useCallback, useEffect, useLayoutEffect, useRef } from "react";
import type { Edited, MapView } from "../../bindings";
import { ipc } from "../../ipc";
import { applyPatch, changesLayout } from "../../lib/patch";
import { reconcileView } from "../../lib/reconcile";
import { readOnlyRefusal } from "../../lib/recovery";
import { useMessages } from "../messages/messages";
import { type MapStore, selectSession, useMapSelector } from "./mapStore";

export type { Session } from "./mapStore";

/** An edit: given the map id and the latest view, invokes one command. */
export type EditRun = (mapId: string, latest: MapView) => Promise<Edited>;
/**
 * Runs an edit after the ones already queued. `onDone` runs as soon as the command
 * answers, before React renders the new view (use it to ask for focus after the render).
 */
export type Edit = (run: EditRun, onDone?: (result: Edited) => void) => Promise<Edited | null>;

export function useMapSession(store: MapStore): {
  edit: Edit;
  latest: () => MapView;
} {
  const messages = useMessages();
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const mapId = store.get().session.view.map.id;

  // The store holds the newest view as soon as a command answers (before React
  // re-renders), so an edit queued behind another builds on the other's result.
  const latest = useCallback(() => store.get().session.view, [store]);

  const edit = useCallback<Edit>(
    (run, onDone) => {
      // On a read-only database nothing is sent: the refusal shows at once, and the
      // caller hears null (a field goes back to the stored value, nothing says "saved").
      const readOnly = store.get().readOnly;
      if (readOnly !== null) {
        messages.showError({ code: "storage", message: readOnlyRefusal(readOnly), problems: [], existingMap: null });
        return Promise.resolve(null);
      }
      const task = chain.current.then(async () => {
        performance.mark("jm:edit-start");
        try {
          const result = await run(mapId, latest());
          performance.mark("jm:edit-answered");
          const prev = latest();
          const patched = applyPatch(prev, result.patch);
          // A patch that does not fit what the board holds: read the whole map again.
          const view = patched ?? reconcileView(prev, await ipc.openMap(mapId));
          const moved = patched === null || changesLayout(prev, result.patch, store.get().byId);
          const layoutKey = store.get().session.layoutKey + (moved ? 1 : 0);
          // Touchpoints only replaced (none added, removed or moved): the store updates
          // their cells alone instead of regrouping every card.
          const tp = result.patch.touchpoints;
          const replaced = patched !== null && !moved && tp.order === null && tp.removed.length === 0 ? tp.changed : null;
          store.setSession({ view, mark: "jm:edit-painted", layoutKey }, result.patch.feedbackChanged, replaced);
          onDone?.(result);
          return result;
        } catch (e) {
          messages.showError(e);
          return null;
        }
      });
      chain.current = task;
      return task;
    },
    [mapId, messages, store, latest],
  );

  return { edit, latest };
}

/**
 * Sets the timing marks for each session. Call it from a component rendered after the
 * board, so its layout effect runs after the board's (the link layer's measuring).
 */
export function usePaintMarks(): void {
  const session = useMapSelector(selectSession);

  // React has committed the new view (children's layout effects, such as measuring the
  // links, have run).
  useLayoutEffect(() => {
    if (session.mark === "jm:edit-painted") performance.mark("jm:edit-committed");
  }, [session]);

  // Painted: a task queued from the next animation frame runs once that frame's
  // rendering (style, layout, paint) is done.
  useEffect(() => {
    const mark = session.mark;
    if (mark === null) return;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => performance.mark(mark);
      channel.port2.postMessage(null);
    });
  }, [session]);
}
