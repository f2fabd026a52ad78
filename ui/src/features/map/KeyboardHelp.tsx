// The toolbar's "Keyboard" help: generated from the action table, so every action with
// keys is listed with what it does.
import { keyboardHelp } from "./actions";

export function KeyboardHelp() {
  return (
    <details className="keys-help">
      <summary>Keyboard</summary>
      <dl>
        {/* Not an action: the browser's own focus order. */}
        <dt>Tab / Shift+Tab</dt>
        <dd>Go to the next or previous card or control</dd>
        {keyboardHelp().map((h) => (
          <HelpRow key={h.name} keys={h.keys} help={h.help} />
        ))}
      </dl>
    </details>
  );
}

function HelpRow({ keys, help }: { keys: string; help: string }) {
  return (
    <>
      <dt>{keys}</dt>
      <dd>{help}</dd>
    </>
  );
}
