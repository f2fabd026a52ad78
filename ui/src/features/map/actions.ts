// Every command of the map screen that a key or a toolbar button runs, declared once:
// its name, label, keys (a test on the key event and the text shown in the help), when it
// applies, and whether it is allowed in presentation mode. One window keydown handler
// runs the global ones; a focused card's keydown runs the card ones. The toolbar's titles
// and the keyboard help are generated from this table.
import type { TouchpointDto } from "../../bindings";
import { isFilterActive } from "../../lib/filter";
import { isMoveKey, type MoveKey } from "../../lib/keyboardMove";
import { historyShortcut, isTypingTarget, type ShortcutKey, type TargetLike } from "../../lib/shortcuts";
import type { MapScreenKind, MapState } from "./mapStore";

/** The key event fields the actions look at (a DOM or React keyboard event has them all). */
export type KeyLike = ShortcutKey & { preventDefault: () => void; defaultPrevented?: boolean };

/** What the global actions do; built by the map screen. */
export type GlobalCommands = {
  undo: () => void;
  redo: () => void;
  /** Leaves link-picking mode, else closes the panel. */
  closePanel: () => void;
  toLibrary: () => void;
  /** Opens the toolbar's name input for a new stage (at the end) or lane. */
  startAdding: (what: "stage" | "lane") => void;
  /** Opens the toolbar's new-stage input for stages after the focused card's or header's stage (else at the end). */
  addStageAfterFocus: () => void;
  exportMap: () => void;
  importMap: () => void;
  /** Opens the presentation (workshop mode's walk through the map, full screen). */
  present: () => void;
  /** Opens or closes the insight panel. */
  toggleInsight: () => void;
  /** Turns the pain path highlight on the board on or off. */
  togglePath: () => void;
  /** Shows the view, or the board when it is already shown. */
  toggleScreen: (screen: Exclude<MapScreenKind, "board">) => void;
  clearFilter: () => void;
  /** Moves focus to the filter bar's search field. */
  focusSearch: () => void;
  zoom: (how: "in" | "out" | "fit") => void;
};

/** What the card actions do to the focused card; built by the board's handlers. */
export type CardCommands = {
  /** Selects the card, or completes a link in link mode. */
  activate: (id: string) => void;
  /** Opens the card's panel with focus in its title field. */
  edit: (id: string) => void;
  delete: (t: TouchpointDto) => void;
  /** Moves the card as the move key says (no-op at an edge). */
  move: (t: TouchpointDto, e: MoveKey) => void;
  /** Saves a pain digit (0–9; a 0 right after a 1 on the same card makes 10). */
  setPain: (t: TouchpointDto, digit: number) => void;
  /** Saves the emotion (−2..+2) and moves focus to the next card in reading order. */
  setEmotion: (t: TouchpointDto, emotion: number) => void;
  /** Opens the cell's new-card input, placed after the card. */
  addAfter: (t: TouchpointDto) => void;
  /** Opens the card's panel with the feedback form at the top, focus in its text. */
  addQuote: (id: string) => void;
};

export type GlobalContext = { state: () => MapState; commands: GlobalCommands };
export type CardContext = { state: () => MapState; commands: CardCommands };

type Base<Name extends string> = {
  name: Name;
  /** Short name, used in button titles: "Undo (Ctrl+Z)". */
  label: string;
  /** The keys as the help shows them, or null when no key runs it. */
  keys: string | null;
  /** The help text for the keys, when it differs from the label. */
  help?: string;
  /** Whether it may run in presentation mode (which only shows the map). */
  allowedInPresent: boolean;
  /** Whether a matching key press has its default prevented (default true). */
  preventDefault?: boolean;
};

export type GlobalActionName =
  | "undo"
  | "redo"
  | "closePanel"
  | "toLibrary"
  | "addStage"
  | "addLane"
  | "addStageAfter"
  | "export"
  | "import"
  | "present"
  | "toggleInsight"
  | "togglePath"
  | "toggleHeatmap"
  | "toggleEvidence"
  | "toggleDecisions"
  | "toggleVoting"
  | "clearFilter"
  | "focusSearch"
  | "zoomIn"
  | "zoomOut"
  | "zoomFit";
export type CardActionName =
  | "selectCard"
  | "editCard"
  | "setPain"
  | "setEmotion"
  | "addCardAfter"
  | "addQuote"
  | "moveCardStage"
  | "moveCardLane"
  | "reorderCard"
  | "deleteCard";

