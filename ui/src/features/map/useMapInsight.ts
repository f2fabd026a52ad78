// What the map screen derives from the analysis and the filter, kept in the map store:
// the analysis itself (fetched while a view that needs it is open, and again after every
// edit), the highlighted pain path as id sets, and the ids the board's filter matches.
// Nothing here blocks the board: the fetches answer later and only set store fields.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Analysis } from "../../bindings";
import { ipc } from "../../ipc";
import { matchingIds } from "../../lib/filter";
import { pathSets, sameSet } from "../../lib/path";
import { share } from "../../lib/reconcile";
import {
  type MapState,
  type MapStore,
  selectEditVersion,
  selectFilter,
  selectLinks,
  selectPathOn,
  selectTouchpoints,
  useStoreSelector,
} from "./mapStore";

/** The most painful path, as the analysis has it (kept across analyses while it is unchanged). */
const selectTopPath = (s: MapState) => s.analysis?.painPaths[0];
/** Every touchpoint's evidence (kept across analyses while none of it changed); null until an analysis with the rows arrives. */
const selectEvidence = (s: MapState) => (s.analysisRows ? (s.analysis?.touchpoints ?? null) : null);

/**
 * Stores a fresh analysis, keeping the previous one's objects wherever they are equal:
 * an edit changes a few rows of it, and the insight views, memoised on those objects,
 * then re-render only those rows.
 */
export function setAnalysis(store: MapStore, analysis: Analysis, rows = true): void {
  store.set((s) => ({ analysis: share(s.analysis, analysis), analysisRows: rows }));
}

/** Whether a view that shows the analysis is open (the presentation's walks and the voting's pain points are built from it). */
export const selectNeedsAnalysis = (s: MapState) =>
  s.insightOpen || s.pathOn || s.screen === "heatmap" || s.screen === "voting" || s.filter.weakOnly || s.mode === "present";

/**
 * Whether a view open reads every touchpoint's evidence row: the weak-evidence filter and
 * the presentation's walks. The insight panel and the heatmap do not, and without the rows
 * (and the hand-off list, of which the panel shows the count) an analysis at 1,000
 * touchpoints is 60% smaller to send, parse and compare after every edit.
 */
export const selectNeedsItemRows = (s: MapState) => s.filter.weakOnly || s.mode === "present";

/** Fetches `map_insight` while it is needed, and again after every applied edit. */
export function useAnalysis(store: MapStore, mapId: string, showError: (e: unknown) => void): void {
  const needed = useStoreSelector(store, selectNeedsAnalysis);
  const rows = useStoreSelector(store, selectNeedsItemRows);
  const latest = useRef(0);
  useEffect(() => {
    if (!needed) return;
    const ask = () => {
      const mine = ++latest.current;
      // For the UI timing run: when the request left and when its answer arrived.
      performance.mark("jm:insight-asked");
      ipc.mapInsight(mapId, rows).then(
        (analysis) => {
          if (mine !== latest.current) return;
          performance.mark("jm:insight-answered");
          setAnalysis(store, analysis, rows);
          // For the UI timing run: the views showing the analysis have been painted.
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => performance.mark("jm:insight-painted");
            channel.port2.postMessage(null);
          });
        },
        (e) => {
          if (mine === latest.current) showError(e);
        },
      );
    };
    ask();
    // After an edit, asked from the store's own notification, the moment the edit's
    // answer is applied: the request leaves before React renders the edit, and the
    // backend works on it while the webview renders and paints the board.
    let version = selectEditVersion(store.get());
    return store.subscribe(() => {
      const now = selectEditVersion(store.get());
      if (now === version) return;
      version = now;
      ask();
    });
  }, [needed, rows, mapId, store, showError]);
}

/** Keeps the store's path sets in step with the analysis and the toggle; equal sets are kept. */
export function usePathHighlight(store: MapStore): void {
  // The path itself, not the whole analysis: an edit off the path leaves it as it was,
  // and the sets are not rebuilt.
  const path = useStoreSelector(store, selectTopPath);
  const on = useStoreSelector(store, selectPathOn);
  const links = useStoreSelector(store, selectLinks);
  useEffect(() => {
    const sets = on ? pathSets(path, links) : null;
    const s = store.get();
    const touchpoints = sets?.touchpoints ?? null;
    const linkIds = sets?.links ?? null;
    store.set({
      pathTouchpoints: sameSet(s.pathTouchpoints, touchpoints) ? s.pathTouchpoints : touchpoints,
      pathLinks: sameSet(s.pathLinks, linkIds) ? s.pathLinks : linkIds,
    });
  }, [store, path, on, links]);
}

/** How long the search waits after the last key before asking the backend. */
const SEARCH_DELAY_MS = 150;

/** Keeps the store's matching ids in step with the filter, the touchpoints and the search. */
export function useFilterMatches(store: MapStore, mapId: string, showError: (e: unknown) => void): void {
  const filter = useStoreSelector(store, selectFilter);
  const touchpoints = useStoreSelector(store, selectTouchpoints);
  const evidence = useStoreSelector(store, selectEvidence);
  const version = useStoreSelector(store, selectEditVersion);
  const query = filter.query.trim();
  const [search, setSearch] = useState<{ query: string; ids: ReadonlySet<string> } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: an edit (version) may change what the search finds.
  useEffect(() => {
    if (query === "") return;
    let live = true;
    const timer = setTimeout(() => {
      ipc.searchMap(mapId, query).then(
        (ids) => live && setSearch({ query, ids: new Set(ids) }),
        (e) => live && showError(e),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, mapId, version, showError]);

  // Only the weak filter reads the evidence: without it, a new analysis changes nothing
  // here and the matches are not computed again.
  const weakOnly = filter.weakOnly;
  const weakIds = useMemo(
    () => (!weakOnly || evidence === null ? null : new Set(evidence.filter((t) => t.evidence.weak.length > 0).map((t) => t.id))),
    [weakOnly, evidence],
  );

  useEffect(() => {
    const searchIds = search !== null && search.query === query ? search.ids : null;
    const next = matchingIds(touchpoints, filter, { searchIds, weakIds });
    const prev = store.get().matches;
    if (!sameSet(prev, next)) store.set({ matches: next });
  }, [store, filter, touchpoints, weakIds, search, query]);
}
