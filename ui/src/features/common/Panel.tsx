// The side panel frame: a heading, a close button and the content. Escape (handled by
// the map screen) closes it too.
import type { ReactNode } from "react";

type Props = {
  title: string;
  /** What the panel shows, set as its data-panel attribute (production code finds it by that). */
  kind: "touchpoint" | "stage" | "link" | "map";
  testId: string;
  onClose: () => void;
  children: ReactNode;
};

export function Panel({ title, kind, testId, onClose, children }: Props) {
  return (
    <aside className="panel" data-panel={kind} data-testid={testId} aria-label={title}>
      <header className="panel__header">
        <h2 className="panel__title">{title}</h2>
        <button
          type="button"
          className="icon-button"
          data-testid="panel-close"
          aria-label="Close panel"
          title="Close (Escape)"
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      <div className="panel__body">{children}</div>
    </aside>
  );
}
