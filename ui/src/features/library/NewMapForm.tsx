// Creates a map: type a name and press Enter (or the New map button) to create and open it.
import { useRef, useState } from "react";

export function NewMapForm({ onCreate }: { onCreate: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const create = async () => {
    const trimmed = name.trim();
    if (trimmed === "") {
      input.current?.focus();
      return;
    }
    setBusy(true);
    const ok = await onCreate(trimmed);
    setBusy(false);
    if (ok) setName("");
  };

  return (
    <form
      className="new-map"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <label htmlFor="new-map-name" className="sr-only">
        New map name
      </label>
      <input
        id="new-map-name"
        ref={input}
        type="text"
        data-testid="new-map-name"
        placeholder="New map name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="primary" data-testid="new-map" disabled={busy}>
        New map
      </button>
    </form>
  );
}
