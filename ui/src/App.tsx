// The app shell: starts up (reopening the map open last time), and switches between the
// library and one open map. Errors anywhere below are caught and shown with a way back.
// When the database cannot be opened it shows the recovery screen instead, and when it
// can only be read, a banner saying so above everything (and edits turned off). What
// `start` says the user must be told (a file moved aside, maps salvaged) shows in
// dismissible notices.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { LibraryStatus, MapSummaryDto, MapView, RecoveryDto, RestoredDto, SalvagedDto } from "./bindings";
import { ReadOnlyContext } from "./features/common/readOnly";
import { LibraryView } from "./features/library/LibraryView";
import { MapScreen } from "./features/map/MapScreen";
import { ErrorBoundary } from "./features/messages/ErrorBoundary";
import { MessagesProvider, useMessages } from "./features/messages/messages";
import { RecoveryScreen } from "./features/recovery/RecoveryScreen";
import { ipc } from "./ipc";
import { readOnlyReason, restoredStatus, salvagedStatus } from "./lib/recovery";

type Screen =
  | { kind: "loading" }
  | { kind: "library"; maps: MapSummaryDto[] }
  | { kind: "map"; view: MapView; openCount: number }
  /** A big map on its way: its frame at once, the board when its view arrives. */
  | { kind: "opening"; name: string; touchpoints: number; back: MapSummaryDto[] }
  | { kind: "recovery"; recovery: RecoveryDto };

/** No team library set. */
const NO_LIBRARY: LibraryStatus = { connected: false, url: null, user: null, listening: false, problem: null };

/** From this many touchpoints on, opening a map shows its frame while its view arrives. */
const OPENING_FRAME_FROM = 2_000;

/** A notice from `start`, with an id of its own (two notices may say the same). */
type Notice = { id: number; text: string };

