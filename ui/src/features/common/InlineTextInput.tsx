// A one-line text input for naming things in place: Enter saves, Escape cancels, and
// leaving the field saves what was typed (or cancels when it is empty). With `repeat`,
// Enter saves and empties the field for the next name instead (a run of new cards or
// stages), and Escape, Enter on an empty field or leaving it closes it. When a key
// closes it, focus goes back where it came from instead of being lost with the field.
import { useEffect, useRef, useState } from "react";

type Props = {
  initial?: string;
  placeholder?: string;
  ariaLabel: string;
  testId?: string;
  className?: string;
  /** Enter saves and keeps the field open, empty, for the next one. */
  repeat?: boolean;
  /** Receives the trimmed, non-empty text. */
  onSubmit: (text: string) => void;
  /** The field closes without saving (with `repeat`: the field closes). */
  onCancel: () => void;
  /**
   * Where focus goes once a key (Enter, Escape) has closed the field, given the element
   * that had focus before it opened when that is still on the page. By default that
   * element. Focus the user moved elsewhere (a click) is left where it went.
   */
  returnFocus?: (opener: HTMLElement | null) => HTMLElement | null | undefined;
};

export function InlineTextInput({
  initial = "",
  placeholder,
  ariaLabel,
  testId,
  className,
  repeat = false,
  onSubmit,
  onCancel,
  returnFocus,
}: Props) {
  const [text, setText] = useState(initial);
  const done = useRef(false);
  const ref = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const returnRef = useRef(returnFocus);
  returnRef.current = returnFocus;

  useEffect(() => {
    // Before taking focus: what had it (a card, a button; the page when the button that
    // opened the field was replaced by it).
    opener.current =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    ref.current?.focus();
    ref.current?.select();
  }, []);

  /** After the parent has removed the field (its state changed in this key's handler): focus where it should go. */
  const refocusSoon = () =>
    queueMicrotask(() => {
      const active = document.activeElement;
      if (active !== null && active !== document.body && active.isConnected) return;
      const from = opener.current?.isConnected ? opener.current : null;
      const to = returnRef.current ? returnRef.current(from) : from;
      to?.focus();
    });

  const finish = (save: boolean, byKey: boolean) => {
    if (done.current) return;
    const trimmed = text.trim();
    if (repeat && save && byKey && trimmed !== "") {
      onSubmit(trimmed);
      setText("");
      return;
    }
    done.current = true;
    if (save && trimmed !== "") onSubmit(trimmed);
    if (!(save && trimmed !== "") || repeat) onCancel();
    if (byKey) refocusSoon();
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
          finish(true, true);
        } else if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          finish(false, true);
        }
      }}
      onBlur={() => finish(true, false)}
      onClick={(e) => e.stopPropagation()}
    />
  );
}
