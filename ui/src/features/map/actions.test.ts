import { describe, expect, it, vi } from "vitest";
import { tp, view } from "../../lib/testData";
import {
  ACTIONS,
  actionTitle,
  type CardCommands,
  cardActionForKey,
  GLOBAL_ACTIONS,
  type GlobalCommands,
  globalAction,
  globalActionForKey,
  handleCardKey,
  handleGlobalKey,
  keyboardHelp,
  runAction,
} from "./actions";
import { initialMapState, type MapState } from "./mapStore";

function key(k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) {
  return {
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
    preventDefault: vi.fn(),
    defaultPrevented: false,
  };
}

function globalCommands(): GlobalCommands {
  return {
    undo: vi.fn(),
    redo: vi.fn(),
    closePanel: vi.fn(),
    toLibrary: vi.fn(),
    startAdding: vi.fn(),
    addStageAfterFocus: vi.fn(),
    exportMap: vi.fn(),
    importMap: vi.fn(),
    present: vi.fn(),
    toggleInsight: vi.fn(),
    togglePath: vi.fn(),
    toggleScreen: vi.fn(),
    clearFilter: vi.fn(),
    focusSearch: vi.fn(),
    zoom: vi.fn(),
  };
}
function cardCommands(): CardCommands {
  return {
    activate: vi.fn(),
    edit: vi.fn(),
    delete: vi.fn(),
    move: vi.fn(),
    setPain: vi.fn(),
    setEmotion: vi.fn(),
    addAfter: vi.fn(),
    addQuote: vi.fn(),
  };
}
function state(over: Partial<MapState> = {}, canUndo = true, canRedo = true): MapState {
  return { ...initialMapState(view({ canUndo, canRedo })), ...over };
}

const BODY = { tagName: "BODY" };
const INPUT = { tagName: "INPUT", type: "text" };
const TEXTAREA = { tagName: "TEXTAREA" };
const CARD = tp("tp_1", "st_a", "ln_1");

