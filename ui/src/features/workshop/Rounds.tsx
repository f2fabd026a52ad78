// Every saved voting round of the map side by side: one column per round (oldest first,
// as the view lists them), one row per touchpoint in any round with its dots there ("—"
// where a round was not over it). A round's name opens its results; a round can be
// deleted (an edit through the map's edit queue, so undo brings it back); "Export CSV"
// writes every round through the native save dialog on the Rust side.
import { useMemo } from "react";
import type { MapView, RoundDto } from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { formatTimestamp } from "../../lib/dates";
import { plural } from "../../lib/metrics";
import { ConfirmButton } from "../common/ConfirmButton";
import { useEditsOff } from "../common/readOnly";
import type { Edit } from "../map/useMapSession";
import { useMessages } from "../messages/messages";
import { roundsTable } from "./voting";

type Props = {
  rounds: readonly RoundDto[];
  view: MapView;
  edit: Edit;
  /** The round whose results are shown above, if any. */
  shownId: string | null;
  onShow: (roundId: string) => void;
};

export function RoundsView({ rounds, view, edit, shownId, onShow }: Props) {
  const messages = useMessages();
  const editsOff = useEditsOff();
  const table = useMemo(() => roundsTable(rounds), [rounds]);
  const titles = useMemo(() => new Map(view.touchpoints.map((t) => [t.id, t.title])), [view.touchpoints]);
  const mapId = view.map.id;

  const exportCsv = async () => {
    try {
      const out = await ipc.exportRoundsCsv(mapId);
      // The path isolated: a file name may hold bidi controls too.
      if (out.path !== null) messages.showStatus(`Exported the rounds to ${isolate(out.path)}`);
    } catch (e) {
      messages.showError(e);
    }
  };
  const remove = (r: RoundDto) =>
    void edit(
      (id) => ipc.deleteRound(id, r.id),
      () => messages.showStatus(`Deleted the round ${isolate(r.name)} (Ctrl+Z undoes it).`),
    );

  return (
    <section className="rounds" data-testid="rounds-view" aria-labelledby="rounds-title">
      <header className="rounds__header">
        <h2 id="rounds-title">Saved rounds</h2>
        <button type="button" data-testid="rounds-export-csv" disabled={rounds.length === 0} onClick={() => void exportCsv()}>
          Export CSV…
        </button>
      </header>
      {rounds.length === 0 ? (
        <p className="voting__muted" data-testid="rounds-empty">
          No round saved yet. A round is saved with the map once its results are shown.
        </p>
      ) : (
        <div className="rounds__scroll">
          <table className="rounds-table" data-testid="rounds-table">
            <thead>
              <tr>
                <th scope="col">Touchpoint</th>
                {rounds.map((r) => (
                  <th
                    key={r.id}
                    scope="col"
                    className={r.id === shownId ? "rounds__round rounds__round--shown" : "rounds__round"}
                    data-testid="round-column"
                    data-round-id={r.id}
                  >
                    <button
                      type="button"
                      className="link-button"
                      data-testid="round-open"
                      title="Show this round's results"
                      onClick={() => onShow(r.id)}
                    >
                      <bdi>{r.name}</bdi>
                    </button>
                    <span className="rounds__meta">{formatTimestamp(r.heldAt)}</span>
                    <span className="rounds__meta">
                      {plural(r.voters, "voter")} × {plural(r.budget, "dot")}
                      {r.onePerItem ? ", one per item" : ""}
                    </span>
                    <span className="rounds__meta">
                      <bdi>{r.scope}</bdi>
                    </span>
                    {!editsOff && (
                      <ConfirmButton
                        label="Delete"
                        ariaLabel={`Delete the round ${isolate(r.name)}`}
                        prompt={`Delete the round ${isolate(r.name)}?`}
                        testId="round-delete"
                        onConfirm={() => remove(r)}
                      />
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => {
                const title = titles.get(row.touchpointId);
                return (
                  <tr key={row.touchpointId} data-testid="rounds-row" data-touchpoint-id={row.touchpointId}>
                    <th scope="row">{title === undefined ? "(deleted touchpoint)" : <bdi>{title}</bdi>}</th>
                    {row.dots.map((d, i) => (
                      <td key={rounds[i].id} data-round-id={rounds[i].id} className={d === null ? "rounds__none" : undefined}>
                        {d === null ? "—" : d}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