export type GlobalAction = Base<GlobalActionName> & {
  scope: "global";
  keyTest?: (e: ShortcutKey, target: TargetLike) => boolean;
  /** Whether it applies now (a disabled button when not). */
  predicate: (s: MapState) => boolean;
  perform: (c: GlobalContext) => void;
  /** The toolbar button that runs it, if any. */
  button?: { text: string; testId: string };
  /** For a toggle: whether it is on (the button's aria-pressed). */
  pressed?: (s: MapState) => boolean;
};

export type CardAction = Base<CardActionName> & {
  scope: "card";
  keyTest: (e: ShortcutKey) => boolean;
  predicate: (s: MapState, t: TouchpointDto) => boolean;
  perform: (c: CardContext, t: TouchpointDto, e: ShortcutKey) => void;
};

export type MapAction = GlobalAction | CardAction;

const plain = (e: ShortcutKey) => !e.altKey && !e.ctrlKey && !e.metaKey;
const always = () => true;
/** A plain letter key, no modifier at all, and not typed into a select (its type-ahead). */
const letter = (e: ShortcutKey, target: TargetLike, k: string) =>
  e.key === k && plain(e) && !e.shiftKey && (target?.tagName ?? "").toUpperCase() !== "SELECT";
const onBoard = (s: MapState) => s.screen === "board";
/** A plain letter on a focused card, caps lock or not (Shift is left to other uses). */
const cardLetter = (e: ShortcutKey, k: string) => plain(e) && !e.shiftKey && e.key.toLowerCase() === k;

/**
 * The emotion keys, most negative first: Z X C V B set −2 −1 0 +1 +2. A row of their
 * own, next to no other shortcut's letter (I, P, H, E, S, N, Q), under the left hand
 * while the digits set the pain.
 */
export const EMOTION_KEYS = ["z", "x", "c", "v", "b"] as const;

/** The emotion a key sets on a focused card, or null when it is not an emotion key. */
export function emotionForKey(e: ShortcutKey): number | null {
  if (!plain(e) || e.shiftKey) return null;
  const at = (EMOTION_KEYS as readonly string[]).indexOf(e.key.toLowerCase());
  return at < 0 ? null : at - 2;
}

/** The digit a key sets as pain on a focused card (the top row or the keypad), or null. */
export function painDigitForKey(e: ShortcutKey): number | null {
  return plain(e) && !e.shiftKey && /^[0-9]$/.test(e.key) ? Number(e.key) : null;
}

/** How long after a 1 a 0 on the same card still makes 10. */
export const TEN_WINDOW_MS = 700;

