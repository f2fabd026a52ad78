// For the tests: the backend's decision commands and its undo history over a copy of the
// map, answering every edit with the patch from the old view to the new (as the real
// `Edited` does), so the UI's edit queue, patching and undo run as in the app.
import type { Mock } from "vitest";
import type { DecisionFields, Edited, MapView } from "../../bindings";
import { clone, decision, patchBetween } from "../../lib/testData";

export type DecisionIpc = { addDecision: Mock; updateDecision: Mock; deleteDecision: Mock; undo: Mock; redo: Mock };

export function serveDecisions(ipc: DecisionIpc, v: MapView): { stored: () => MapView } {
  let stored = clone(v);
  const past: MapView[] = [];
  const future: MapView[] = [];
  let n = 0;

  const move = (next: MapView): Edited => {
    next.canUndo = past.length > 0;
    next.canRedo = future.length > 0;
    const patch = patchBetween(stored, next);
    stored = next;
    return { patch, createdId: null };
  };
  const commit = (change: (next: MapView) => void, createdId: string | null = null): Edited => {
    const next = clone(stored);
    change(next);
    past.push(stored);
    future.length = 0;
    return { ...move(next), createdId };
  };

  ipc.addDecision.mockImplementation(async (_map: string, touchpointId: string, f: DecisionFields) => {
    const id = `dc_new${++n}`;
    return commit((next) => next.decisions.push(decision(id, touchpointId, { ...f })), id);
  });
  ipc.updateDecision.mockImplementation(async (_map: string, id: string, f: DecisionFields) =>
    commit((next) => {
      const d = next.decisions.find((x) => x.id === id);
      if (d === undefined) throw new Error(`no decision ${id}`);
      Object.assign(d, f);
    }),
  );
  ipc.deleteDecision.mockImplementation(async (_map: string, id: string) =>
    commit((next) => {
      next.decisions = next.decisions.filter((x) => x.id !== id);
    }),
  );
  ipc.undo.mockImplementation(async () => {
    const prev = past.pop();
    if (prev === undefined) return move(clone(stored));
    future.push(stored);
    return move(clone(prev));
  });
  ipc.redo.mockImplementation(async () => {
    const next = future.pop();
    if (next === undefined) return move(clone(stored));
    past.push(stored);
    return move(clone(next));
  });
  return { stored: () => stored };
}
