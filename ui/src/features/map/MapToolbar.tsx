// The map's toolbar: back to the library, undo/redo, add a stage or lane (each opens an
// inline name input), export and import.
import { useState } from "react";
import { InlineTextInput } from "../common/InlineTextInput";

type Props = {
  canUndo: boolean;
  canRedo: boolean;
  onLibrary: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onAddStage: (name: string) => void;
  onAddLane: (name: string) => void;
  onExport: () => void;
  onImport: () => void;
};

export function MapToolbar(p: Props) {
  const [adding, setAdding] = useState<"stage" | "lane" | null>(null);

  return (
    <div className="toolbar" role="toolbar" aria-label="Map tools">
      <button type="button" data-testid="to-library" onClick={p.onLibrary}>
        ← Library
      </button>
      <span className="toolbar__sep" />
      <button type="button" data-testid="undo" disabled={!p.canUndo} onClick={p.onUndo} title="Undo (Ctrl+Z)">
        ↶ Undo
      </button>
      <button type="button" data-testid="redo" disabled={!p.canRedo} onClick={p.onRedo} title="Redo (Ctrl+Shift+Z or Ctrl+Y)">
        ↷ Redo
      </button>
      <span className="toolbar__sep" />
      {adding === "stage" ? (
        <InlineTextInput
          placeholder="Stage name"
          ariaLabel="New stage name"
          testId="stage-name-input"
          onSubmit={(name) => {
            setAdding(null);
            p.onAddStage(name);
          }}
          onCancel={() => setAdding(null)}
        />
      ) : (
        <button type="button" data-testid="add-stage" onClick={() => setAdding("stage")}>
          + Stage
        </button>
      )}
      {adding === "lane" ? (
        <InlineTextInput
          placeholder="Lane name"
          ariaLabel="New lane name"
          testId="lane-name-input"
          onSubmit={(name) => {
            setAdding(null);
            p.onAddLane(name);
          }}
          onCancel={() => setAdding(null)}
        />
      ) : (
        <button type="button" data-testid="add-lane" onClick={() => setAdding("lane")}>
          + Lane
        </button>
      )}
      <span className="toolbar__spacer" />
      <details className="keys-help">
        <summary>Keyboard</summary>
        <dl>
          <dt>Tab / Shift+Tab</dt>
          <dd>Go to the next or previous card or control</dd>
          <dt>Enter</dt>
          <dd>Show the focused card's details</dd>
          <dt>F2</dt>
          <dd>Edit the focused card in the panel</dd>
          <dt>Alt+←/→</dt>
          <dd>Move the card to the previous or next stage</dd>
          <dt>Alt+↑/↓</dt>
          <dd>Move the card to the previous or next lane</dd>
          <dt>Ctrl+Alt+↑/↓</dt>
          <dd>Move the card up or down in its cell</dd>
          <dt>Delete</dt>
          <dd>Delete the focused card</dd>
          <dt>Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y</dt>
          <dd>Undo, redo</dd>
          <dt>Escape</dt>
          <dd>Close the panel or stop picking a link target</dd>
        </dl>
      </details>
      <button type="button" data-testid="export" onClick={p.onExport}>
        Export JSON…
      </button>
      <button type="button" data-testid="import" onClick={p.onImport}>
        Import JSON…
      </button>
    </div>
  );
}
