// The presentation's keys, declared once: each command with its key test and the text the
// presentation's key help shows. The presentation has no buttons: the keyboard (or a
// clicker, which sends PageDown/PageUp) is the only way to drive it.
import type { DecisionKind } from "../../bindings";
import type { ShortcutKey } from "../../lib/shortcuts";
import type { WalkKind } from "./walks";

export type PresentationCommand =
  | { type: "next" }
  | { type: "previous" }
  | { type: "first" }
  | { type: "last" }
  | { type: "digit"; digit: string }
  | { type: "walk"; walk: WalkKind }
  | { type: "cycleWalk"; by: 1 | -1 }
  | { type: "timerToggle" }
  | { type: "timerAdd"; minutes: 1 | -1 }
  | { type: "timerReset" }
  | { type: "decide"; kind: DecisionKind }
  | { type: "help" }
  | { type: "leave" };

type Row = { keys: string; help: string; command: (e: ShortcutKey) => PresentationCommand | null };

const plain = (e: ShortcutKey) => !e.altKey && !e.ctrlKey && !e.metaKey;
const bare = (e: ShortcutKey) => plain(e) && !e.shiftKey;
const letter = (e: ShortcutKey, k: string) => bare(e) && e.key.toLowerCase() === k;

/** Every key of the presentation, in the order its help lists them. */
export const PRESENTATION_KEYS: readonly Row[] = [
  {
    keys: "→ or ↓, Space, PageDown",
    help: "Next item",
    command: (e) =>
      plain(e) && (e.key === "ArrowRight" || e.key === "ArrowDown" || e.key === "PageDown" || (e.key === " " && !e.shiftKey))
        ? { type: "next" }
        : null,
  },
  {
    keys: "← or ↑, Shift+Space, PageUp",
    help: "Previous item",
    command: (e) =>
      plain(e) && (e.key === "ArrowLeft" || e.key === "ArrowUp" || e.key === "PageUp" || (e.key === " " && e.shiftKey))
        ? { type: "previous" }
        : null,
  },
  {
    keys: "Home / End",
    help: "First / last item",
    command: (e) => (!plain(e) ? null : e.key === "Home" ? { type: "first" } : e.key === "End" ? { type: "last" } : null),
  },
  {
    keys: "1 … 9, 10 …",
    help: "Go to that item (type two digits quickly for 10 and up)",
    command: (e) => (bare(e) && /^[0-9]$/.test(e.key) ? { type: "digit", digit: e.key } : null),
  },
  { keys: "P", help: "Walk: the top pain points", command: (e) => (letter(e, "p") ? { type: "walk", walk: "painpoints" } : null) },
  { keys: "S", help: "Walk: stage by stage", command: (e) => (letter(e, "s") ? { type: "walk", walk: "stages" } : null) },
  { keys: "F", help: "Walk: the pain path (flow), step by step", command: (e) => (letter(e, "f") ? { type: "walk", walk: "path" } : null) },
  {
    keys: "Tab / Shift+Tab",
    help: "Next / previous walk",
    command: (e) => (plain(e) && e.key === "Tab" ? { type: "cycleWalk", by: e.shiftKey ? -1 : 1 } : null),
  },
  { keys: "T", help: "Start or pause the timer", command: (e) => (letter(e, "t") ? { type: "timerToggle" } : null) },
  {
    keys: "+ / −",
    help: "One minute more / less on the timer",
    command: (e) =>
      !plain(e)
        ? null
        : e.key === "+" || e.key === "="
          ? { type: "timerAdd", minutes: 1 }
          : e.key === "-" || e.key === "_" || e.key === "\u2212"
            ? { type: "timerAdd", minutes: -1 }
            : null,
  },
  { keys: "R", help: "Reset the timer", command: (e) => (letter(e, "r") ? { type: "timerReset" } : null) },
  {
    keys: "D / O",
    help: "Write a decision / an opportunity onto the touchpoint on screen (Enter saves, Esc cancels)",
    command: (e) =>
      letter(e, "d") ? { type: "decide", kind: "decision" } : letter(e, "o") ? { type: "decide", kind: "opportunity" } : null,
  },
  { keys: "?", help: "Show or hide these keys", command: (e) => (plain(e) && e.key === "?" ? { type: "help" } : null) },
  {
    keys: "Esc",
    help: "Leave the presentation (an open entry or these keys close first)",
    command: (e) => (e.key === "Escape" && bare(e) ? { type: "leave" } : null),
  },
];

/** The command a key press belongs to, if any. */
export function presentationCommand(e: ShortcutKey): PresentationCommand | null {
  for (const row of PRESENTATION_KEYS) {
    const c = row.command(e);
    if (c !== null) return c;
  }
  return null;
}

/** Digits typed within this long of each other make one number ("1", "2" → item 12). */
export const DIGIT_WINDOW_MS = 1000;

export type DigitBuffer = { digits: string; at: number };

/**
 * The item (0-based) a digit key goes to, and the digits kept for the next key. A digit
 * typed soon after another extends the number when an item has that number; otherwise it
 * counts alone. "0" alone goes nowhere.
 */
export function digitJump(
  buffer: DigitBuffer | null,
  digit: string,
  now: number,
  count: number,
): { index: number | null; buffer: DigitBuffer } {
  const joined = buffer !== null && now - buffer.at <= DIGIT_WINDOW_MS ? buffer.digits + digit : null;
  if (joined !== null) {
    const n = Number(joined);
    if (n >= 1 && n <= count) return { index: n - 1, buffer: { digits: joined, at: now } };
  }
  const n = Number(digit);
  return { index: n >= 1 && n <= count ? n - 1 : null, buffer: { digits: digit, at: now } };
}