describe("action table", () => {
  it("has unique names", () => {
    const names = ACTIONS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each([
    [key("z", { ctrlKey: true }), "undo"],
    [key("z", { metaKey: true }), "undo"],
    [key("Z", { ctrlKey: true, shiftKey: true }), "redo"],
    [key("y", { ctrlKey: true }), "redo"],
    [key("Escape"), "closePanel"],
    [key("Escape", { shiftKey: true }), "clearFilter"],
    [key("F5"), "present"],
    [key("i"), "toggleInsight"],
    [key("p"), "togglePath"],
    [key("h"), "toggleHeatmap"],
    [key("e"), "toggleEvidence"],
    [key("/"), "focusSearch"],
    [key("=", { ctrlKey: true }), "zoomIn"],
    [key("+", { ctrlKey: true, shiftKey: true }), "zoomIn"],
    [key("-", { ctrlKey: true }), "zoomOut"],
    [key("0", { ctrlKey: true }), "zoomFit"],
  ])("maps a global key to its action (%o → %s)", (e, name) => {
    expect(globalActionForKey(e, BODY)?.name).toBe(name);
  });

  it("maps no global action to other keys", () => {
    for (const e of [
      key("z"),
      key("z", { ctrlKey: true, altKey: true }),
      key("y", { ctrlKey: true, shiftKey: true }),
      key("Enter"),
      key("Delete"),
      key("i", { ctrlKey: true }),
      key("I", { shiftKey: true }),
      key("0"),
    ]) {
      expect(globalActionForKey(e, BODY)).toBeUndefined();
    }
  });

  it.each([
    [key("Enter"), "selectCard"],
    [key(" "), "selectCard"],
    [key("F2"), "editCard"],
    [key("Delete"), "deleteCard"],
    [key("ArrowLeft", { altKey: true }), "moveCardStage"],
    [key("ArrowRight", { altKey: true }), "moveCardStage"],
    [key("ArrowUp", { altKey: true }), "moveCardLane"],
    [key("ArrowDown", { altKey: true }), "moveCardLane"],
    [key("ArrowUp", { altKey: true, ctrlKey: true }), "reorderCard"],
    [key("ArrowDown", { altKey: true, ctrlKey: true }), "reorderCard"],
  ])("maps a card key to its action (%o → %s)", (e, name) => {
    expect(cardActionForKey(e)?.name).toBe(name);
  });

  it("maps no card action to modified or other keys", () => {
    for (const e of [
      key("Enter", { ctrlKey: true }),
      key("F2", { altKey: true }),
      key("Delete", { metaKey: true }),
      key("ArrowLeft"),
      key("ArrowLeft", { altKey: true, ctrlKey: true }),
      key("ArrowUp", { altKey: true, shiftKey: true }),
      key("a"),
    ]) {
      expect(cardActionForKey(e)).toBeUndefined();
    }
  });

  it("runs the action a key maps to, preventing the default", () => {
    const commands = globalCommands();
    const e = key("z", { ctrlKey: true });
    expect(handleGlobalKey(e, BODY, { state: () => state(), commands })?.name).toBe("undo");
    expect(commands.undo).toHaveBeenCalledTimes(1);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it("claims the undo key but does nothing when there is nothing to undo", () => {
    const commands = globalCommands();
    const e = key("z", { ctrlKey: true });
    expect(handleGlobalKey(e, BODY, { state: () => state({}, false), commands })).toBeNull();
    expect(commands.undo).not.toHaveBeenCalled();
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it("runs Escape only when a panel or link mode is open, never preventing the default", () => {
    const commands = globalCommands();
    const e = key("Escape");
    expect(handleGlobalKey(e, BODY, { state: () => state(), commands })).toBeNull();
    expect(handleGlobalKey(e, BODY, { state: () => state({ selection: { kind: "map" } }), commands })?.name).toBe("closePanel");
    expect(handleGlobalKey(e, BODY, { state: () => state({ linkMode: { fromId: "tp_1", kind: "flow" } }), commands })?.name).toBe(
      "closePanel",
    );
    expect(commands.closePanel).toHaveBeenCalledTimes(2);
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it("fires nothing while typing in a field", () => {
    const commands = globalCommands();
    const s = () => state({ selection: { kind: "map" } });
    for (const target of [INPUT, TEXTAREA, { tagName: "DIV", isContentEditable: true }]) {
      for (const e of [key("z", { ctrlKey: true }), key("y", { ctrlKey: true }), key("Escape")]) {
        expect(handleGlobalKey(e, target, { state: s, commands })).toBeNull();
        expect(e.preventDefault).not.toHaveBeenCalled();
      }
    }
    expect(Object.values(commands).every((f) => vi.mocked(f).mock.calls.length === 0)).toBe(true);
  });

  it("runs the view and zoom commands, zoom only on the board", () => {
    const commands = globalCommands();
    handleGlobalKey(key("h"), BODY, { state: () => state(), commands });
    expect(commands.toggleScreen).toHaveBeenCalledWith("heatmap");
    handleGlobalKey(key("0", { ctrlKey: true }), BODY, { state: () => state(), commands });
    expect(commands.zoom).toHaveBeenCalledWith("fit");
    handleGlobalKey(key("=", { ctrlKey: true }), BODY, { state: () => state({ screen: "heatmap" }), commands });
    expect(commands.zoom).toHaveBeenCalledTimes(1);
  });

  it("clears the filter only when one is set", () => {
    const commands = globalCommands();
    const e = key("Escape", { shiftKey: true });
    expect(handleGlobalKey(e, BODY, { state: () => state(), commands })).toBeNull();
    const filtered = state();
    filtered.filter = { ...filtered.filter, minPain: 5 };
    expect(handleGlobalKey(e, BODY, { state: () => filtered, commands })?.name).toBe("clearFilter");
    expect(commands.clearFilter).toHaveBeenCalledTimes(1);
  });

  it("ignores a key another handler already took", () => {
    const commands = globalCommands();
    const e = { ...key("z", { ctrlKey: true }), defaultPrevented: true };
    expect(handleGlobalKey(e, BODY, { state: () => state(), commands })).toBeNull();
    expect(commands.undo).not.toHaveBeenCalled();
  });

  it("refuses in present mode the actions not allowed there, by key and by button", () => {
    const present = () => state({ mode: "present", selection: { kind: "map" } });
    const commands = globalCommands();
    const undo = key("z", { ctrlKey: true });
    expect(handleGlobalKey(undo, BODY, { state: present, commands })).toBeNull();
    expect(undo.preventDefault).not.toHaveBeenCalled();
    expect(commands.undo).not.toHaveBeenCalled();
    // Allowed there: Escape still closes the panel.
    expect(handleGlobalKey(key("Escape"), BODY, { state: present, commands })?.name).toBe("closePanel");

    for (const a of GLOBAL_ACTIONS) {
      expect(runAction(a.name, { state: present, commands })).toBe(a.allowedInPresent && a.predicate(present()));
    }
    expect(commands.undo).not.toHaveBeenCalled();
    expect(commands.startAdding).not.toHaveBeenCalled();
    expect(commands.importMap).not.toHaveBeenCalled();
    expect(commands.toLibrary).toHaveBeenCalled();
    expect(commands.exportMap).toHaveBeenCalled();

    const cards = cardCommands();
    for (const e of [key("F2"), key("Delete"), key("ArrowLeft", { altKey: true }), key("ArrowUp", { altKey: true, ctrlKey: true })]) {
      expect(handleCardKey(e, CARD, { state: present, commands: cards })).toBeNull();
    }
    expect(cards.edit).not.toHaveBeenCalled();
    expect(cards.delete).not.toHaveBeenCalled();
    expect(cards.move).not.toHaveBeenCalled();
    expect(handleCardKey(key("Enter"), CARD, { state: present, commands: cards })?.name).toBe("selectCard");
    expect(cards.activate).toHaveBeenCalledWith("tp_1");
  });

  it("runs the card commands in edit mode", () => {
    const cards = cardCommands();
    const c = { state: () => state(), commands: cards };
    const move = key("ArrowRight", { altKey: true });
    handleCardKey(key("F2"), CARD, c);
    handleCardKey(key("Delete"), CARD, c);
    handleCardKey(move, CARD, c);
    expect(cards.edit).toHaveBeenCalledWith("tp_1");
    expect(cards.delete).toHaveBeenCalledWith(CARD);
    expect(cards.move).toHaveBeenCalledWith(CARD, move);
    expect(move.preventDefault).toHaveBeenCalled();
  });

  it("gives buttons titles with their keys", () => {
    expect(actionTitle(globalAction("undo"))).toBe("Undo (Ctrl+Z)");
    expect(actionTitle(globalAction("redo"))).toBe("Redo (Ctrl+Shift+Z or Ctrl+Y)");
    expect(actionTitle(globalAction("export"))).toBeUndefined();
  });

  it("lists every action with keys in the help, in table order", () => {
    const withKeys = ACTIONS.filter((a) => a.keys !== null);
    expect(keyboardHelp().map((h) => h.name)).toEqual(withKeys.map((a) => a.name));
    expect(withKeys.length).toBeGreaterThanOrEqual(9);
  });

  it("maps the capture keys on a card: digits to pain, Z X C V B to emotion, N, Q", () => {
    const cards = cardCommands();
    const c = { state: () => state(), commands: cards };
    for (const d of "0123456789") expect(handleCardKey(key(d), CARD, c)?.name).toBe("setPain");
    expect(vi.mocked(cards.setPain).mock.calls.map(([, digit]) => digit)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const k of ["z", "x", "c", "v", "B"]) expect(handleCardKey(key(k), CARD, c)?.name).toBe("setEmotion");
    expect(vi.mocked(cards.setEmotion).mock.calls.map(([, emotion]) => emotion)).toEqual([-2, -1, 0, 1, 2]);
    expect(handleCardKey(key("n"), CARD, c)?.name).toBe("addCardAfter");
    expect(cards.addAfter).toHaveBeenCalledWith(CARD);
    expect(handleCardKey(key("q"), CARD, c)?.name).toBe("addQuote");
    expect(cards.addQuote).toHaveBeenCalledWith("tp_1");
    // Modified keys belong to others (Ctrl+0 zooms, Ctrl+Z undoes, Shift+digit is a symbol).
    for (const e of [key("0", { ctrlKey: true }), key("z", { ctrlKey: true }), key("1", { altKey: true }), key("N", { shiftKey: true })]) {
      expect(cardActionForKey(e)).toBeUndefined();
    }
  });

  it("maps S to a new stage after the focused one, not in a field or a select", () => {
    const commands = globalCommands();
    expect(handleGlobalKey(key("s"), BODY, { state: () => state(), commands })?.name).toBe("addStageAfter");
    expect(commands.addStageAfterFocus).toHaveBeenCalledTimes(1);
    expect(handleGlobalKey(key("s"), INPUT, { state: () => state(), commands })).toBeNull();
    expect(globalActionForKey(key("s"), { tagName: "SELECT" })).toBeUndefined();
  });

  it("refuses the capture keys on a read-only database and in presentation mode", () => {
    for (const over of [{ readOnly: "read-only file" }, { mode: "present" as const }]) {
      const cards = cardCommands();
      const c = { state: () => state(over), commands: cards };
      for (const k of ["5", "z", "n", "q"]) expect(handleCardKey(key(k), CARD, c)).toBeNull();
      expect(Object.values(cards).every((f) => vi.mocked(f).mock.calls.length === 0)).toBe(true);
      const commands = globalCommands();
      expect(handleGlobalKey(key("s"), BODY, { state: () => state(over), commands })).toBeNull();
      expect(commands.addStageAfterFocus).not.toHaveBeenCalled();
    }
  });
});
