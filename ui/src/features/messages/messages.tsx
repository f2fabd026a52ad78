// The app's error banner and status line, shared through context so any feature can
// report a rejected command or a finished action.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ErrorDto } from "../../bindings";
import { toError } from "../../ipc";

/** A button offered with an error, such as "Import as a copy" after a conflict. */
export type ErrorAction = {
  /** Text, or markup when it quotes user text (in a <bdi>, to isolate it). */
  label: ReactNode;
  testId?: string;
  run: () => void;
};

export type Messages = {
  /** Shows a rejected command's message and problems, with optional follow-up actions. */
  showError: (e: unknown, actions?: ErrorAction[]) => void;
  /** Shows a one-line status, replacing the previous one. */
  showStatus: (text: string) => void;
  clearError: () => void;
};

type Shown = { error: ErrorDto; actions: ErrorAction[] } | null;

/** How long a status line stays before it fades. */
export const STATUS_FADE_MS = 4000;

const MessagesContext = createContext<Messages | null>(null);

export function useMessages(): Messages {
  const m = useContext(MessagesContext);
  if (m === null) throw new Error("useMessages needs a MessagesProvider");
  return m;
}

export function MessagesProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown>(null);
  const [status, setStatus] = useState<{ text: string; at: number } | null>(null);
  const [faded, setFaded] = useState(false);

  const showError = useCallback((e: unknown, actions: ErrorAction[] = []) => {
    setShown({ error: toError(e), actions });
    setStatus(null);
  }, []);
  const showStatus = useCallback((text: string) => setStatus((prev) => ({ text, at: (prev?.at ?? 0) + 1 })), []);

  // A status fades out after a few seconds (its text stays for screen readers' review).
  useEffect(() => {
    setFaded(false);
    if (status === null) return;
    const timer = setTimeout(() => setFaded(true), STATUS_FADE_MS);
    return () => clearTimeout(timer);
  }, [status]);
  const clearError = useCallback(() => setShown(null), []);
  const value = useMemo(() => ({ showError, showStatus, clearError }), [showError, showStatus, clearError]);

  return (
    <MessagesContext.Provider value={value}>
      <div className="messages">
        {shown && <ErrorBanner shown={shown} onDismiss={clearError} />}
        <p className={faded ? "status status--faded" : "status"} data-testid="status" role="status" aria-live="polite">
          {status?.text ?? ""}
        </p>
      </div>
      {children}
    </MessagesContext.Provider>
  );
}

function ErrorBanner({ shown, onDismiss }: { shown: NonNullable<Shown>; onDismiss: () => void }) {
  const { error, actions } = shown;
  return (
    <div className="error-banner" data-testid="error" role="alert">
      <div className="error-banner__body">
        <p className="error-banner__message">{error.message}</p>
        {error.problems.length > 0 && (
          <ul className="error-banner__problems">
            {error.problems.map((p) => (
              <li key={p} data-testid="error-problem">
                {p}
              </li>
            ))}
          </ul>
        )}
        {actions.length > 0 && (
          <div className="error-banner__actions">
            {actions.map((a, i) => (
              <button
                // biome-ignore lint/suspicious/noArrayIndexKey: the actions are fixed while the banner shows.
                key={i}
                type="button"
                data-testid={a.testId}
                onClick={() => {
                  onDismiss();
                  a.run();
                }}
              >
                {a.label}
              </button>
            ))}
          </div>
        )}
      </div>
      <button type="button" className="icon-button" data-testid="error-dismiss" aria-label="Dismiss error" onClick={onDismiss}>
        ✕
      </button>
    </div>
  );
}
