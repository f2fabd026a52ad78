// Form fields that save themselves: text saves on blur (Enter too, for one line),
// selects save on change. Each keeps a draft while the user types and follows the
// stored value when it changes from elsewhere (an undo, say). On a read-only database
// text fields stay focusable and selectable (readOnly) and selects are disabled.
import { useEffect, useId, useRef, useState } from "react";
import { EMOTION_CHOICES, emotionFace } from "../../lib/emotion";
import { range } from "../../lib/feedbackForm";
import { useEditsOff } from "./readOnly";

type TextProps = {
  label: string;
  value: string;
  testId?: string;
  /** Set as the input's data-field attribute, for production code to find it (focus). */
  field?: string;
  multiline?: boolean;
  placeholder?: string;
  /** Saves the new value; resolves false when the save failed, which restores the value. */
  // biome-ignore lint/suspicious/noConfusingVoidType: callers pass handlers that return a save's promise or nothing.
  onCommit: (value: string) => Promise<boolean> | void;
};

export function TextField({ label, value, testId, field, multiline, placeholder, onCommit }: TextProps) {
  const id = useId();
  const editsOff = useEditsOff();
  const [draft, setDraft] = useState(value);
  // The text being saved right now, so Enter followed by blur saves it once.
  const saving = useRef<string | null>(null);
  useEffect(() => setDraft(value), [value]);

  const commit = async () => {
    if (draft === value || draft === saving.current) return;
    saving.current = draft;
    try {
      const ok = await onCommit(draft);
      if (ok === false) setDraft(value);
    } finally {
      saving.current = null;
    }
  };
  const common = {
    id,
    value: draft,
    placeholder,
    readOnly: editsOff,
    "data-testid": testId,
    "data-field": field,
    onBlur: () => void commit(),
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...common}
          rows={3}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setDraft(value);
            }
          }}
        />
      ) : (
        <input
          {...common}
          type="text"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void commit();
            } else if (e.key === "Escape") {
              setDraft(value);
            }
          }}
        />
      )}
    </div>
  );
}

type ScoreProps = {
  label: string;
  value: number | null;
  testId?: string;
  onCommit: (value: number | null) => void;
};

/** Pain 0–10 or unscored. */
export function PainSelect({ label, value, testId, onCommit }: ScoreProps) {
  const id = useId();
  const editsOff = useEditsOff();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        disabled={editsOff}
        value={value === null ? "" : String(value)}
        onChange={(e) => onCommit(e.target.value === "" ? null : Number(e.target.value))}
      >
        <option value="">Unscored</option>
        {range(0, 10).map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Emotion −2..+2 or unset. */
export function EmotionSelect({ label, value, testId, onCommit }: ScoreProps) {
  const id = useId();
  const editsOff = useEditsOff();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        disabled={editsOff}
        value={value === null ? "" : String(value)}
        onChange={(e) => onCommit(e.target.value === "" ? null : Number(e.target.value))}
      >
        <option value="">Not set</option>
        {EMOTION_CHOICES.map((v) => {
          const f = emotionFace(v);
          return (
            <option key={v} value={String(v)}>
              {`${f?.face ?? ""} ${v > 0 ? "+" : ""}${v} ${f?.label ?? ""}`}
            </option>
          );
        })}
      </select>
    </div>
  );
}
