// The import flow shared by the library and the map toolbar: import with "refuse"; when
// the file's map id is taken, the error names the map that holds it and offers to replace
// that map or to import the same file as a copy (no second dialog: the shell remembers
// the file chosen). Failures show every problem with its JSON path; nothing changes on
// failure.
import { createElement, Fragment, useCallback, useRef } from "react";
import type { FileOutcome } from "../../bindings";
import { type ImportMode, ipc, toError } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { useMessages } from "../messages/messages";

export function useImport(onImported: (outcome: FileOutcome) => void): () => void {
  const messages = useMessages();
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  const run = useCallback(
    async (mode: ImportMode, sameFile: boolean) => {
      try {
        const outcome = await ipc.importMap(mode, sameFile);
        if (outcome.path === null) return;
        const how = mode === "replace" ? " (replaced the existing map)" : mode === "copy" ? " as a copy" : "";
        messages.clearError();
        messages.showStatus(`Imported ${isolate(outcome.path)}${how}`);
        onImportedRef.current(outcome);
      } catch (e) {
        const err = toError(e);
        const existing = err.existingMap;
        if (err.code === "conflict" && existing !== null) {
          // The name isolated in the message, and in a <bdi> on the button (whose text stays
          // exactly “Replace “name””): its bidi controls cannot reorder the words around it.
          const name = createElement("bdi", null, existing.name);
          messages.showError({ ...err, message: `This file's map is already in your library: “${isolate(existing.name)}”.` }, [
            {
              label: createElement(Fragment, null, "Replace “", name, "”"),
              testId: "import-replace",
              run: () => void run("replace", true),
            },
            { label: "Import as a copy", testId: "import-copy", run: () => void run("copy", true) },
          ]);
        } else {
          messages.showError(err);
        }
      }
    },
    [messages],
  );

  return useCallback(() => void run("refuse", false), [run]);
}
