// The form for adding or editing one feedback item. Values are checked here first
// (text required, real date, scores in range) and then by the backend. Ctrl+Enter (or
// Cmd+Enter) sends it from any field, the text included.
import { useId, useState } from "react";
import type { FeedbackFields, FeedbackKind } from "../../bindings";
import { EMPTY_DRAFT, FEEDBACK_KINDS, type FeedbackDraft, fieldsFromDraft, range } from "../../lib/feedbackForm";

type Props = {
  initial?: FeedbackDraft;
  submitLabel: string;
  /** Resolves true when saved; the form then empties (when adding) or closes. */
  onSubmit: (fields: FeedbackFields) => Promise<boolean>;
  onCancel?: () => void;
  /** Escape in a form that has no Cancel (the panel it is in closes). */
  onEscape?: () => void;
};

/** What each scale's ends mean, shown on the options where they are entered. */
const SCALE_ENDS = {
  nps: ["not at all likely", "extremely likely"],
  csat: ["very dissatisfied", "very satisfied"],
  ces: ["very difficult", "very easy"],
} as const;

export function FeedbackForm({ initial = EMPTY_DRAFT, submitLabel, onSubmit, onCancel, onEscape }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<FeedbackDraft>(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FeedbackDraft>(key: K, value: FeedbackDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async () => {
    const checked = fieldsFromDraft(draft);
    if ("problems" in checked) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    const ok = await onSubmit(checked.fields);
    setBusy(false);
    if (ok && onCancel === undefined) setDraft(EMPTY_DRAFT);
  };

  const scoreSelect = (key: "nps" | "csat" | "ces", label: string, from: number, to: number) => {
    const ends = SCALE_ENDS[key];
    return (
      <div className="field field--small">
        <label htmlFor={`${id}-${key}`}>{label}</label>
        <select id={`${id}-${key}`} data-testid={`feedback-${key}`} value={draft[key]} onChange={(e) => set(key, e.target.value)}>
          <option value="">—</option>
          {range(from, to).map((v) => (
            <option key={v} value={v}>
              {v === String(from) ? `${v} = ${ends[0]}` : v === String(to) ? `${v} = ${ends[1]}` : v}
            </option>
          ))}
        </select>
      </div>
    );
  };

  return (
    <form
      className="feedback-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && (onCancel || onEscape)) {
          e.stopPropagation();
          (onCancel ?? onEscape)?.();
        } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey) {
          e.preventDefault();
          if (!busy) void submit();
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select
          id={`${id}-kind`}
          data-testid="feedback-kind"
          value={draft.kind}
          onChange={(e) => set("kind", e.target.value as FeedbackKind)}
        >
          {FEEDBACK_KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Text</label>
        <textarea
          id={`${id}-text`}
          data-testid="feedback-text"
          data-field="feedback-text"
          rows={3}
          value={draft.text}
          onChange={(e) => set("text", e.target.value)}
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-source`}>Source</label>
          <input
            id={`${id}-source`}
            type="text"
            data-testid="feedback-source"
            value={draft.source}
            onChange={(e) => set("source", e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input
            id={`${id}-date`}
            type="text"
            inputMode="numeric"
            placeholder="YYYY-MM-DD"
            data-testid="feedback-date"
            value={draft.date}
            onChange={(e) => set("date", e.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-segment`}>Segment</label>
        <input
          id={`${id}-segment`}
          type="text"
          data-testid="feedback-segment"
          value={draft.segment}
          onChange={(e) => set("segment", e.target.value)}
        />
      </div>
      <div className="field-row">
        {scoreSelect("nps", "NPS 0–10 (10 = would recommend)", 0, 10)}
        {scoreSelect("csat", "CSAT 1–5 (5 = very satisfied)", 1, 5)}
        {scoreSelect("ces", "CES 1–7 (7 = very easy)", 1, 7)}
      </div>
      {problems.length > 0 && (
        <ul className="form-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="submit" className="primary" data-testid="feedback-save" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
