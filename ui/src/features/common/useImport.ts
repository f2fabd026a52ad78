// The import flow shared by the library and the map toolbar: import with "refuse"; on a
// conflict offer to replace the existing map or import a copy (each opens the file
// dialog again, since the file is chosen on the Rust side). Failures show every problem
// with its JSON path; nothing changes on failure.
import { useCallback, useRef } from "react";
import type { FileOutcome } from "../../bindings";
import { ipc, toError, type ImportMode } from "../../ipc";
import { useMessages } from "../messages/messages";

export function useImport(onImported: (outcome: FileOutcome) => void): () => void {
  const messages = useMessages();
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  const run = useCallback(
    async (mode: ImportMode) => {
      try {
        const outcome = await ipc.importMap(mode);
        if (outcome.path === null) return;
        const how = mode === "replace" ? " (replaced the existing map)" : mode === "copy" ? " as a copy" : "";
        messages.clearError();
        messages.showStatus(`Imported ${outcome.path}${how}`);
        onImportedRef.current(outcome);
      } catch (e) {
        const err = toError(e);
        if (err.code === "conflict") {
          messages.showError(
            { ...err, message: `${err.message} Choose the file again to replace the existing map or to import it as a copy.` },
            [
              { label: "Replace existing map…", testId: "import-replace", run: () => void run("replace") },
              { label: "Import as a copy…", testId: "import-copy", run: () => void run("copy") },
            ],
          );
        } else {
          messages.showError(err);
        }
      }
    },
    [messages],
  );

  return useCallback(() => void run("refuse"), [run]);
}
