// The slot under a pain point and a path step where the workshop records what it decided:
// the touchpoint's decisions and opportunities in large type, and, after D (decision) or O
// (opportunity), a large inline entry: the text (focused), an optional owner and an
// optional due date. Enter saves it through the map screen's edit queue (one edit, undoable
// like any other); Escape closes the entry and the walk goes on. The presentation's key
// handler leaves typing targets alone, so no key typed here moves the walk; Tab stays
// within the entry's three fields.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { DecisionDto, DecisionFields, DecisionKind } from "../../bindings";
import { DECISION_OWNER_MAX, decisionFieldsFrom, decisionKindLabel } from "../../lib/decisions";

type Props = {
  /** The touchpoint's decisions and opportunities, oldest first. */
  decisions: readonly DecisionDto[];
  /** The kind being written (after D or O), or null while no entry is open. */
  entry: DecisionKind | null;
  /** Changes with every D or O, so the entry's text takes focus again. */
  focusKey: number;
  /** Whether D and O can write here (an edit queue and a writable database). */
  writable: boolean;
  /** Saves the new item; resolves true once it is stored. */
  onSave: (fields: DecisionFields) => Promise<boolean>;
  /** Closes the entry (saved or cancelled). */
  onClose: () => void;
};

export function DecisionSlot({ decisions, entry, focusKey, writable, onSave, onClose }: Props) {
  return (
    <section className="slide-decisions" aria-label="Decisions and opportunities">
      {decisions.length > 0 && (
        <ul className="slide-decisions__list" data-testid="slide-decisions">
          {decisions.map((d) => (
            <li key={d.id} className="slide-decisions__item" data-testid="slide-decision" data-decision-id={d.id} data-kind={d.kind}>
              <span className="slide-decisions__kind">{decisionKindLabel(d.kind)}</span> <bdi>{d.text}</bdi>
              {(d.owner !== "" || d.due !== null) && (
                <span className="slide-decisions__about">
                  {d.owner !== "" && (
                    <>
                      {" · "}
                      <bdi>{d.owner}</bdi>
                    </>
                  )}
                  {d.due !== null && ` · due ${d.due}`}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {entry !== null ? (
        <DecisionEntry kind={entry} focusKey={focusKey} onSave={onSave} onClose={onClose} />
      ) : (
        writable && (
          <p className="slide-decisions__hint">
            <kbd>D</kbd> decision · <kbd>O</kbd> opportunity
          </p>
        )
      )}
    </section>
  );
}

type EntryProps = { kind: DecisionKind; focusKey: number; onSave: (fields: DecisionFields) => Promise<boolean>; onClose: () => void };

function DecisionEntry({ kind, focusKey, onSave, onClose }: EntryProps) {
  const id = useId();
  const [text, setText] = useState("");
  const [owner, setOwner] = useState("");
  const [due, setDue] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  // Set while the save is on its way, so a second Enter does not save it twice.
  const saving = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const textRef = useRef<HTMLInputElement>(null);

  // The text takes focus when the entry opens, and again at the next D or O.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key press is the signal to focus the text.
  useEffect(() => textRef.current?.focus(), [focusKey]);

  const save = async () => {
    if (saving.current) return;
    const checked = decisionFieldsFrom({ kind, text, owner, due });
    if ("problems" in checked) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    saving.current = true;
    const ok = await onSave(checked.fields);
    saving.current = false;
    // Saved: the entry closes and the item shows in the list. Not saved: the text stays;
    // the map screen's error banner (behind the presentation) holds the reason.
    if (ok) onClose();
    else setProblems(["Not saved. Leave the presentation (Esc twice) to see why."]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === "Enter" && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    } else if (e.key === "Tab") {
      // Tab cycles through the three fields: out of them, keys would move the walk.
      const fields = [...(formRef.current?.querySelectorAll<HTMLInputElement>("input") ?? [])];
      const at = fields.indexOf(e.target as HTMLInputElement);
      if (at < 0 || fields.length === 0) return;
      e.preventDefault();
      fields[(at + (e.shiftKey ? -1 : 1) + fields.length) % fields.length].focus();
    }
  };

  const label = decisionKindLabel(kind);
  return (
    <form
      ref={formRef}
      className="slide-decision-entry"
      data-testid="decision-entry"
      data-kind={kind}
      aria-label={`New ${label.toLowerCase()}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={onKeyDown}
    >
      <label className="slide-decision-entry__label" htmlFor={`${id}-text`}>
        New {label.toLowerCase()}
      </label>
      <input
        ref={textRef}
        id={`${id}-text`}
        className="slide-decision-entry__text"
        type="text"
        data-testid="decision-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="slide-decision-entry__row">
        <label>
          Owner{" "}
          <input
            type="text"
            data-testid="decision-owner"
            placeholder="optional"
            maxLength={DECISION_OWNER_MAX}
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
          />
        </label>
        <label>
          Due{" "}
          <input
            type="text"
            inputMode="numeric"
            data-testid="decision-due"
            placeholder="YYYY-MM-DD"
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
        </label>
      </div>
      {problems.length > 0 && (
        <ul className="slide-decision-entry__problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p className="slide-decision-entry__hint">Enter saves · Esc cancels · Tab: owner, due date</p>
    </form>
  );
}
