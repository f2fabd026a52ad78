// @vitest-environment jsdom
// Capture at the speed of a workshop: scores, new cards, stages and quotes by key, each
// one save, with focus where the next key goes. The ipc mock holds the map as the
// backend would and answers every edit with the patch between before and after.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Edited, FeedbackFields, MapView, TouchpointFields } from "../../bindings";
import { clone, lane, patchBetween, stage, tp, view } from "../../lib/testData";
import { MessagesProvider } from "../messages/messages";
import { TEN_WINDOW_MS } from "./actions";
import { MapScreen } from "./MapScreen";

const ipcMock = vi.hoisted(() => ({
  undo: vi.fn(),
  redo: vi.fn(),
  updateTouchpoint: vi.fn(),
  addTouchpoint: vi.fn(),
  addStage: vi.fn(),
  addFeedback: vi.fn(),
  listFeedback: vi.fn(async () => []),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

/** The backend's copy of the map; every edit answers with the patch from the old to the new. */
let stored: MapView;
let nextId = 0;

function answer(next: MapView, feedbackChanged: string[] = []): Edited {
  next.canUndo = true;
  const patch = patchBetween(stored, next, feedbackChanged);
  stored = next;
  return { patch, createdId: null };
}

function serve(v: MapView) {
  stored = clone(v);
  nextId = 0;
  ipcMock.updateTouchpoint.mockImplementation(async (_map: string, id: string, fields: TouchpointFields) => {
    const next = clone(stored);
    const t = next.touchpoints.find((x) => x.id === id)!;
    Object.assign(t, fields);
    return answer(next);
  });
  ipcMock.addTouchpoint.mockImplementation(async (_map: string, stageId: string, laneId: string, title: string, index: number | null) => {
    const next = clone(stored);
    const id = `tp_new${++nextId}`;
    const inCell = next.touchpoints.filter((t) => t.stageId === stageId && t.laneId === laneId);
    const before = index === null || index >= inCell.length ? null : inCell[index];
    const at = before === null ? next.touchpoints.length : next.touchpoints.indexOf(before);
    next.touchpoints.splice(at, 0, tp(id, stageId, laneId, { title }));
    return { ...answer(next), createdId: id };
  });
  ipcMock.addStage.mockImplementation(async (_map: string, name: string, index: number | null) => {
    const next = clone(stored);
    const id = `st_new${++nextId}`;
    next.stages.splice(index ?? next.stages.length, 0, stage(id, { name }));
    return { ...answer(next), createdId: id };
  });
  ipcMock.addFeedback.mockImplementation(async (_map: string, target: { touchpointId: string }, _fields: FeedbackFields) => {
    const next = clone(stored);
    next.touchpoints.find((x) => x.id === target.touchpointId)!.metrics.feedbackCount += 1;
    return answer(next, [target.touchpointId]);
  });
}

function start(v: MapView) {
  serve(v);
  render(
    <MessagesProvider>
      <MapScreen initialView={v} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
    </MessagesProvider>,
  );
}

/** Lets the edit queue and React catch up (no timers: works under fake timers too). */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 200; i++) await Promise.resolve();
  });
}

let presses = 0;
/** One key press on whatever has focus, as a user makes it; counted. */
function press(key: string, mods: { ctrlKey?: boolean; shiftKey?: boolean } = {}) {
  presses += 1;
  fireEvent.keyDown(document.activeElement ?? document.body, { key, ...mods });
}

const card = (id: string) => document.querySelector<HTMLElement>(`[data-testid=card][data-touchpoint-id="${id}"]`)!;
const storedCard = (id: string) => stored.touchpoints.find((t) => t.id === id)!;
const painOf = (id: string) => card(id).querySelector("[data-testid=pain-badge]")?.textContent;
/** The pain and emotion of every save, in order. */
const saves = () =>
  ipcMock.updateTouchpoint.mock.calls.map(([, id, f]) => [id, (f as TouchpointFields).pain, (f as TouchpointFields).emotion]);

