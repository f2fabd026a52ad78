// A one-line text input for naming things in place: Enter saves, Escape cancels, and
// leaving the field saves what was typed (or cancels when it is empty).
import { useEffect, useRef, useState } from "react";

type Props = {
  initial?: string;
  placeholder?: string;
  ariaLabel: string;
  testId?: string;
  className?: string;
  /** Receives the trimmed, non-empty text. */
  onSubmit: (text: string) => void;
  onCancel: () => void;
};

export function InlineTextInput({ initial = "", placeholder, ariaLabel, testId, className, onSubmit, onCancel }: Props) {
  const [text, setText] = useState(initial);
  const done = useRef(false);
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    const trimmed = text.trim();
    if (save && trimmed !== "") onSubmit(trimmed);
    else onCancel();
  };

  return (
    <input
      ref={ref}
      className={className ?? "inline-input"}
      type="text"
      value={text}
      placeholder={placeholder}
      aria-label={ariaLabel}
      data-testid={testId}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          finish(true);
        } else if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
      onClick={(e) => e.stopPropagation()}
    />
  );
}
