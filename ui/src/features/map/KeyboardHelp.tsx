// The toolbar's "Keyboard" help: generated from the action table, so every action with
// keys is listed with what it does, as a two-column table (key | action) wide enough to
// read a line at a time.
import { keyboardHelp } from "./actions";

/** Keys that are no action of the table: the browser's focus order and the fields' own keys. */
const FIELD_KEYS: readonly { keys: string; help: string }[] = [
  { keys: "Enter in a new name", help: "Add the card, stage or lane and keep the field open for the next one (Escape closes it)" },
  { keys: "Ctrl+Enter", help: "Add the feedback being typed (Escape in a quote's form closes the panel)" },
];

export function KeyboardHelp() {
  return (
    <details className="keys-help">
      <summary>Keyboard</summary>
      <div className="keys-help__popover">
        <table className="keys-help__table" data-testid="keys-help">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            <HelpRow keys="Tab / Shift+Tab" help="Go to the next or previous card or control" />
            {keyboardHelp().map((h) => (
              <HelpRow key={h.name} keys={h.keys} help={h.help} />
            ))}
            {FIELD_KEYS.map((h) => (
              <HelpRow key={h.keys} keys={h.keys} help={h.help} />
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function HelpRow({ keys, help }: { keys: string; help: string }) {
  return (
    <tr>
      <td className="keys-help__keys">{keys}</td>
      <td>{help}</td>
    </tr>
  );
}