describe("MapScreen capture keys", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    presses = 0;
    // jsdom has no CSS.escape; the test ids need no escaping.
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("sets a focused card's pain with a digit and its emotion with Z X C V B, one save each, then moves on", async () => {
    start(view());
    card("tp_1").focus();
    press("7");
    await settle();
    expect(saves()).toEqual([["tp_1", 7, null]]);
    expect(painOf("tp_1")).toBe("7");
    expect(document.activeElement).toBe(card("tp_1"));

    press("v");
    await settle();
    expect(saves()).toEqual([
      ["tp_1", 7, null],
      ["tp_1", 7, 1],
    ]);
    expect(card("tp_1").querySelector("[aria-label='Emotion: positive']")).not.toBeNull();
    // The emotion is the card's second value: focus goes on to the next card.
    expect(document.activeElement).toBe(card("tp_2"));

    for (const [k, emotion] of [
      ["z", -2],
      ["x", -1],
      ["c", 0],
      ["b", 2],
    ] as const) {
      card("tp_3").focus();
      press(k);
      await settle();
      expect(storedCard("tp_3").emotion).toBe(emotion);
    }
    expect(ipcMock.updateTouchpoint).toHaveBeenCalledTimes(6);
  });

  it("makes 10 of a 1 followed quickly by a 0 (the 1 saved first), and 0 after the window", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    start(view());
    card("tp_1").focus();
    press("1");
    await settle();
    expect(painOf("tp_1")).toBe("1");
    press("0");
    await settle();
    expect(saves()).toEqual([
      ["tp_1", 1, null],
      ["tp_1", 10, null],
    ]);
    expect(painOf("tp_1")).toBe("10");

    press("1");
    await act(async () => {
      vi.advanceTimersByTime(TEN_WINDOW_MS + 1);
    });
    press("0");
    await settle();
    expect(storedCard("tp_1").pain).toBe(0);

    // A 0 on another card, or after another key, is a 0.
    press("1");
    card("tp_2").focus();
    press("0");
    await settle();
    expect(storedCard("tp_1").pain).toBe(1);
    expect(storedCard("tp_2").pain).toBe(0);
    expect(ipcMock.updateTouchpoint).toHaveBeenCalledTimes(6);
  });

  it("keeps the new-card field open and empty after Enter, and Escape puts focus on the last card added", async () => {
    start(view());
    const cell = document.querySelector<HTMLElement>('[data-testid=cell][data-stage-id="st_b"][data-lane-id="ln_1"]')!;
    fireEvent.click(cell.querySelector("[data-testid=add-touchpoint]")!);
    const input = screen.getByTestId<HTMLInputElement>("touchpoint-title-input");
    expect(document.activeElement).toBe(input);
    for (const title of ["Greeting", "Queue"]) {
      fireEvent.change(input, { target: { value: title } });
      press("Enter");
      await settle();
      expect(screen.getByTestId("touchpoint-title-input")).toBe(input);
      expect(input.value).toBe("");
      expect(document.activeElement).toBe(input);
    }
    expect(ipcMock.addTouchpoint.mock.calls.map((c) => c.slice(1))).toEqual([
      ["st_b", "ln_1", "Greeting", null],
      ["st_b", "ln_1", "Queue", null],
    ]);
    expect([...cell.querySelectorAll("[data-testid=card-title]")].map((e) => e.textContent)).toEqual(["Greeting", "Queue"]);

    press("Escape");
    await settle();
    expect(screen.queryByTestId("touchpoint-title-input")).toBeNull();
    expect(document.activeElement).toBe(card("tp_new2"));
  });

  it("N on a card opens the field right after it; the cards typed there follow it in order", async () => {
    start(view());
    card("tp_1").focus();
    press("n");
    const input = screen.getByTestId<HTMLInputElement>("touchpoint-title-input");
    expect(document.activeElement).toBe(input);
    const cell = input.closest<HTMLElement>("[data-testid=cell]")!;
    const order = () => [...cell.children].map((el) => (el === input ? "input" : (el as HTMLElement).dataset.touchpointId));
    expect(order()).toEqual(["tp_1", "input", "tp_2"]);

    // Typed quickly: the second add is sent after the first has answered, behind it.
    for (const title of ["A", "B"]) {
      fireEvent.change(input, { target: { value: title } });
      press("Enter");
    }
    await settle();
    expect(ipcMock.addTouchpoint.mock.calls.map((c) => c.slice(1))).toEqual([
      ["st_a", "ln_1", "A", 1],
      ["st_a", "ln_1", "B", 2],
    ]);
    expect(order()).toEqual(["tp_1", "tp_new1", "tp_new2", "input", "tp_2"]);
    expect(document.activeElement).toBe(input);
    press("Escape");
    await settle();
    expect(document.activeElement).toBe(card("tp_new2"));
  });

  it("S adds stages after the focused card's stage, the field staying open; + Stage adds at the end", async () => {
    start(view());
    card("tp_1").focus();
    press("s");
    const input = screen.getByTestId<HTMLInputElement>("stage-name-input");
    expect(document.activeElement).toBe(input);
    for (const name of ["Compare", "Decide"]) {
      fireEvent.change(input, { target: { value: name } });
      press("Enter");
      await settle();
      expect(document.activeElement).toBe(input);
    }
    expect(ipcMock.addStage.mock.calls.map((c) => c.slice(1))).toEqual([
      ["Compare", 1],
      ["Decide", 2],
    ]);
    expect(screen.getAllByTestId("stage-name").map((e) => e.textContent)).toEqual(["st_a", "Compare", "Decide", "st_b"]);
    // Escape: focus goes back to the card the stages were added from.
    press("Escape");
    await settle();
    expect(screen.queryByTestId("stage-name-input")).toBeNull();
    expect(document.activeElement).toBe(card("tp_1"));

    // From the toolbar: five stages at the end for one press to open, a name and Enter each, and Escape.
    // As from the keyboard: focus on the button, Enter clicks it.
    screen.getByTestId("add-stage").focus();
    fireEvent.click(screen.getByTestId("add-stage"));
    const names = ["One", "Two", "Three", "Four", "Five"];
    for (const name of names) {
      fireEvent.change(screen.getByTestId("stage-name-input"), { target: { value: name } });
      press("Enter");
    }
    await settle();
    expect(ipcMock.addStage.mock.calls.slice(2).map((c) => c.slice(1))).toEqual(names.map((n) => [n, null]));
    press("Escape");
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId("add-stage"));
  });

  it("S on a stage header adds after that stage", async () => {
    start(view());
    const header = document.querySelector<HTMLElement>('[data-testid=stage-header][data-stage-id="st_b"] [data-action=select]')!;
    header.focus();
    press("s");
    fireEvent.change(screen.getByTestId("stage-name-input"), { target: { value: "Leave" } });
    press("Enter");
    await settle();
    expect(ipcMock.addStage).toHaveBeenCalledWith("jm_1", "Leave", 2);
  });

  it("Q opens the card's panel with the feedback form at the top, focus in its text; Ctrl+Enter adds it, Escape goes back", async () => {
    start(view());
    card("tp_2").focus();
    press("q");
    await settle();
    const panel = screen.getByTestId("detail");
    const text = screen.getByTestId<HTMLTextAreaElement>("feedback-text");
    expect(document.activeElement).toBe(text);
    // The form comes before the card's own fields.
    expect(text.compareDocumentPosition(screen.getByTestId("field-title")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(panel.querySelectorAll("[data-testid=feedback-text]")).toHaveLength(1);
    expect(screen.getByTestId<HTMLSelectElement>("feedback-kind").value).toBe("quote");

    fireEvent.change(text, { target: { value: "I never found the button" } });
    press("Enter", { ctrlKey: true });
    await settle();
    expect(ipcMock.addFeedback).toHaveBeenCalledTimes(1);
    expect(ipcMock.addFeedback.mock.calls[0][1]).toEqual({ touchpointId: "tp_2" });
    expect(ipcMock.addFeedback.mock.calls[0][2]).toMatchObject({ kind: "quote", text: "I never found the button" });
    expect(text.value).toBe("");
    expect(card("tp_2").querySelector("[data-testid=feedback-count]")?.textContent).toBe("1");

    press("Escape");
    await settle();
    expect(screen.queryByTestId("detail")).toBeNull();
    expect(document.activeElement).toBe(card("tp_2"));
  });

  it("measure: scores 16 cards with pain and emotion in under 40 key presses, every value saved", async () => {
    const stages = ["st_1", "st_2", "st_3", "st_4"].map((id) => stage(id));
    const lanes = [lane("ln_1"), lane("ln_2")];
    const touchpoints = lanes.flatMap((l) => stages.flatMap((s) => [0, 1].map((i) => tp(`tp_${s.id}_${l.id}_${i}`, s.id, l.id))));
    expect(touchpoints).toHaveLength(16);
    start(view({ stages, lanes, touchpoints, links: [] }));

    // The cards in reading order, as the board shows them (and as Tab goes).
    const order = [...document.querySelectorAll<HTMLElement>("[data-testid=card]")].map((el) => el.dataset.touchpointId!);
    expect(order).toHaveLength(16);
    // Pains 0..10 and back, two of them 10 (which take two keys); emotions round the five keys.
    const pains = [3, 7, 10, 0, 5, 8, 2, 10, 6, 1, 9, 4, 0, 7, 3, 5];
    const emotionKeys = ["z", "x", "c", "v", "b"];

    presses += 1; // Tab to the first card.
    card(order[0]).focus();
    order.forEach((id, i) => {
      expect(document.activeElement).toBe(card(id));
      if (pains[i] === 10) {
        press("1");
        press("0");
      } else {
        press(String(pains[i]));
      }
      press(emotionKeys[i % 5]);
    });
    await settle();

    expect(presses).toBe(35);
    expect(presses).toBeLessThan(40);
    order.forEach((id, i) => {
      expect(storedCard(id).pain).toBe(pains[i]);
      expect(storedCard(id).emotion).toBe((i % 5) - 2);
      expect(painOf(id)).toBe(String(pains[i]));
    });
    // One save per key that sets a value: 16 pains, 2 upgrades to 10, 16 emotions.
    expect(ipcMock.updateTouchpoint).toHaveBeenCalledTimes(34);
  });
});
