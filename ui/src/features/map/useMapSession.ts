// The open map's state: the view the board shows, and `edit`, which runs edit commands
// one after another, applies each answer (a patch: only what changed) to the view, shows
// failures in the error banner and sets the timing marks the UI timing run reads.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Edited, MapView } from "../../bindings";
import { ipc } from "../../ipc";
import { applyPatch, changesLayout } from "../../lib/patch";
import { reconcileView } from "../../lib/reconcile";
import { useMessages } from "../messages/messages";

type PaintMark = "jm:open-painted" | "jm:edit-painted";

export type Session = {
  view: MapView;
  /** The mark to set once this view has been painted, if any. */
  mark: PaintMark | null;
  /** Changes when cards, headers or rows may have moved, so links are measured again. */
  layoutKey: number;
};

/** An edit: given the map id and the latest view, invokes one command. */
export type EditRun = (mapId: string, latest: MapView) => Promise<Edited>;
/**
 * Runs an edit after the ones already queued. `onDone` runs as soon as the command
 * answers, before React renders the new view (use it to ask for focus after the render).
 */
export type Edit = (run: EditRun, onDone?: (result: Edited) => void) => Promise<Edited | null>;

export function useMapSession(initialView: MapView): {
  session: Session;
  edit: Edit;
  latest: () => MapView;
  feedbackVersion: (targetId: string) => number;
} {
  const messages = useMessages();
  const [session, setSession] = useState<Session>(() => ({ view: initialView, mark: "jm:open-painted", layoutKey: 0 }));
  // The newest view, updated as soon as a command answers (before React re-renders),
  // so an edit queued behind another builds on the other's result.
  const latestRef = useRef(initialView);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  // How often each touchpoint's or stage's feedback list has changed: an open panel
  // fetches the list again when its number moves.
  const feedbackVersions = useRef(new Map<string, number>());
  const mapId = initialView.map.id;

  const edit = useCallback<Edit>(
    (run, onDone) => {
      const task = chain.current.then(async () => {
        performance.mark("jm:edit-start");
        try {
          const result = await run(mapId, latestRef.current);
          performance.mark("jm:edit-answered");
          const prev = latestRef.current;
          const patched = applyPatch(prev, result.patch);
          // A patch that does not fit what the board holds: read the whole map again.
          const view = patched ?? reconcileView(prev, await ipc.openMap(mapId));
          const moved = patched === null || changesLayout(prev, result.patch);
          const versions = feedbackVersions.current;
          for (const id of result.patch.feedbackChanged) versions.set(id, (versions.get(id) ?? 0) + 1);
          latestRef.current = view;
          setSession((s) => ({ view, mark: "jm:edit-painted", layoutKey: s.layoutKey + (moved ? 1 : 0) }));
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

  const latest = useCallback(() => latestRef.current, []);
  const feedbackVersion = useCallback((id: string) => feedbackVersions.current.get(id) ?? 0, []);
  return { session, edit, latest, feedbackVersion };
}