export const CARD_ACTIONS: readonly CardAction[] = [
  {
    name: "selectCard",
    scope: "card",
    label: "Show details",
    keys: "Enter",
    help: "Show the focused card's details",
    keyTest: (e) => (e.key === "Enter" || e.key === " ") && plain(e),
    predicate: always,
    perform: (c, t) => c.commands.activate(t.id),
    allowedInPresent: true,
  },
  {
    name: "editCard",
    scope: "card",
    label: "Edit",
    keys: "F2",
    help: "Edit the focused card in the panel",
    keyTest: (e) => e.key === "F2" && plain(e),
    predicate: always,
    perform: (c, t) => c.commands.edit(t.id),
    allowedInPresent: false,
  },
  {
    name: "setPain",
    scope: "card",
    label: "Set the pain",
    keys: "0 … 9",
    help: "Set the focused card's pain, 0–9; 1 then 0 within a moment sets 10",
    keyTest: (e) => painDigitForKey(e) !== null,
    predicate: always,
    perform: (c, t, e) => c.commands.setPain(t, painDigitForKey(e) ?? 0),
    allowedInPresent: false,
  },
  {
    name: "setEmotion",
    scope: "card",
    label: "Set the emotion",
    keys: "Z X C V B",
    help: "Set the focused card's emotion −2, −1, 0, +1, +2 and go on to the next card",
    keyTest: (e) => emotionForKey(e) !== null,
    predicate: always,
    perform: (c, t, e) => c.commands.setEmotion(t, emotionForKey(e) ?? 0),
    allowedInPresent: false,
  },
  {
    name: "addCardAfter",
    scope: "card",
    label: "New card after this one",
    keys: "N",
    help: "Add cards after the focused one, in its cell",
    keyTest: (e) => cardLetter(e, "n"),
    predicate: always,
    perform: (c, t) => c.commands.addAfter(t),
    allowedInPresent: false,
  },
  {
    name: "addQuote",
    scope: "card",
    label: "Add a quote",
    keys: "Q",
    help: "Add a quote to the focused card: its panel opens with the feedback form first",
    keyTest: (e) => cardLetter(e, "q"),
    predicate: always,
    perform: (c, t) => c.commands.addQuote(t.id),
    allowedInPresent: false,
  },
  {
    name: "moveCardStage",
    scope: "card",
    label: "Move to the neighbouring stage",
    keys: "Alt+←/→",
    help: "Move the card to the previous or next stage",
    keyTest: (e) => isMoveKey(e) && !e.ctrlKey && (e.key === "ArrowLeft" || e.key === "ArrowRight"),
    predicate: always,
    perform: (c, t, e) => c.commands.move(t, e),
    allowedInPresent: false,
  },
  {
    name: "moveCardLane",
    scope: "card",
    label: "Move to the neighbouring lane",
    keys: "Alt+↑/↓",
    help: "Move the card to the previous or next lane",
    keyTest: (e) => isMoveKey(e) && !e.ctrlKey && (e.key === "ArrowUp" || e.key === "ArrowDown"),
    predicate: always,
    perform: (c, t, e) => c.commands.move(t, e),
    allowedInPresent: false,
  },
  {
    name: "reorderCard",
    scope: "card",
    label: "Move within the cell",
    keys: "Ctrl+Alt+↑/↓",
    help: "Move the card up or down in its cell",
    keyTest: (e) => isMoveKey(e) && e.ctrlKey,
    predicate: always,
    perform: (c, t, e) => c.commands.move(t, e),
    allowedInPresent: false,
  },
  {
    name: "deleteCard",
    scope: "card",
    label: "Delete",
    keys: "Delete",
    help: "Delete the focused card",
    keyTest: (e) => e.key === "Delete" && plain(e),
    predicate: always,
    perform: (c, t) => c.commands.delete(t),
    allowedInPresent: false,
  },
];

