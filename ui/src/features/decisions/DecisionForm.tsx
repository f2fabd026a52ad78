// The panel's form for adding or editing one decision or opportunity: kind, text, an
// optional owner and an optional due date (YYYY-MM-DD). Values are checked here first
// (text required, a real date) and then by the backend. Enter in a field sends it;
// Escape cancels an edit.
import { useId, useState } from "react";
import type { DecisionFields, DecisionKind } from "../../bindings";
import { DECISION_KINDS, DECISION_OWNER_MAX, type DecisionDraft, decisionFieldsFrom, emptyDecisionDraft } from "../../lib/decisions";

type Props = {
  initial?: DecisionDraft;
  submitLabel: string;
  /** Resolves true when saved; the form then empties (when adding) or closes. */
  onSubmit: (fields: DecisionFields) => Promise<boolean>;
  onCancel?: () => void;
};

export function DecisionForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<DecisionDraft>(() => initial ?? emptyDecisionDraft());
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof DecisionDraft>(key: K, value: DecisionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async () => {
    if (busy) return;
    const checked = decisionFieldsFrom(draft);
    if ("problems" in checked) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    const ok = await onSubmit(checked.fields);
    setBusy(false);
    // Adding: the form empties for the next one, keeping the kind.
    if (ok && onCancel === undefined) setDraft((d) => emptyDecisionDraft(d.kind));
  };

  return (
    <form
      className="decision-form"
      data-testid="decision-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && onCancel) {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="field-row">
        <div className="field field--small">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select
            id={`${id}-kind`}
            data-testid="decision-form-kind"
            value={draft.kind}
            onChange={(e) => set("kind", e.target.value as DecisionKind)}
          >
            {DECISION_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-text`}>Text</label>
          <input
            id={`${id}-text`}
            type="text"
            data-testid="decision-form-text"
            value={draft.text}
            onChange={(e) => set("text", e.target.value)}
          />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <input
            id={`${id}-owner`}
            type="text"
            data-testid="decision-form-owner"
            placeholder="optional"
            maxLength={DECISION_OWNER_MAX}
            value={draft.owner}
            onChange={(e) => set("owner", e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due</label>
          <input
            id={`${id}-due`}
            type="text"
            inputMode="numeric"
            data-testid="decision-form-due"
            placeholder="YYYY-MM-DD"
            value={draft.due}
            onChange={(e) => set("due", e.target.value)}
          />
        </div>
      </div>
      {problems.length > 0 && (
        <ul className="form-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="submit" className="primary" data-testid="decision-form-save" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" data-testid="decision-form-cancel" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
