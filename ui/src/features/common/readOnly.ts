// Whether the database can only be read, shared through context: `start` says why (a
// read-only file, folder or disk) and every view hides or disables what would write.
// Null (the default, so views rendered alone in tests edit as before) when writable.
import { createContext, useContext } from "react";

export const ReadOnlyContext = createContext<string | null>(null);

/** Why the database can only be read, or null when edits are on. */
export function useReadOnly(): string | null {
  return useContext(ReadOnlyContext);
}

/** Whether edits are off. */
export function useEditsOff(): boolean {
  return useContext(ReadOnlyContext) !== null;
}
