// Undo and redo shortcuts for the board. Inside a text field the browser's own text undo
// applies, so the board's shortcuts are ignored there.

export type ShortcutKey = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
};

/** The minimal shape of an event target this module inspects. */
export type TargetLike = { tagName?: string; isContentEditable?: boolean; type?: string } | null;

const NON_TEXT_INPUTS = new Set(["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"]);

/** Whether the target is a place where the user types text. */
export function isTypingTarget(target: TargetLike): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? "").toUpperCase();
  if (tag === "TEXTAREA") return true;
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((target.type ?? "text").toLowerCase());
  return false;
}

/** "undo" for Ctrl+Z, "redo" for Ctrl+Shift+Z or Ctrl+Y (Cmd on macOS), else null. */
export function historyShortcut(e: ShortcutKey, target: TargetLike): "undo" | "redo" | null {
  if (isTypingTarget(target)) return null;
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === "z") return e.shiftKey ? "redo" : "undo";
  if (key === "y" && !e.shiftKey) return "redo";
  return null;
}
