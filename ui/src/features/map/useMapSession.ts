// The open map's state: the latest view (reconciled with the previous one so unchanged
// parts keep their identity), and `edit`, which runs edit commands one after another,
// shows failures in the error banner and sets the timing marks the end-to-end run reads.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Edited, MapView } from "../../bindings";
import { reconcileView } from "../../lib/reconcile";
import { useMessages } from "../messages/messages";

type PaintMark = "jm:open-painted" | "jm:edit-painted";

export type Session = {
  view: MapView;
  /** The mark to set once this view has been painted, if any. */
  mark: PaintMark | null;
  /** Counts views received; panels refetch feedback when it changes. */
  seq: number;
};

/** An edit: given the map id and the latest view, invokes one command. */
export type EditRun = (mapId: string, latest: MapView) => Promise<Edited>;
/**
 * Runs an edit after the ones already queued. `onDone` runs as soon as the command
 * answers, before React renders the new view (use it to ask for focus after the render).
 */
export type Edit = (run: EditRun, onDone?: (result: Edited) => void) => Promise<Edited | null>;

export function useMapSession(initialView: MapView): { session: Session; edit: Edit; latest: () => MapView } {
  const messages = useMessages();
  const [session, setSession] = useState<Session>(() => ({ view: initialView, mark: "jm:open-painted", seq: 0 }));
  // The newest view, updated as soon as a command answers (before React re-renders),
  // so an edit queued behind another builds on the other's result.
  const latestRef = useRef(initialView);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const mapId = initialView.map.id;

  const edit = useCallback<Edit>(
    (run, onDone) => {
      const task = chain.current.then(async () => {
        performance.mark("jm:edit-start");
        try {
          const result = await run(mapId, latestRef.current);
          performance.mark("jm:edit-answered");
          const view = reconcileView(latestRef.current, result.view);
          latestRef.current = view;
          setSession((s) => ({ view, mark: "jm:edit-painted", seq: s.seq + 1 }));
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
    [mapId, messages],
  );

  // After React has committed a new view, mark the first animation frame after it.
  useEffect(() => {
    const mark = session.mark;
    if (mark === null) return;
    requestAnimationFrame(() => performance.mark(mark));
  }, [session]);

  const latest = useCallback(() => latestRef.current, []);
  return { session, edit, latest };
}
