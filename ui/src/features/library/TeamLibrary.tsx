// The team library in the library view: connect to a PostgreSQL library (a connection
// string and your name; the password is kept in memory by the app, never stored), its
// maps with who changed each last and when (open one to edit it with everyone else, or
// copy it to this computer), and publishing a map from this computer. When the server
// cannot be reached it says so; maps opened before still open, read-only.
import { useCallback, useEffect, useState } from "react";
import type { LibraryMapDto, LibraryStatus, MapSummaryDto } from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { useEditsOff } from "../common/readOnly";
import { useMessages } from "../messages/messages";

type Props = {
  status: LibraryStatus;
  onStatus: (s: LibraryStatus) => void;
  /** The maps on this computer, to publish one. */
  localMaps: MapSummaryDto[];
  onLocalMapsChange: (maps: MapSummaryDto[]) => void;
  onOpen: (id: string) => Promise<boolean>;
};

/** "Ana, 2026-12-06 14:03". */
function changed(m: LibraryMapDto): string {
  const when = m.writtenAt.replace("T", " ").slice(0, 16);
  return `${m.updatedBy}, ${when}`;
}

export function TeamLibrary({ status, onStatus, localMaps, onLocalMapsChange, onOpen }: Props) {
  const messages = useMessages();
  const editsOff = useEditsOff();
  const [maps, setMaps] = useState<LibraryMapDto[] | null>(null);
  const [url, setUrl] = useState("");
  const [user, setUser] = useState(status.user ?? "");
  const [publish, setPublish] = useState("");
  const set = status.url !== null;

  const refresh = useCallback(async () => {
    try {
      setMaps(await ipc.libraryMaps());
    } catch (e) {
      setMaps(null);
      messages.showError(e);
      try {
        onStatus(await ipc.libraryStatus());
      } catch {
        // The error above is shown.
      }
    }
  }, [messages, onStatus]);

  useEffect(() => {
    if (status.connected) void refresh();
  }, [status.connected, refresh]);

  const connect = async () => {
    try {
      onStatus(await ipc.connectLibrary(url, user));
      setUrl("");
    } catch (e) {
      messages.showError(e);
    }
  };

  const disconnect = async () => {
    try {
      onStatus(await ipc.disconnectLibrary());
      setMaps(null);
    } catch (e) {
      messages.showError(e);
    }
  };

  const doPublish = async () => {
    const local = localMaps.find((m) => m.id === publish);
    if (local === undefined) return;
    try {
      setMaps(await ipc.publishMap(local.id, false));
      messages.showStatus(`Published “${isolate(local.name)}” to the team library`);
    } catch (e) {
      messages.showError(e);
    }
  };

  const pull = async (m: LibraryMapDto) => {
    try {
      onLocalMapsChange(await ipc.pullMap(m.id, "copy"));
      messages.showStatus(`Copied “${isolate(m.name)}” to this computer`);
    } catch (e) {
      messages.showError(e);
    }
  };

  return (
    <section className="team-library" data-testid="team-library" aria-labelledby="team-library-title">
      <h2 id="team-library-title">Team library</h2>
      {set ? (
        <p className="team-library__status" data-testid="library-status">
          {status.connected ? "Connected to " : "Not connected to "}
          <bdi>{status.url}</bdi> as <bdi>{status.user}</bdi>
          {status.problem !== null && (
            <>
              {" "}
              — <bdi>{status.problem}</bdi>
            </>
          )}{" "}
          <button type="button" data-testid="library-disconnect" onClick={() => void disconnect()}>
            Disconnect
          </button>
        </p>
      ) : (
        <form
          className="team-library__connect"
          data-testid="library-connect-form"
          onSubmit={(e) => {
            e.preventDefault();
            void connect();
          }}
        >
          <p>Share maps with your team through a PostgreSQL database your team already runs.</p>
          <label>
            Connection string{" "}
            <input
              type="password"
              data-testid="library-url"
              placeholder="postgres://you@db.example/journeys"
              autoComplete="off"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </label>{" "}
          <label>
            Your name <input type="text" data-testid="library-user" value={user} onChange={(e) => setUser(e.target.value)} />
          </label>{" "}
          <button type="submit" data-testid="library-connect" disabled={url.trim() === "" || user.trim() === ""}>
            Connect
          </button>
          <p className="team-library__note">The password is kept only while the app runs; it is never saved.</p>
        </form>
      )}
      {set && maps !== null && (
        <>
          {maps.length === 0 ? (
            <p className="library__empty">No maps in the team library yet.</p>
          ) : (
            <table className="library__table" data-testid="library-maps">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Persona</th>
                  <th scope="col">Touchpoints</th>
                  <th scope="col">Last changed by</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {maps.map((m) => (
                  <tr key={m.id} data-testid="library-map" data-map-id={m.id}>
                    <td>
                      <button type="button" className="link-button" data-testid="library-map-open" onClick={() => void onOpen(m.id)}>
                        <bdi>{m.name}</bdi>
                      </button>
                    </td>
                    <td>
                      <bdi>{m.personaName}</bdi>
                    </td>
                    <td>{m.touchpointCount}</td>
                    <td>
                      <bdi>{changed(m)}</bdi>
                    </td>
                    <td>
                      {!editsOff && (
                        <button type="button" data-testid="library-map-pull" onClick={() => void pull(m)}>
                          Copy to this computer
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!editsOff && localMaps.length > 0 && (
            <p className="team-library__publish">
              <label>
                Publish a map from this computer{" "}
                <select data-testid="library-publish-map" value={publish} onChange={(e) => setPublish(e.target.value)}>
                  <option value="">choose a map…</option>
                  {localMaps.map((m) => (
                    <option key={m.id} value={m.id}>
                      {isolate(m.name)}
                    </option>
                  ))}
                </select>
              </label>{" "}
              <button type="button" data-testid="library-publish" disabled={publish === ""} onClick={() => void doPublish()}>
                Publish
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
