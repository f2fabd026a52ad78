// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Edited, MapView, RoundDto, RoundFields } from "../../bindings";
import { clone, patchBetween } from "../../lib/testData";
import { MapScreen } from "../map/MapScreen";
import { MessagesProvider } from "../messages/messages";
import { workshopAnalysis, workshopView } from "./testSample";

const ipcMock = vi.hoisted(() => ({
  undo: vi.fn(),
  redo: vi.fn(),
  listFeedback: vi.fn(async () => []),
  mapInsight: vi.fn(),
  searchMap: vi.fn(async () => [] as string[]),
  saveRound: vi.fn(),
  deleteRound: vi.fn(),
  exportRoundsCsv: vi.fn(),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

const HELD = "2026-12-03T10:00:00Z";
const FSI = "\u2068";
const PDI = "\u2069";

function savedRound(id: string, name: string, votes: [string, number][], over: Partial<RoundDto> = {}): RoundDto {
  return {
    id,
    name,
    heldAt: HELD,
    budget: 3,
    voters: 4,
    onePerItem: false,
    scope: "All pain points",
    votes: votes.map(([touchpointId, dots]) => ({ touchpointId, dots })),
    ...over,
  };
}

/** The backend's round commands and undo over a copy of the map, each edit answered with its patch. */
function serve(v: MapView) {
  let stored = clone(v);
  const past: MapView[] = [];
  let n = 0;
  const commit = (change: (next: MapView) => void, createdId: string | null = null): Edited => {
    const next = clone(stored);
    change(next);
    past.push(stored);
    next.canUndo = true;
    const patch = patchBetween(stored, next);
    stored = next;
    return { patch, createdId };
  };
  ipcMock.saveRound.mockImplementation(async (_map: string, f: RoundFields) => {
    const id = `vr_new${++n}`;
    return commit((next) => next.rounds.push({ id, heldAt: HELD, ...clone(f) }), id);
  });
  ipcMock.deleteRound.mockImplementation(async (_map: string, id: string) =>
    commit((next) => {
      next.rounds = next.rounds.filter((r) => r.id !== id);
    }),
  );
  ipcMock.undo.mockImplementation(async () => {
    const prev = past.pop();
    const next = clone(prev ?? stored);
    next.canUndo = past.length > 0;
    const patch = patchBetween(stored, next);
    stored = next;
    return { patch, createdId: null } satisfies Edited;
  });
  ipcMock.mapInsight.mockImplementation(async () => workshopAnalysis(stored));
  return { stored: () => stored };
}

function start(v: MapView) {
  const backend = serve(v);
  render(
    <MessagesProvider>
      <MapScreen initialView={v} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
    </MessagesProvider>,
  );
  return backend;
}

const byTestId = (id: string, touchpointId: string) =>
  document.querySelector(`[data-testid="${id}"][data-touchpoint-id="${touchpointId}"]`) as HTMLElement;
const item = (id: string) => byTestId("vote-item", id);
const card = (id: string) => byTestId("card", id);

/** Opens the voting screen and waits for the pain points (the analysis) to arrive. */
async function openVoting() {
  fireEvent.click(screen.getByTestId("vote"));
  expect(screen.getByTestId("voting")).toBeTruthy();
  expect(screen.getByTestId("vote").getAttribute("aria-pressed")).toBe("true");
  await waitFor(() => expect(screen.getByTestId("round-problem").textContent).toBe("3 items in the round."));
}

describe("dot voting", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
  });
  afterEach(cleanup);

  it("passes the laptop: each voter's dots stay hidden until the reveal saves the round once", async () => {
    start(workshopView());
    await openVoting();
    expect((screen.getByTestId("round-name") as HTMLInputElement).value).toBe("Round 1");
    expect((screen.getByTestId("round-budget") as HTMLInputElement).value).toBe("3");
    fireEvent.click(screen.getByTestId("round-mode-private"));
    fireEvent.click(screen.getByTestId("round-start"));

    // Voter 1: three dots, a fourth is refused.
    expect(screen.getByTestId("voter-heading").textContent).toBe("Voter 1 — place your 3 dots");
    expect(screen.getAllByTestId("vote-item").map((b) => b.dataset.touchpointId)).toEqual(["tp_2", "tp_3", "tp_1"]);
    fireEvent.click(item("tp_2"));
    fireEvent.click(item("tp_2"));
    fireEvent.click(item("tp_3"));
    expect(screen.getByTestId("dots-left").textContent).toBe("All your dots are placed.");
    fireEvent.click(item("tp_1"));
    expect(item("tp_1").dataset.dots).toBe("0");
    expect(item("tp_1").getAttribute("aria-disabled")).toBe("true");
    // The map's keys do nothing while the laptop goes round.
    fireEvent.keyDown(document.body, { key: "h" });
    expect(screen.getByTestId("voting")).toBeTruthy();
    expect(screen.queryByTestId("rounds-view")).toBeNull();
    fireEvent.click(screen.getByTestId("voter-done"));

    // The hand-over screen shows nobody's dots and no totals.
    expect(screen.getByTestId("handover")).toBeTruthy();
    expect(screen.queryAllByTestId("vote-item")).toHaveLength(0);
    expect(screen.queryByTestId("results")).toBeNull();
    expect(screen.getByTestId("voting").textContent).not.toMatch(/●|Checkout/);
    fireEvent.click(screen.getByTestId("next-voter"));

    // Voter 2 starts from nothing: the first voter's dots are not shown.
    expect(screen.getByTestId("voter-heading").textContent).toBe("Voter 2 — place your 3 dots");
    expect(screen.getAllByTestId("vote-item").map((b) => b.dataset.dots)).toEqual(["0", "0", "0"]);
    fireEvent.click(item("tp_1"));
    fireEvent.click(item("tp_1"));
    fireEvent.click(within(item("tp_1").parentElement!).getByTestId("vote-remove"));
    fireEvent.click(item("tp_2"));
    fireEvent.click(item("tp_3"));
    expect(item("tp_1").dataset.dots).toBe("1");
    fireEvent.click(screen.getByTestId("voter-done"));
    expect(ipcMock.saveRound).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("reveal"));
    const results = await screen.findByTestId("results");
    expect(ipcMock.saveRound).toHaveBeenCalledTimes(1);
    expect(ipcMock.saveRound).toHaveBeenCalledWith("jm_1", {
      name: "Round 1",
      budget: 3,
      voters: 2,
      onePerItem: false,
      scope: "All pain points",
      votes: [
        { touchpointId: "tp_2", dots: 3 },
        { touchpointId: "tp_3", dots: 2 },
        { touchpointId: "tp_1", dots: 1 },
      ],
    });
    const rows = within(results).getAllByTestId("result-row");
    expect(rows.map((r) => [r.dataset.touchpointId, within(r).getByTestId("result-dots").textContent])).toEqual([
      ["tp_2", "3"],
      ["tp_3", "2"],
      ["tp_1", "1"],
    ]);
    expect(rows[0].textContent).toContain("50.0%");
    expect(screen.getByTestId("results-facts").textContent).toContain("2 voters · 3 dots each");
    // Listed with the saved rounds, and the next round gets the next name.
    expect(within(screen.getByTestId("rounds-view")).getAllByTestId("round-column")).toHaveLength(1);

    // On the board: the card shows its dots.
    fireEvent.click(screen.getByTestId("vote"));
    const votes = within(card("tp_2")).getByTestId("card-votes");
    expect(votes.textContent).toBe("● 3");
    expect(votes.getAttribute("aria-label")).toBe(`3 votes in ${FSI}Round 1${PDI}`);
    expect(card("tp_2").getAttribute("aria-label")).toContain(`3 votes in ${FSI}Round 1${PDI}`);
    expect(within(card("tp_4")).queryByTestId("card-votes")).toBeNull();
  });

  it("comes back to the hand-over screen when the view is left mid-round, dropping the unfinished ballot", async () => {
    start(workshopView());
    await openVoting();
    fireEvent.click(screen.getByTestId("round-start"));
    fireEvent.click(item("tp_2"));
    fireEvent.click(screen.getByTestId("voter-done"));
    fireEvent.click(screen.getByTestId("next-voter"));
    fireEvent.click(item("tp_3"));
    // The toolbar's button still leaves (the keys do not).
    fireEvent.click(screen.getByTestId("vote"));
    expect(screen.queryByTestId("voting")).toBeNull();
    fireEvent.click(screen.getByTestId("vote"));
    expect(screen.getByTestId("handover")).toBeTruthy();
    expect(screen.getByTestId("voted-count").textContent).toMatch(/^1 voter has voted/);
    fireEvent.click(screen.getByTestId("reveal"));
    await screen.findByTestId("results");
    expect(ipcMock.saveRound.mock.calls[0][1].votes).toEqual([
      { touchpointId: "tp_2", dots: 1 },
      { touchpointId: "tp_3", dots: 0 },
      { touchpointId: "tp_1", dots: 0 },
    ]);
    expect(ipcMock.saveRound.mock.calls[0][1].voters).toBe(1);
  });

  it("takes the room's tally over one lane, checked against voters × budget", async () => {
    start(workshopView());
    await openVoting();
    fireEvent.change(screen.getByTestId("round-name"), { target: { value: "Customer lane" } });
    fireEvent.change(screen.getByTestId("round-budget"), { target: { value: "2" } });
    fireEvent.click(screen.getByTestId("round-scope-lane"));
    fireEvent.click(screen.getByTestId("round-one-per-item"));
    expect(screen.getByTestId("round-problem").textContent).toBe("3 items in the round.");
    fireEvent.click(screen.getByTestId("round-mode-tally"));
    fireEvent.click(screen.getByTestId("round-start"));

    expect(screen.getAllByTestId("tally-input").map((i) => i.dataset.touchpointId)).toEqual(["tp_1", "tp_2", "tp_4"]);
    const reveal = screen.getByTestId("reveal") as HTMLButtonElement;
    expect(reveal.disabled).toBe(true);
    fireEvent.change(screen.getByTestId("voters-input"), { target: { value: "3" } });
    fireEvent.change(byTestId("tally-input", "tp_2"), { target: { value: "4" } });
    // One dot per item: no item can have more dots than the 3 voters.
    expect(screen.getByTestId("tally-total").textContent).toMatch(/one dot per item/);
    expect(reveal.disabled).toBe(true);
    fireEvent.change(byTestId("tally-input", "tp_2"), { target: { value: "3" } });
    fireEvent.change(byTestId("tally-input", "tp_1"), { target: { value: "2" } });
    expect(screen.getByTestId("tally-total").textContent).toBe("5 dots of at most 6.");
    expect(reveal.disabled).toBe(false);
    fireEvent.click(reveal);

    await screen.findByTestId("results");
    expect(ipcMock.saveRound).toHaveBeenCalledTimes(1);
    expect(ipcMock.saveRound).toHaveBeenCalledWith("jm_1", {
      name: "Customer lane",
      budget: 2,
      voters: 3,
      onePerItem: true,
      scope: "Lane: Customer",
      votes: [
        { touchpointId: "tp_1", dots: 2 },
        { touchpointId: "tp_2", dots: 3 },
        { touchpointId: "tp_4", dots: 0 },
      ],
    });
    expect(screen.getAllByTestId("result-row").map((r) => r.dataset.touchpointId)).toEqual(["tp_2", "tp_1", "tp_4"]);
  });

  it("hand-picks the items, in board order", async () => {
    start(workshopView());
    await openVoting();
    fireEvent.click(screen.getByTestId("round-scope-picked"));
    expect((screen.getByTestId("round-start") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(byTestId("scope-pick", "tp_3"));
    fireEvent.click(byTestId("scope-pick", "tp_1"));
    expect(screen.getByTestId("round-problem").textContent).toBe("2 items in the round.");
    fireEvent.click(screen.getByTestId("round-mode-tally"));
    fireEvent.click(screen.getByTestId("round-start"));
    expect(screen.getAllByTestId("tally-input").map((i) => i.dataset.touchpointId)).toEqual(["tp_1", "tp_3"]);
    fireEvent.change(screen.getByTestId("voters-input"), { target: { value: "1" } });
    fireEvent.click(screen.getByTestId("reveal"));
    await screen.findByTestId("results");
    expect(ipcMock.saveRound.mock.calls[0][1].scope).toBe("Hand-picked (2)");
  });

  it("lists the rounds side by side, deletes one (undoable) and exports CSV", async () => {
    const v = workshopView();
    v.rounds = [
      savedRound("vr_1", "Round 1", [
        ["tp_2", 1],
        ["tp_3", 6],
      ]),
      savedRound("vr_2", "Round 2", [["tp_2", 4]], { scope: "Stage: Buy" }),
    ];
    start(v);
    fireEvent.click(screen.getByTestId("vote"));
    const view = screen.getByTestId("rounds-view");
    expect(
      within(view)
        .getAllByTestId("round-column")
        .map((c) => c.dataset.roundId),
    ).toEqual(["vr_1", "vr_2"]);
    const rows = within(view).getAllByTestId("rounds-row");
    expect(rows.map((r) => [r.dataset.touchpointId, ...[...r.querySelectorAll("td")].map((td) => td.textContent)])).toEqual([
      ["tp_3", "6", "—"],
      ["tp_2", "1", "4"],
    ]);
    // A round's name shows its results.
    fireEvent.click(within(within(view).getAllByTestId("round-column")[1]).getByTestId("round-open"));
    expect(screen.getByTestId("results").dataset.roundId).toBe("vr_2");

    const first = within(view).getAllByTestId("round-column")[0];
    fireEvent.click(within(first).getByTestId("round-delete"));
    fireEvent.click(within(first).getByTestId("confirm"));
    await waitFor(() => expect(within(screen.getByTestId("rounds-view")).getAllByTestId("round-column")).toHaveLength(1));
    expect(ipcMock.deleteRound).toHaveBeenCalledWith("jm_1", "vr_1");
    expect(screen.getByTestId("status").textContent).toContain("Deleted the round");

    // Undo (the map's edit path) brings it back.
    fireEvent.click(screen.getByTestId("undo"));
    await waitFor(() => expect(within(screen.getByTestId("rounds-view")).getAllByTestId("round-column")).toHaveLength(2));
    expect(ipcMock.undo).toHaveBeenCalledWith("jm_1");

    ipcMock.exportRoundsCsv.mockResolvedValueOnce({ path: null, mapId: null });
    fireEvent.click(screen.getByTestId("rounds-export-csv"));
    await act(async () => {});
    expect(ipcMock.exportRoundsCsv).toHaveBeenCalledWith("jm_1");
    ipcMock.exportRoundsCsv.mockResolvedValueOnce({ path: "/tmp/rounds.csv", mapId: null });
    fireEvent.click(screen.getByTestId("rounds-export-csv"));
    await waitFor(() => expect(screen.getByTestId("status").textContent).toBe(`Exported the rounds to ${FSI}/tmp/rounds.csv${PDI}`));
    expect(ipcMock.exportRoundsCsv).toHaveBeenCalledTimes(2);
  });

  it("shows each card's dots from the latest round over it, and the insight ranking's votes column", async () => {
    const v = workshopView();
    v.rounds = [
      savedRound("vr_1", "Round 1", [
        ["tp_2", 1],
        ["tp_3", 2],
        ["tp_1", 1],
      ]),
      savedRound("vr_2", "Round 2", [
        ["tp_2", 4],
        ["tp_1", 0],
      ]),
    ];
    start(v);
    expect(within(card("tp_2")).getByTestId("card-votes").textContent).toBe("● 4");
    expect(within(card("tp_2")).getByTestId("card-votes").getAttribute("aria-label")).toBe(`4 votes in ${FSI}Round 2${PDI}`);
    expect(within(card("tp_3")).getByTestId("card-votes").getAttribute("aria-label")).toBe(`2 votes in ${FSI}Round 1${PDI}`);
    // The latest round over tp_1 gave it no dot: no older figure shows instead.
    expect(within(card("tp_1")).queryByTestId("card-votes")).toBeNull();
    expect(within(card("tp_4")).queryByTestId("card-votes")).toBeNull();

    fireEvent.click(screen.getByTestId("insight-toggle"));
    const items = await screen.findAllByTestId("pain-point");
    expect(items.map((i) => [i.dataset.touchpointId, within(i).getByTestId("pain-point-votes").textContent])).toEqual([
      ["tp_2", "4"],
      ["tp_3", "2"],
      ["tp_1", "0"],
    ]);
  });

  it("re-renders only the cards whose figure changed when a round comes back", async () => {
    const v = workshopView();
    v.rounds = [savedRound("vr_1", "Round 1", [["tp_3", 2]]), savedRound("vr_2", "Round 2", [["tp_2", 4]])];
    start(v);
    fireEvent.click(screen.getByTestId("vote"));
    const second = screen.getAllByTestId("round-column")[1];
    fireEvent.click(within(second).getByTestId("round-delete"));
    fireEvent.click(within(second).getByTestId("confirm"));
    await waitFor(() => expect(screen.getAllByTestId("round-column")).toHaveLength(1));
    fireEvent.click(screen.getByTestId("vote"));
    expect(within(card("tp_2")).queryByTestId("card-votes")).toBeNull();

    window.__jmCardRenders = 0;
    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await waitFor(() => expect(within(card("tp_2")).getByTestId("card-votes").textContent).toBe("● 4"));
    expect(within(card("tp_3")).getByTestId("card-votes").textContent).toBe("● 2");
    expect(window.__jmCardRenders).toBe(1);
  });
});
