// The app shell: starts up (reopening the map open last time), and switches between the
// library and one open map. Errors anywhere below are caught and shown with a way back.
import { useCallback, useEffect, useRef, useState } from "react";
import type { MapSummaryDto, MapView } from "./bindings";
import { LibraryView } from "./features/library/LibraryView";
import { MapScreen } from "./features/map/MapScreen";
import { ErrorBoundary } from "./features/messages/ErrorBoundary";
import { MessagesProvider, useMessages } from "./features/messages/messages";
import { ipc } from "./ipc";

type Screen = { kind: "loading" } | { kind: "library"; maps: MapSummaryDto[] } | { kind: "map"; view: MapView; openCount: number };

export function App() {
  return (
    <MessagesProvider>
      <Shell />
    </MessagesProvider>
  );
}

function Shell() {
  const messages = useMessages();
  const [screen, setScreen] = useState<Screen>({ kind: "loading" });
  const [boundaryKey, setBoundaryKey] = useState(0);
  const openCount = useRef(0);

  const showMap = useCallback((view: MapView) => {
    openCount.current += 1;
    setScreen({ kind: "map", view, openCount: openCount.current });
  }, []);

  const openMap = useCallback(
    async (id: string) => {
      performance.mark("jm:open-start");
      try {
        showMap(await ipc.openMap(id));
        return true;
      } catch (e) {
        messages.showError(e);
        return false;
      }
    },
    [messages, showMap],
  );

  const createMap = useCallback(
    async (name: string) => {
      performance.mark("jm:open-start");
      try {
        showMap(await ipc.createMap(name));
        return true;
      } catch (e) {
        messages.showError(e);
        return false;
      }
    },
    [messages, showMap],
  );

  const showLibrary = useCallback(async () => {
    try {
      await ipc.closeMap();
      setScreen({ kind: "library", maps: await ipc.listMaps() });
    } catch (e) {
      messages.showError(e);
      setScreen((s) => (s.kind === "library" ? s : { kind: "library", maps: [] }));
    }
  }, [messages]);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const start = await ipc.start();
        if (!live) return;
        setScreen({ kind: "library", maps: start.maps });
        if (start.openMapId !== null) await openMap(start.openMapId);
      } catch (e) {
        if (!live) return;
        messages.showError(e);
        setScreen({ kind: "library", maps: [] });
      }
    })();
    return () => {
      live = false;
    };
  }, [messages, openMap]);

  // Leaves the screen that failed at once (so the fresh boundary does not render it
  // again), then loads the library.
  const backToLibrary = useCallback(() => {
    setScreen({ kind: "loading" });
    setBoundaryKey((k) => k + 1);
    void showLibrary();
  }, [showLibrary]);

  return (
    <ErrorBoundary key={boundaryKey} onBackToLibrary={backToLibrary}>
      {screen.kind === "loading" && <p className="loading">Loading…</p>}
      {screen.kind === "library" && (
        <LibraryView
          maps={screen.maps}
          onMapsChange={(maps) => setScreen({ kind: "library", maps })}
          onOpen={openMap}
          onCreate={createMap}
        />
      )}
      {screen.kind === "map" && (
        <MapScreen
          key={`${screen.view.map.id}:${screen.openCount}`}
          initialView={screen.view}
          onLibrary={showLibrary}
          onOpenMap={openMap}
        />
      )}
    </ErrorBoundary>
  );
}
