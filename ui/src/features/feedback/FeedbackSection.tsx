// The feedback on one touchpoint or stage: fetched when the panel shows and again after
// every edit that changed it (undo and redo included), listed oldest first, with add, edit (one form at a time) and delete.
import { Fragment, memo, useEffect, useState } from "react";
import type { FeedbackDto, FeedbackFields } from "../../bindings";
import { ipc } from "../../ipc";
import { draftFrom, FEEDBACK_KINDS } from "../../lib/feedbackForm";
import { useEditsOff } from "../common/readOnly";
import type { Edit } from "../map/useMapSession";
import { useMessages } from "../messages/messages";
import { FeedbackForm } from "./FeedbackForm";
import "./feedback.css";

type Target = { touchpointId: string } | { stageId: string };

type Props = {
  target: Target;
  /** Changes when an edit changed this list, so it is fetched again. */
  refreshKey: number;
  edit: Edit;
  /** The add form above the list (a quote being taken down), headed "Add a quote". */
  formFirst?: boolean;
  /** Escape in the add form (the panel closes, focus back on the card). */
  onEscape?: () => void;
};

/**
 * Memoised on the target's id rather than the target object (a new one each time the
 * panel renders), so an edit elsewhere in the panel does not re-render the feedback list
 * and its form, whose inputs React rewrites on every render.
 */
export const FeedbackSection = memo(function FeedbackSection({ target, refreshKey, edit, formFirst = false, onEscape }: Props) {
  const messages = useMessages();
  // A read-only database: the feedback is listed, with no add form and no edit or delete.
  const editsOff = useEditsOff();
  const [items, setItems] = useState<FeedbackDto[] | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const targetId = "touchpointId" in target ? target.touchpointId : target.stageId;
  const targetKind = "touchpointId" in target ? "touchpoint" : "stage";

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the signal to fetch the list again.
  useEffect(() => {
    let live = true;
    const query = targetKind === "touchpoint" ? { touchpointId: targetId } : { stageId: targetId };
    ipc.listFeedback(query).then(
      (list) => live && setItems(list),
      (e) => live && messages.showError(e),
    );
    return () => {
      live = false;
    };
  }, [targetId, targetKind, refreshKey, messages]);

  const add = async (fields: FeedbackFields) => (await edit((mapId) => ipc.addFeedback(mapId, target, fields))) !== null;
  const update = async (id: string, fields: FeedbackFields) => {
    const ok = (await edit((mapId) => ipc.updateFeedback(mapId, id, fields))) !== null;
    if (ok) setEditingId(null);
    return ok;
  };

  const addForm = editingId === null && !editsOff && (
    <div className={formFirst ? "feedback-add feedback-add--first" : "feedback-add"}>
      <h4>{formFirst ? "Add a quote" : "Add feedback"}</h4>
      <FeedbackForm submitLabel="Add feedback" onSubmit={add} onEscape={onEscape} />
    </div>
  );

  return (
    <section className="panel__section">
      <h3>Feedback</h3>
      {formFirst && addForm}
      {items === null ? (
        <p className="muted">Loading feedback…</p>
      ) : items.length === 0 ? (
        <p className="muted">No feedback yet.</p>
      ) : (
        <ul className="feedback-list">
          {items.map((f) =>
            f.id === editingId ? (
              <li key={f.id} className="feedback-item feedback-item--editing">
                <FeedbackForm
                  initial={draftFrom(f)}
                  submitLabel="Save changes"
                  onSubmit={(fields) => update(f.id, fields)}
                  onCancel={() => setEditingId(null)}
                />
              </li>
            ) : (
              <FeedbackItem
                key={f.id}
                item={f}
                editable={!editsOff}
                onEdit={() => setEditingId(f.id)}
                onDelete={() => void edit((mapId) => ipc.deleteFeedback(mapId, f.id))}
              />
            ),
          )}
        </ul>
      )}
      {!formFirst && addForm}
    </section>
  );
}, sameProps);

function targetKey(t: Target): string {
  return "touchpointId" in t ? `tp:${t.touchpointId}` : `st:${t.stageId}`;
}

function sameProps(a: Props, b: Props): boolean {
  return (
    targetKey(a.target) === targetKey(b.target) &&
    a.refreshKey === b.refreshKey &&
    a.edit === b.edit &&
    a.formFirst === b.formFirst &&
    a.onEscape === b.onEscape
  );
}

const KIND_LABELS = new Map(FEEDBACK_KINDS.map((k) => [k.value, k.label]));

type ItemProps = { item: FeedbackDto; editable: boolean; onEdit: () => void; onDelete: () => void };

function FeedbackItem({ item: f, editable, onEdit, onDelete }: ItemProps) {
  const scores = [
    f.nps !== null ? `NPS ${f.nps}` : null,
    f.csat !== null ? `CSAT ${f.csat}` : null,
    f.ces !== null ? `CES ${f.ces}` : null,
  ].filter((s): s is string => s !== null);
  const about = [f.source, f.date, f.segment].filter((s): s is string => Boolean(s));

  return (
    <li className={`feedback-item feedback-item--${f.kind.replace("_", "-")}`} data-testid="feedback-item" data-feedback-id={f.id}>
      <div className="feedback-item__head">
        <span className="feedback-item__kind">{KIND_LABELS.get(f.kind) ?? f.kind}</span>
        {scores.map((s) => (
          <span key={s} className="chip">
            {s}
          </span>
        ))}
      </div>
      {/* User text in <bdi>: its bidi controls reorder only itself, not the text beside it. */}
      <p className="feedback-item__text" data-testid="feedback-text-view">
        <bdi>{f.text}</bdi>
      </p>
      {about.length > 0 && (
        <p className="feedback-item__about">
          {about.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: source, date and segment in a fixed order (two may be equal).
            <Fragment key={i}>
              {i > 0 && " · "}
              <bdi>{s}</bdi>
            </Fragment>
          ))}
        </p>
      )}
      {editable && (
        <div className="button-row">
          <button type="button" data-testid="feedback-edit" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="danger-subtle" data-testid="feedback-delete" onClick={onDelete}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
