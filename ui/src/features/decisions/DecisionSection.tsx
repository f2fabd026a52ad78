// The decisions and opportunities on one touchpoint, in its detail panel: listed oldest
// first (kind, text, owner, due date), with add, edit (one form at a time) and delete
// (asked first). Each is one edit through the map screen's queue, so undo covers it.
import { memo, useState } from "react";
import type { DecisionDto, DecisionFields } from "../../bindings";
import { ipc } from "../../ipc";
import { decisionDraftFrom, decisionKindLabel } from "../../lib/decisions";
import { ConfirmButton } from "../common/ConfirmButton";
import { useEditsOff } from "../common/readOnly";
import type { Edit } from "../map/useMapSession";
import { DecisionForm } from "./DecisionForm";
import "./decisions.css";

type Props = {
  touchpointId: string;
  /** This touchpoint's decisions and opportunities, oldest first. */
  decisions: readonly DecisionDto[];
  edit: Edit;
};

export const DecisionSection = memo(function DecisionSection({ touchpointId, decisions, edit }: Props) {
  // A read-only database: the items are listed, with no form and no edit or delete.
  const editsOff = useEditsOff();
  const [editingId, setEditingId] = useState<string | null>(null);

  const add = async (fields: DecisionFields) => (await edit((mapId) => ipc.addDecision(mapId, touchpointId, fields))) !== null;
  const update = async (id: string, fields: DecisionFields) => {
    const ok = (await edit((mapId) => ipc.updateDecision(mapId, id, fields))) !== null;
    if (ok) setEditingId(null);
    return ok;
  };

  return (
    <section className="panel__section" data-testid="decision-section" aria-label="Decisions and opportunities">
      <h3>Decisions &amp; opportunities</h3>
      {decisions.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="decision-list">
          {decisions.map((d) =>
            d.id === editingId ? (
              <li key={d.id} className="decision-item decision-item--editing" data-decision-id={d.id}>
                <DecisionForm
                  initial={decisionDraftFrom(d)}
                  submitLabel="Save changes"
                  onSubmit={(fields) => update(d.id, fields)}
                  onCancel={() => setEditingId(null)}
                />
              </li>
            ) : (
              <li key={d.id} className="decision-item" data-testid="decision-item" data-decision-id={d.id} data-kind={d.kind}>
                <span className={`decision-kind decision-kind--${d.kind}`}>{decisionKindLabel(d.kind)}</span>
                {/* User text in <bdi>: its bidi controls reorder only itself. */}
                <p className="decision-item__text" data-testid="decision-text">
                  <bdi>{d.text}</bdi>
                </p>
                <DecisionAbout decision={d} />
                {!editsOff && (
                  <div className="button-row">
                    <button type="button" data-testid="decision-edit" onClick={() => setEditingId(d.id)}>
                      Edit
                    </button>
                    <ConfirmButton
                      label="Delete"
                      prompt={`Delete this ${d.kind}?`}
                      testId="decision-delete"
                      onConfirm={() => void edit((mapId) => ipc.deleteDecision(mapId, d.id))}
                    />
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {!editsOff && editingId === null && (
        <div className="decision-add">
          <h4>Add a decision or opportunity</h4>
          <DecisionForm submitLabel="Add" onSubmit={add} />
        </div>
      )}
    </section>
  );
});

/** "Owner: Ops · due 2026-06-01", or nothing when neither is set. */
export function DecisionAbout({ decision: d }: { decision: DecisionDto }) {
  if (d.owner === "" && d.due === null) return null;
  return (
    <p className="decision-item__about" data-testid="decision-about">
      {d.owner !== "" && (
        <>
          Owner <bdi>{d.owner}</bdi>
        </>
      )}
      {d.owner !== "" && d.due !== null && " · "}
      {d.due !== null && `due ${d.due}`}
    </p>
  );
}