/** Why the database could not be opened, or null when it is open (or the question failed too). */
async function recoveryOrNull(): Promise<RecoveryDto | null> {
  try {
    return (await ipc.recoveryStatus()) ?? null;
  } catch {
    return null;
  }
}

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
  // Why the database can only be read (from `start`), or null when it is writable.
  const [readOnly, setReadOnly] = useState<string | null>(null);
  // What `start` said the user must be told, until each is dismissed.
  const [notices, setNotices] = useState<Notice[]>([]);
  const noticeCount = useRef(0);
  const openCount = useRef(0);
  // The team library's state, from start and from the library view's connect.
  const [library, setLibrary] = useState<LibraryStatus>(NO_LIBRARY);
  const screenRef = useRef(screen);
  screenRef.current = screen;

  const showMap = useCallback((view: MapView) => {
    openCount.current += 1;
    setScreen({ kind: "map", view, openCount: openCount.current });
  }, []);

  const openMap = useCallback(
    async (id: string) => {
      performance.mark("jm:open-start");
      // A big map's view takes a moment to arrive: the library gives way to the map's
      // frame at once, so the click is answered on the next frame.
      const now = screenRef.current;
      const summary = now.kind === "library" ? now.maps.find((m) => m.id === id) : undefined;
      if (now.kind === "library" && summary !== undefined && summary.touchpointCount >= OPENING_FRAME_FROM) {
        setScreen({ kind: "opening", name: summary.name, touchpoints: summary.touchpointCount, back: now.maps });
      }
      try {
        const view = await ipc.openMap(id);
        performance.mark("jm:open-answered");
        showMap(view);
        return true;
      } catch (e) {
        messages.showError(e);
        setScreen((s) => (s.kind === "opening" ? { kind: "library", maps: s.back } : s));
        return false;
      }
    },
    [messages, showMap],
  );

  const openLibraryMap = useCallback(
    async (id: string) => {
      performance.mark("jm:open-start");
      try {
        const view = await ipc.openLibraryMap(id);
        performance.mark("jm:open-answered");
        showMap(view);
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

  // Starts the app: the library, then the map open last time. When `start` fails
  // because the database could not be opened, the recovery screen takes over; any other
  // failure shows its error over an empty library, as before. `live` turns false once the
  // answer is no longer wanted (the effect was cleaned up).
  const boot = useCallback(
    async (live: () => boolean) => {
      try {
        const start = await ipc.start();
        if (!live()) return;
        setReadOnly(start.readOnly ?? null);
        setNotices((start.notices ?? []).map((text) => ({ id: ++noticeCount.current, text })));
        setScreen({ kind: "library", maps: start.maps });
        setLibrary(start.library ?? NO_LIBRARY);
        if (start.openMapId !== null) await (start.openLibrary ? openLibraryMap : openMap)(start.openMapId);
      } catch (e) {
        const recovery = await recoveryOrNull();
        if (!live()) return;
        if (recovery !== null) {
          setScreen({ kind: "recovery", recovery });
          return;
        }
        messages.showError(e);
        setScreen({ kind: "library", maps: [] });
      }
    },
    [messages, openMap, openLibraryMap],
  );

  useEffect(() => {
    let live = true;
    void boot(() => live);
    return () => {
      live = false;
    };
  }, [boot]);

  // After a restore or a salvage every command works on the new database: start again,
  // as at launch, with the status saying what was restored or kept and where the damaged
  // file went.
  const restart = useCallback(
    (status: string) => {
      messages.showStatus(status);
      setScreen({ kind: "loading" });
      void boot(() => true);
    },
    [messages, boot],
  );
  const restored = useCallback((r: RestoredDto) => restart(restoredStatus(r)), [restart]);
  const salvaged = useCallback((s: SalvagedDto) => restart(salvagedStatus(s)), [restart]);

  const dismissNotice = useCallback((id: number) => setNotices((ns) => ns.filter((n) => n.id !== id)), []);

  // Leaves the screen that failed at once (so the fresh boundary does not render it
  // again), then loads the library.
  const backToLibrary = useCallback(() => {
    setScreen({ kind: "loading" });
    setBoundaryKey((k) => k + 1);
    void showLibrary();
  }, [showLibrary]);

  return (
    <ReadOnlyContext.Provider value={readOnly}>
      {readOnly !== null && (
        <p className="read-only-banner" data-testid="read-only-banner" role="status">
          <strong>Read-only:</strong> <bdi>{readOnlyReason(readOnly)}</bdi>. You can look, search and export; edits are off.
        </p>
      )}
      {notices.map((n) => (
        <NoticeBanner key={n.id} text={n.text} onDismiss={() => dismissNotice(n.id)} />
      ))}
      <ErrorBoundary key={boundaryKey} onBackToLibrary={backToLibrary}>
        {screen.kind === "loading" && <p className="loading">Loading…</p>}
        {screen.kind === "opening" && (
          <div className="map-screen" data-testid="opening" aria-busy="true">
            <div className="toolbar" />
            <header className="map-header">
              <div className="map-header__title">
                <h1>
                  <bdi>{screen.name}</bdi>
                </h1>
              </div>
              <p className="loading" role="status">
                Opening {screen.touchpoints.toLocaleString("en")} touchpoints…
              </p>
            </header>
          </div>
        )}
        {screen.kind === "recovery" && <RecoveryScreen recovery={screen.recovery} onRestored={restored} onSalvaged={salvaged} />}
        {screen.kind === "library" && (
          <LibraryView
            maps={screen.maps}
            onMapsChange={(maps) => setScreen({ kind: "library", maps })}
            onOpen={openMap}
            onCreate={createMap}
            team={{ status: library, onStatus: setLibrary, onOpen: openLibraryMap }}
          />
        )}
        {screen.kind === "map" && (
          // A library map read from the copy kept on this computer (the server is away)
          // can only be read, as a read-only database can.
          <ReadOnlyContext.Provider value={readOnly ?? screen.view.readOnly}>
            <MapScreen
              key={`${screen.view.map.id}:${screen.openCount}`}
              initialView={screen.view}
              onLibrary={showLibrary}
              onOpenMap={openMap}
            />
          </ReadOnlyContext.Provider>
        )}
      </ErrorBoundary>
    </ReadOnlyContext.Provider>
  );
}

/**
 * One notice from `start`: text only, isolated in a <bdi> (it may quote a path holding
 * bidi controls), with a button to dismiss it.
 */
function NoticeBanner({ text, onDismiss }: { text: string; onDismiss: () => void }) {
  const id = useId();
  return (
    <div className="notice-banner" data-testid="notice" role="status">
      <p className="notice-banner__text" id={id} data-testid="notice-text">
        <bdi>{text}</bdi>
      </p>
      <button
        type="button"
        className="icon-button"
        data-testid="dismiss-notice"
        aria-label="Dismiss notice"
        aria-describedby={id}
        onClick={onDismiss}
      >
        ✕
      </button>
    </div>
  );
}