export const GLOBAL_ACTIONS: readonly GlobalAction[] = [
  {
    name: "undo",
    scope: "global",
    label: "Undo",
    keys: "Ctrl+Z",
    // Not while typing: the field's own undo applies there.
    keyTest: (e, target) => historyShortcut(e, target) === "undo",
    predicate: (s) => s.session.view.canUndo,
    perform: (c) => c.commands.undo(),
    allowedInPresent: false,
    button: { text: "↶ Undo", testId: "undo" },
  },
  {
    name: "redo",
    scope: "global",
    label: "Redo",
    keys: "Ctrl+Shift+Z or Ctrl+Y",
    keyTest: (e, target) => historyShortcut(e, target) === "redo",
    predicate: (s) => s.session.view.canRedo,
    perform: (c) => c.commands.redo(),
    allowedInPresent: false,
    button: { text: "↷ Redo", testId: "redo" },
  },
  {
    name: "closePanel",
    scope: "global",
    label: "Close",
    keys: "Escape",
    help: "Close the panel or stop picking a link target",
    keyTest: (e, target) => e.key === "Escape" && !e.shiftKey && !isTypingTarget(target),
    predicate: (s) => s.linkMode !== null || s.selection !== null,
    perform: (c) => c.commands.closePanel(),
    allowedInPresent: true,
    preventDefault: false,
  },
  {
    name: "toLibrary",
    scope: "global",
    label: "Back to the library",
    keys: null,
    predicate: always,
    perform: (c) => c.commands.toLibrary(),
    allowedInPresent: true,
    button: { text: "← Library", testId: "to-library" },
  },
  {
    name: "addStage",
    scope: "global",
    label: "Add a stage",
    keys: null,
    predicate: always,
    perform: (c) => c.commands.startAdding("stage"),
    allowedInPresent: false,
    button: { text: "+ Stage", testId: "add-stage" },
  },
  {
    name: "addStageAfter",
    scope: "global",
    label: "New stage after this one",
    keys: "S",
    help: "Add stages after the stage of the focused card or stage header (elsewhere: at the end)",
    keyTest: (e, target) => letter(e, target, "s"),
    predicate: always,
    perform: (c) => c.commands.addStageAfterFocus(),
    allowedInPresent: false,
  },
  {
    name: "addLane",
    scope: "global",
    label: "Add a lane",
    keys: null,
    predicate: always,
    perform: (c) => c.commands.startAdding("lane"),
    allowedInPresent: false,
    button: { text: "+ Lane", testId: "add-lane" },
  },
  {
    name: "export",
    scope: "global",
    label: "Export JSON",
    keys: null,
    predicate: always,
    perform: (c) => c.commands.exportMap(),
    allowedInPresent: true,
    button: { text: "Export JSON…", testId: "export" },
  },
  {
    name: "import",
    scope: "global",
    label: "Import JSON",
    keys: null,
    predicate: always,
    perform: (c) => c.commands.importMap(),
    allowedInPresent: false,
    button: { text: "Import JSON…", testId: "import" },
  },
  {
    name: "present",
    scope: "global",
    label: "Present",
    keys: "F5",
    help: "Present the map full screen: the top pain points, stage by stage, the pain path (Esc leaves)",
    keyTest: (e) => e.key === "F5" && plain(e) && !e.shiftKey,
    predicate: always,
    perform: (c) => c.commands.present(),
    allowedInPresent: true,
    button: { text: "▶ Present", testId: "present" },
  },
  {
    name: "toggleInsight",
    scope: "global",
    label: "Insight panel",
    keys: "I",
    help: "Open or close the insight panel",
    keyTest: (e, target) => letter(e, target, "i"),
    predicate: always,
    perform: (c) => c.commands.toggleInsight(),
    allowedInPresent: true,
    button: { text: "Insight", testId: "insight-toggle" },
    pressed: (s) => s.insightOpen,
  },
  {
    name: "togglePath",
    scope: "global",
    label: "Highlight the pain path",
    keys: "P",
    help: "Highlight the most painful path on the board, or stop",
    keyTest: (e, target) => letter(e, target, "p"),
    predicate: always,
    perform: (c) => c.commands.togglePath(),
    allowedInPresent: true,
    pressed: (s) => s.pathOn,
  },
  {
    name: "toggleHeatmap",
    scope: "global",
    label: "Heatmap",
    keys: "H",
    help: "Show the stage × lane heatmap, or the board again",
    keyTest: (e, target) => letter(e, target, "h"),
    predicate: always,
    perform: (c) => c.commands.toggleScreen("heatmap"),
    allowedInPresent: true,
    button: { text: "Heatmap", testId: "heatmap-toggle" },
    pressed: (s) => s.screen === "heatmap",
  },
  {
    name: "toggleEvidence",
    scope: "global",
    label: "Evidence",
    keys: "E",
    help: "Show every feedback item of the map, or the board again",
    keyTest: (e, target) => letter(e, target, "e"),
    predicate: always,
    perform: (c) => c.commands.toggleScreen("evidence"),
    allowedInPresent: true,
    button: { text: "Evidence", testId: "evidence-toggle" },
    pressed: (s) => s.screen === "evidence",
  },
  {
    name: "toggleDecisions",
    scope: "global",
    label: "Decisions",
    keys: "D",
    help: "Show every decision and opportunity of the map, or the board again",
    keyTest: (e, target) => letter(e, target, "d"),
    predicate: always,
    perform: (c) => c.commands.toggleScreen("decisions"),
    allowedInPresent: true,
    button: { text: "Decisions", testId: "decisions-toggle" },
    pressed: (s) => s.screen === "decisions",
  },
  {
    name: "toggleVoting",
    scope: "global",
    label: "Vote",
    keys: null,
    predicate: always,
    perform: (c) => c.commands.toggleScreen("voting"),
    // Opens a view; saving a round is refused on a read-only database like any edit.
    allowedInPresent: true,
    button: { text: "Vote", testId: "vote" },
    pressed: (s) => s.screen === "voting",
  },
  {
    name: "focusSearch",
    scope: "global",
    label: "Search the board",
    keys: "/",
    help: "Move to the board's search field",
    keyTest: (e, target) => e.key === "/" && plain(e) && (target?.tagName ?? "").toUpperCase() !== "SELECT",
    predicate: onBoard,
    perform: (c) => c.commands.focusSearch(),
    allowedInPresent: true,
  },
  {
    name: "clearFilter",
    scope: "global",
    label: "Clear the filter",
    keys: "Shift+Escape",
    help: "Clear the board's filter and search",
    keyTest: (e) => e.key === "Escape" && e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey,
    predicate: (s) => isFilterActive(s.filter),
    perform: (c) => c.commands.clearFilter(),
    allowedInPresent: true,
  },
  {
    name: "zoomIn",
    scope: "global",
    label: "Zoom in",
    keys: "Ctrl+=",
    keyTest: (e) => (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "=" || e.key === "+"),
    predicate: onBoard,
    perform: (c) => c.commands.zoom("in"),
    allowedInPresent: true,
    button: { text: "+", testId: "zoom-in" },
  },
  {
    name: "zoomOut",
    scope: "global",
    label: "Zoom out",
    keys: "Ctrl+−",
    keyTest: (e) => (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "-" || e.key === "_" || e.key === "\u2212"),
    predicate: onBoard,
    perform: (c) => c.commands.zoom("out"),
    allowedInPresent: true,
    button: { text: "−", testId: "zoom-out" },
  },
  {
    name: "zoomFit",
    scope: "global",
    label: "Fit the map to the window",
    keys: "Ctrl+0",
    keyTest: (e) => (e.ctrlKey || e.metaKey) && !e.altKey && e.key === "0",
    predicate: onBoard,
    perform: (c) => c.commands.zoom("fit"),
    allowedInPresent: true,
    button: { text: "Fit", testId: "zoom-fit" },
  },
];

