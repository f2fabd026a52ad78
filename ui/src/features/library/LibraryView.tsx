// The library: every map with its persona, size and last change; create, rename,
// duplicate, delete (confirmed in the UI), filter by name, import; open a map by
// clicking its row or pressing Enter on it.
import { useMemo, useState } from "react";
import type { LibraryStatus, MapSummaryDto } from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { useEditsOff } from "../common/readOnly";
import { useImport } from "../common/useImport";
import { useMessages } from "../messages/messages";
import { MapRow } from "./MapRow";
import { NewMapForm } from "./NewMapForm";
import { TeamLibrary } from "./TeamLibrary";
import "./library.css";

type Props = {
  maps: MapSummaryDto[];
  onMapsChange: (maps: MapSummaryDto[]) => void;
  onOpen: (id: string) => Promise<boolean>;
  onCreate: (name: string) => Promise<boolean>;
  /** The team library: its state, and opening one of its maps (absent: not shown). */
  team?: { status: LibraryStatus; onStatus: (s: LibraryStatus) => void; onOpen: (id: string) => Promise<boolean> };
};

export function LibraryView({ maps, onMapsChange, onOpen, onCreate, team }: Props) {
  const messages = useMessages();
  // A read-only database: maps can be found and opened; creating, importing, renaming,
  // duplicating and deleting are not offered.
  const editsOff = useEditsOff();
  const [query, setQuery] = useState("");
  const [canUndo, setCanUndo] = useState(false);

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q === "" ? maps : maps.filter((m) => m.name.toLocaleLowerCase().includes(q));
  }, [maps, query]);

  /** Runs a library command that answers with the new list. */
  const run = async (what: () => Promise<MapSummaryDto[]>, status?: string, undoable = false) => {
    try {
      onMapsChange(await what());
      if (status) messages.showStatus(status);
      setCanUndo(undoable);
      return true;
    } catch (e) {
      messages.showError(e);
      return false;
    }
  };

  const rename = async (m: MapSummaryDto, name: string) => {
    if (name === m.name) return;
    // Statuses quote names isolated, so bidi controls in a name cannot reorder the sentence.
    const status = `Renamed to “${isolate(name)}”`;
    // The library list has no description fields, so read the map's current fields
    // first and send them back unchanged with the new name.
    await run(async () => {
      const view = await ipc.openMap(m.id);
      const { description, personaName, personaDescription } = view.map;
      await ipc.updateMap(m.id, { name, description, personaName, personaDescription });
      await ipc.closeMap();
      return ipc.listMaps();
    }, status);
  };

  const startImport = useImport(() => {
    void run(() => ipc.listMaps());
  });

  return (
    <main className="library" data-testid="library">
      <header className="library__header">
        <h1>Journeymap</h1>
        {!editsOff && (
          <div className="library__tools">
            <NewMapForm onCreate={onCreate} />
            <button type="button" data-testid="import" onClick={startImport}>
              Import JSON…
            </button>
            {canUndo && (
              <button type="button" data-testid="undo-library" onClick={() => void run(() => ipc.undoLibrary(), "Undone")}>
                Undo
              </button>
            )}
          </div>
        )}
      </header>

      <div className="library__search">
        <label htmlFor="map-search">Search maps</label>
        <input
          id="map-search"
          type="search"
          data-testid="map-search"
          placeholder="Filter by name"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>

      {maps.length === 0 ? (
        <p className="library__empty">{editsOff ? "No maps yet." : "No maps yet. Create one above or import a JSON file."}</p>
      ) : shown.length === 0 ? (
        <p className="library__empty">
          No map's name contains “<bdi>{query}</bdi>”.
        </p>
      ) : (
        <table className="library__table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Persona</th>
              <th scope="col">Stages</th>
              <th scope="col">Touchpoints</th>
              <th scope="col">Last change</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <MapRow
                key={m.id}
                map={m}
                editable={!editsOff}
                onOpen={() => void onOpen(m.id)}
                onRename={(name) => void rename(m, name)}
                onDuplicate={() => void run(() => ipc.duplicateMap(m.id), `Duplicated “${isolate(m.name)}”`, true)}
                onDelete={() => void run(() => ipc.deleteMap(m.id), `Deleted “${isolate(m.name)}”`, true)}
              />
            ))}
          </tbody>
        </table>
      )}
      {team !== undefined && (
        <TeamLibrary status={team.status} onStatus={team.onStatus} localMaps={maps} onLocalMapsChange={onMapsChange} onOpen={team.onOpen} />
      )}
    </main>
  );
}
