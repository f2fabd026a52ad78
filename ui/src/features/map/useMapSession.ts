// The open map's edit queue: `edit` runs edit commands one after another, applies each
// answer (a patch: only what changed) to the view in the map store, shows failures in the
// error banner (and refuses at once on a read-only database) and sets the timing marks
// the UI timing run reads (`usePaintMarks`).
import { useCallback, useEffect, useLayoutEffect, useRef } from "react";
import type { Edited, MapView, TouchpointDto, TouchpointFields } from "../../bindings";
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
 * What a card will show once an edit of its own fields is saved: shown at once, before
 * the command answers (the figures it counts towards follow with the answer).
 */
export type Preview = { touchpointId: string; fields: Partial<TouchpointFields> };
/**
 * Runs an edit after the ones already queued. `onDone` runs as soon as the command
 * answers, before React renders the new view (use it to ask for focus after the render).
 * `preview`: the card's new fields, painted at once on a team library map (a local save
 * answers within the frame); if the edit fails, the map is read again, so the card shows
 * what is stored.
 */
export type Edit = (run: EditRun, onDone?: (result: Edited) => void, preview?: Preview) => Promise<Edited | null>;

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

  // Previews not yet answered, by touchpoint, oldest first: their fields, merged, stay on
  // the card while earlier edits' answers arrive, so the card never steps back.
  const previews = useRef(new Map<string, { seq: number; fields: Partial<TouchpointFields> }[]>());
  const previewSeq = useRef(0);

  const edit = useCallback<Edit>(
    (run, onDone, preview) => {
      // On a read-only database nothing is sent: the refusal shows at once, and the
      // caller hears null (a field goes back to the stored value, nothing says "saved").
      const readOnly = store.get().readOnly;
      if (readOnly !== null) {
        messages.showError({ code: "storage", message: readOnlyRefusal(readOnly), problems: [], existingMap: null });
        return Promise.resolve(null);
      }
      performance.mark("jm:edit-start");
      let seq = 0;
      // Only a team library map, whose saves cross the network, shows the card before
      // the answer: a local save answers within the frame the preview would paint in, so
      // on a big local map the preview would only add a render.
      if (preview !== undefined && store.get().session.view.location !== "library") preview = undefined;
      if (preview !== undefined) {
        seq = ++previewSeq.current;
        const list = previews.current.get(preview.touchpointId) ?? [];
        previews.current.set(preview.touchpointId, [...list, { seq, fields: preview.fields }]);
        const shown = overlay(store, previews.current, [preview.touchpointId]);
        if (shown !== null) {
          const session = store.get().session;
          store.setSession({ view: shown.view, mark: "jm:edit-shown", layoutKey: session.layoutKey }, [], shown.replaced, false);
        }
      }
      // This edit's preview is answered (saved or not): it no longer overlays the card.
      const settle = () => {
        if (preview === undefined) return;
        const left = (previews.current.get(preview.touchpointId) ?? []).filter((p) => p.seq !== seq);
        if (left.length > 0) previews.current.set(preview.touchpointId, left);
        else previews.current.delete(preview.touchpointId);
      };
      const task = chain.current.then(async () => {
        try {
          const result = await run(mapId, latest());
          performance.mark("jm:edit-answered");
          settle();
          const prev = latest();
          const patched = applyPatch(prev, result.patch);
          // A patch that does not fit what the board holds: read the whole map again.
          const view = patched ?? reconcileView(prev, await reopen(prev));
          const moved = patched === null || changesLayout(prev, result.patch, store.get().byId);
          const layoutKey = store.get().session.layoutKey + (moved ? 1 : 0);
          // Touchpoints only replaced (none added, removed or moved): the store updates
          // their cells alone instead of regrouping every card.
          const tp = result.patch.touchpoints;
          const replaced = patched !== null && !moved && tp.order === null && tp.removed.length === 0 ? tp.changed : null;
          store.setSession({ view, mark: "jm:edit-painted", layoutKey }, result.patch.feedbackChanged, replaced);
          // Previews not answered yet stay on their cards (this answer, or a map read
          // again, may have carried an older value).
          const again = overlay(store, previews.current, [...previews.current.keys()]);
          if (again !== null) {
            store.setSession({ view: again.view, mark: "jm:edit-painted", layoutKey }, [], again.replaced, false);
          }
          onDone?.(result);
          return result;
        } catch (e) {
          settle();
          messages.showError(e);
          // A preview that was not saved, or an edit someone else's change overtook (a
          // conflict on a team library map): show what is stored.
          if (preview !== undefined || isConflict(e)) {
            try {
              const stored = reconcileView(latest(), await reopen(latest()));
              const session = store.get().session;
              store.setSession({ view: stored, mark: "jm:edit-painted", layoutKey: session.layoutKey + 1 });
            } catch {
              // The error above is already shown.
            }
          }
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

/** The map read again from where it lives: this computer or the team library. */
function reopen(view: MapView): Promise<MapView> {
  return view.location === "library" ? ipc.openLibraryMap(view.map.id) : ipc.openMap(view.map.id);
}

/** Whether a command failed because someone else's change came first. */
function isConflict(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "conflict";
}

/**
 * Keeps a team library map up to date with others' edits: about three times a second it
 * asks the backend, which answers with nothing until the library has told it of a
 * commit to this map, then with a patch; applied like an edit's answer. (The backend
 * hears commits through PostgreSQL's LISTEN/NOTIFY; the page has no event permission,
 * so it asks.)
 */
export function useLibrarySync(store: MapStore, onError: (e: unknown) => void): void {
  useEffect(() => {
    const view = store.get().session.view;
    if (view.location !== "library") return;
    const mapId = view.map.id;
    let live = true;
    let busy = false;
    let failed = false;
    const tick = async () => {
      if (busy || !live) return;
      busy = true;
      try {
        const patch = await ipc.libraryChanged(mapId);
        failed = false;
        if (patch !== null && live) {
          const prev = store.get().session.view;
          const patched = applyPatch(prev, patch);
          const next = patched ?? reconcileView(prev, await ipc.openLibraryMap(mapId));
          const moved = patched === null || changesLayout(prev, patch, store.get().byId);
          const layoutKey = store.get().session.layoutKey + (moved ? 1 : 0);
          store.setSession({ view: next, mark: null, layoutKey }, patch.feedbackChanged);
        }
      } catch (e) {
        // Said once while the server is away, not three times a second.
        if (!failed) onError(e);
        failed = true;
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void tick(), 300);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [store, onError]);
}

/**
 * The latest view with the previewed fields put on these touchpoints (those that have a
 * preview), and the cards replaced; null when none of them has one.
 */
function overlay(
  store: MapStore,
  previews: ReadonlyMap<string, readonly { fields: Partial<TouchpointFields> }[]>,
  ids: readonly string[],
): { view: MapView; replaced: TouchpointDto[] } | null {
  const { session, byId } = store.get();
  const next = new Map<string, TouchpointDto>();
  for (const id of ids) {
    const list = previews.get(id);
    const t = byId.get(id);
    if (list === undefined || list.length === 0 || t === undefined) continue;
    const fields: Partial<TouchpointFields> = Object.assign({}, ...list.map((p) => p.fields));
    const shown = { ...t, ...fields };
    if ((Object.keys(fields) as (keyof TouchpointFields)[]).some((k) => t[k] !== shown[k])) next.set(id, shown);
  }
  if (next.size === 0) return null;
  const view = session.view;
  return {
    view: { ...view, touchpoints: view.touchpoints.map((t) => next.get(t.id) ?? t) },
    replaced: [...next.values()],
  };
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
    if (session.mark === "jm:open-painted") performance.mark("jm:open-committed");
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
