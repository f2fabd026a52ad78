import { describe, expect, it } from "vitest";
import { historyShortcut, isTypingTarget } from "./shortcuts";

const keys = (key: string, over: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: true,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...over,
});
const board = { tagName: "DIV" };

describe("historyShortcut", () => {
  it("matches undo and both redo shortcuts", () => {
    expect(historyShortcut(keys("z"), board)).toBe("undo");
    expect(historyShortcut(keys("Z", { shiftKey: true }), board)).toBe("redo");
    expect(historyShortcut(keys("y"), board)).toBe("redo");
    expect(historyShortcut(keys("z", { ctrlKey: false, metaKey: true }), board)).toBe("undo");
  });

  it("needs Ctrl (or Cmd) and no Alt", () => {
    expect(historyShortcut(keys("z", { ctrlKey: false }), board)).toBeNull();
    expect(historyShortcut(keys("z", { altKey: true }), board)).toBeNull();
    expect(historyShortcut(keys("x"), board)).toBeNull();
    expect(historyShortcut(keys("y", { shiftKey: true }), board)).toBeNull();
  });

  it("leaves text fields to the browser's own undo", () => {
    expect(historyShortcut(keys("z"), { tagName: "INPUT", type: "text" })).toBeNull();
    expect(historyShortcut(keys("z"), { tagName: "TEXTAREA" })).toBeNull();
    expect(historyShortcut(keys("y"), { tagName: "DIV", isContentEditable: true })).toBeNull();
    expect(historyShortcut(keys("z"), { tagName: "BUTTON" })).toBe("undo");
    expect(historyShortcut(keys("z"), { tagName: "SELECT" })).toBe("undo");
    expect(historyShortcut(keys("z"), null)).toBe("undo");
  });
});

describe("isTypingTarget", () => {
  it("knows text inputs from other inputs", () => {
    expect(isTypingTarget({ tagName: "input" })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "search" })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "checkbox" })).toBe(false);
    expect(isTypingTarget({ tagName: "SELECT" })).toBe(false);
  });
});