/** Every action, in the order the keyboard help lists them. */
export const ACTIONS: readonly MapAction[] = [...CARD_ACTIONS, ...GLOBAL_ACTIONS];

export function globalAction(name: GlobalActionName): GlobalAction {
  const a = GLOBAL_ACTIONS.find((x) => x.name === name);
  if (a === undefined) throw new Error(`no action ${name}`);
  return a;
}

/** A button's title: the label with its keys, or undefined when no key runs it. */
export function actionTitle(a: MapAction): string | undefined {
  return a.keys === null ? undefined : `${a.label} (${a.keys})`;
}

/** The keyboard help: the keys and what they do, for every action that has keys. */
export function keyboardHelp(): { name: string; keys: string; help: string }[] {
  return ACTIONS.flatMap((a) => (a.keys === null ? [] : [{ name: a.name, keys: a.keys, help: a.help ?? a.label }]));
}

/**
 * Whether the mode allows the action. A read-only database allows what presentation
 * mode does: whatever only shows the map (the edits are the actions it refuses).
 */
export function allowedIn(a: MapAction, s: MapState): boolean {
  return (s.mode !== "present" && s.readOnly === null) || a.allowedInPresent;
}

/** Whether a global action can run now (a toolbar button is disabled when not). */
export function isEnabled(a: GlobalAction, s: MapState): boolean {
  return allowedIn(a, s) && a.predicate(s);
}

/** Runs a global action (from a button) if it is allowed and applies; returns whether it ran. */
export function runAction(name: GlobalActionName, c: GlobalContext): boolean {
  const a = globalAction(name);
  if (!isEnabled(a, c.state())) return false;
  a.perform(c);
  return true;
}

/** The global action a key press belongs to, if any (the first whose key test matches). */
export function globalActionForKey(e: ShortcutKey, target: TargetLike): GlobalAction | undefined {
  return GLOBAL_ACTIONS.find((a) => a.keyTest?.(e, target));
}

/** The card action a key press on a focused card belongs to, if any. */
export function cardActionForKey(e: ShortcutKey): CardAction | undefined {
  return CARD_ACTIONS.find((a) => a.keyTest(e));
}

/**
 * The window's keydown handler: runs the global action the key belongs to. Nothing runs
 * while typing in a field, for a key already handled, or for an action the mode refuses.
 * A matching key has its default prevented (unless the action says not) even when the
 * action does not apply now, as the undo shortcut always did. Returns the action run.
 */
export function handleGlobalKey(e: KeyLike, target: TargetLike, c: GlobalContext): GlobalAction | null {
  if (e.defaultPrevented) return null;
  if (isTypingTarget(target)) return null;
  const a = globalActionForKey(e, target);
  if (a === undefined) return null;
  const s = c.state();
  if (!allowedIn(a, s)) return null;
  if (a.preventDefault !== false) e.preventDefault();
  if (!a.predicate(s)) return null;
  a.perform(c);
  return a;
}

/** A focused card's keydown handler: runs the card action the key belongs to. Returns the action run. */
export function handleCardKey(e: KeyLike, t: TouchpointDto, c: CardContext): CardAction | null {
  const a = cardActionForKey(e);
  if (a === undefined) return null;
  const s = c.state();
  if (!allowedIn(a, s)) return null;
  if (a.preventDefault !== false) e.preventDefault();
  if (!a.predicate(s, t)) return null;
  a.perform(c, t, e);
  return a;
}
