// The map's toolbar: back to the library, undo/redo, add a stage or lane (each opens an
// inline name input), the keyboard help, export and import. Its buttons, their titles and
// whether they are enabled come from the action table; it reads the map store through
// selectors, so it re-renders only when undo/redo availability or the open input changes.
import { InlineTextInput } from "../common/InlineTextInput";
import { actionTitle, type GlobalActionName, globalAction, isEnabled } from "./actions";
import { ExportMenu } from "./ExportMenu";
import { KeyboardHelp } from "./KeyboardHelp";
import { selectAdding, selectScreen, selectZoom, useMapSelector, useMapStore } from "./mapStore";

type Props = {
  /** Runs a global action of the table (when it is allowed and applies). */
  run: (name: GlobalActionName) => void;
  onAddStage: (name: string) => void;
  onAddLane: (name: string) => void;
};

type Item = GlobalActionName | "sep1" | "sep2" | "sep3" | "sep4" | "spacer" | "help" | "zoomLevel" | "csv";

const LAYOUT: readonly Item[] = [
  "toLibrary",
  "sep1",
  "undo",
  "redo",
  "sep2",
  "addStage",
  "addLane",
  "sep3",
  "toggleHeatmap",
  "toggleEvidence",
  "toggleDecisions",
  "toggleInsight",
  "sep4",
  "zoomOut",
  "zoomLevel",
  "zoomIn",
  "zoomFit",
  "spacer",
  "toggleVoting",
  "present",
  "help",
  "export",
  "csv",
  "import",
];

export function MapToolbar({ run, onAddStage, onAddLane }: Props) {
  const store = useMapStore();
  const adding = useMapSelector(selectAdding);
  const cancel = () => store.set({ adding: null });

  return (
    <div className="toolbar" role="toolbar" aria-label="Map tools">
      {LAYOUT.map((item) => {
        if (item === "sep1" || item === "sep2" || item === "sep3" || item === "sep4") return <span key={item} className="toolbar__sep" />;
        if (item === "zoomLevel") return <ZoomLevel key={item} />;
        if (item === "spacer") return <span key={item} className="toolbar__spacer" />;
        if (item === "help") return <KeyboardHelp key={item} />;
        if (item === "csv") return <ExportMenu key={item} />;
        if (item === "addStage" && adding === "stage") {
          return (
            <InlineTextInput
              key={`${item}-input`}
              placeholder="Stage name"
              ariaLabel="New stage name"
              testId="stage-name-input"
              repeat
              onSubmit={onAddStage}
              onCancel={cancel}
              returnFocus={(opener) => opener ?? buttonOf("addStage")}
            />
          );
        }
        if (item === "addLane" && adding === "lane") {
          return (
            <InlineTextInput
              key={`${item}-input`}
              placeholder="Lane name"
              ariaLabel="New lane name"
              testId="lane-name-input"
              repeat
              onSubmit={onAddLane}
              onCancel={cancel}
              returnFocus={(opener) => opener ?? buttonOf("addLane")}
            />
          );
        }
        return <ActionButton key={item} name={item} run={run} />;
      })}
    </div>
  );
}

/** The toolbar's button of an action (found by its data-action). */
function buttonOf(name: GlobalActionName): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.toolbar [data-action="${name}"]`);
}

function ActionButton({ name, run }: { name: GlobalActionName; run: (name: GlobalActionName) => void }) {
  const action = globalAction(name);
  const enabled = useMapSelector((s) => isEnabled(action, s));
  const pressed = useMapSelector((s) => action.pressed?.(s));
  // Says why an edit button is off, rather than leaving a silent disabled button.
  const readOnly = useMapSelector((s) => s.readOnly !== null && !action.allowedInPresent);
  if (action.button === undefined) return null;
  return (
    <button
      type="button"
      data-testid={action.button.testId}
      data-action={name}
      disabled={!enabled}
      onClick={() => run(name)}
      title={readOnly ? "Off: the database can only be read" : actionTitle(action)}
      aria-label={action.button.text === action.label ? undefined : action.label}
      aria-pressed={pressed}
    >
      {action.button.text}
    </button>
  );
}

/** The board's current scale, as a percentage. */
function ZoomLevel() {
  const zoom = useMapSelector(selectZoom);
  const screen = useMapSelector(selectScreen);
  return (
    <span className="toolbar__zoom" data-testid="zoom-level" aria-live="polite" title="Board zoom">
      {screen === "board" ? `${Math.round(zoom * 100)}%` : ""}
    </span>
  );
}
