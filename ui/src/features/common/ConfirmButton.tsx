// A destructive button with a confirmation step inside the UI: the first press asks,
// the confirm button (data-testid="confirm") acts. Only one confirmation is open at a
// time, so "confirm" is never ambiguous.
import { useEffect, useRef, useState } from "react";

type Props = {
  /** The button's text, e.g. "Delete". */
  label: string;
  /** The question asked, e.g. `Delete stage "Onboarding"?`. */
  prompt: string;
  /** The confirm button's text. */
  confirmLabel?: string;
  /** The accessible name of the first button when its text is short or an icon. */
  ariaLabel?: string;
  testId?: string;
  className?: string;
  disabled?: boolean;
  onConfirm: () => void;
};

let closeOpen: (() => void) | null = null;

export function ConfirmButton({ label, prompt, confirmLabel = "Delete", ariaLabel, testId, className, disabled, onConfirm }: Props) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!asking) return;
    const close = () => setAsking(false);
    closeOpen?.();
    closeOpen = close;
    confirmRef.current?.focus();
    return () => {
      if (closeOpen === close) closeOpen = null;
    };
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={openRef}
        type="button"
        className={className ?? "danger-subtle"}
        data-testid={testId}
        aria-label={ariaLabel}
        disabled={disabled}
        onClick={(e) => {
          e.stopPropagation();
          setAsking(true);
        }}
      >
        {label}
      </button>
    );
  }

  const cancel = () => setAsking(false);
  return (
    <span
      className="confirm"
      role="group"
      aria-label={prompt}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          cancel();
        }
      }}
    >
      <span className="confirm__prompt">{prompt}</span>
      <button
        ref={confirmRef}
        type="button"
        className="danger"
        data-testid="confirm"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" data-testid="confirm-cancel" onClick={cancel}>
        Cancel
      </button>
    </span>
  );
}
