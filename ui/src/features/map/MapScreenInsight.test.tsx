// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Analysis, Edited, FeedbackDto, MapView } from "../../bindings";
import { analysis, clone, figures, link, patchBetween, stage, tp, view } from "../../lib/testData";
import { MessagesProvider } from "../messages/messages";
import { MapScreen } from "./MapScreen";

const ipcMock = vi.hoisted(() => ({
  undo: vi.fn(),
  redo: vi.fn(),
  listFeedback: vi.fn(async () => []),
  mapInsight: vi.fn(),
  searchMap: vi.fn(async () => [] as string[]),
  listMapFeedback: vi.fn(async () => [] as FeedbackDto[]),
  setEvidenceRules: vi.fn(),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

/** Three stages, one lane; a flow path tp_1 → tp_2 → tp_3 and an extra card tp_4. */
function sample(): MapView {
  return view({
    stages: [stage("st_a", { name: "Discover" }), stage("st_b", { name: "Buy" }), stage("st_c", { name: "Use" })],
    touchpoints: [
      tp("tp_1", "st_a", "ln_1", { title: "Ad", pain: 2, emotion: 1, owner: "Marketing", channel: "web" }),
      tp("tp_2", "st_b", "ln_1", { title: "Checkout", pain: 8, emotion: -2, owner: "Sales", channel: "web" }),
      tp("tp_3", "st_c", "ln_2", { title: "Onboarding", pain: 5, owner: "Ops", channel: "email" }),
      tp("tp_4", "st_c", "ln_1", { title: "Help page", owner: "Ops" }),
    ],
    links: [link("lk_1", "tp_1", "tp_2"), link("lk_2", "tp_2", "tp_3"), link("lk_3", "tp_1", "tp_4", { kind: "handoff" })],
    canUndo: true,
  });
}

function insightOf(v: MapView): Analysis {
  const a = analysis(v);
  a.painPoints = [
    {
      rank: 1,
      touchpointId: "tp_2",
      title: "Checkout",
      stage: "Buy",
      lane: "ln_1",
      pain: 8,
      figures: figures(
        { feedbackCount: 3, nps: { score: -33, n: 3, promoters: 0, passives: 2, detractors: 1 } },
        { n: 3, newest: "2026-04-12", npsCi: { low: -80, high: 30 }, npsWeak: true, weak: ["few_answers", "old"] },
      ),
      detractorPct: 33,
      quotes: [{ feedbackId: "fb_1", kind: "quote", text: "<b>Too slow</b>", source: "Survey", date: "2026-04-12", nps: 3 }],
    },
    {
      rank: 2,
      touchpointId: "tp_3",
      title: "Onboarding",
      stage: "Use",
      lane: "ln_2",
      pain: 5,
      figures: figures({}, { n: 12 }),
      detractorPct: null,
      quotes: [],
    },
  ];
  a.painPaths = [
    {
      rank: 1,
      totalPain: 15,
      unscored: [],
      steps: ["tp_1", "tp_2", "tp_3"].map((id) => ({ touchpointId: id, title: id, stage: "s", lane: "l", pain: 1 })),
    },
  ];
  a.structure.orphans = ["tp_4"];
  a.heatmap.cells[1].figures = figures({
    pain: { mean: 6.5, max: 8, n: 2 },
    nps: { score: -40, n: 10, promoters: 1, passives: 4, detractors: 5 },
  });
  a.heatmap.cells[0].figures = figures({ pain: { mean: 2, max: 2, n: 1 } }, { n: 1, weak: ["few_answers"] });
  a.touchpoints = a.touchpoints.map((t) => (t.id === "tp_3" ? { ...t, evidence: { ...t.evidence, weak: ["no_evidence"] } } : t));
  return a;
}

function start(v: MapView) {
  render(
    <MessagesProvider>
      <MapScreen initialView={v} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
    </MessagesProvider>,
  );
}

const card = (id: string) => document.querySelector(`[data-testid="card"][data-touchpoint-id="${id}"]`) as HTMLElement;

describe("insight panel", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
    window.__jmCardRenders = 0;
  });
  afterEach(cleanup);

  it("opens from the toolbar and lists pain points with NPS, interval, evidence in words and quotes", async () => {
    const v = sample();
    ipcMock.mapInsight.mockResolvedValue(insightOf(v));
    start(v);
    expect(ipcMock.mapInsight).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("insight-toggle"));
    expect(screen.getByTestId("insight-toggle").getAttribute("aria-pressed")).toBe("true");
    const items = await screen.findAllByTestId("pain-point");
    expect(ipcMock.mapInsight).toHaveBeenCalledWith("jm_1", false); // the panel shows counts: no evidence rows, no hand-off list
    expect(items.map((i) => i.getAttribute("data-touchpoint-id"))).toEqual(["tp_2", "tp_3"]);
    const first = within(items[0]);
    expect(first.getByTestId("pain-point-nps").textContent).toBe("NPS -33 (n=3, 95% CI -80 to +30), 33% detractors");
    expect(first.getByTestId("pain-point-evidence").textContent).toBe(
      "⚠ weak: 3 answers (fewer than 5); old: newest 2026-04-12 (over 180 days)",
    );
    expect(first.getByTestId("pain-point-quote").textContent).toBe("<b>Too slow</b> — Survey, 2026-04-12 (NPS answer 3)");
    expect(items[0].querySelector("b")).toBeNull();
    expect(within(items[1]).getByTestId("pain-point-evidence").textContent).toBe("✓ strong: 12 answers");
    expect(screen.getByTestId("structure-orphans").textContent).toContain("Help page");
  });

  it("selects a pain point's card on click, and the I key closes the panel", async () => {
    const v = sample();
    ipcMock.mapInsight.mockResolvedValue(insightOf(v));
    start(v);
    fireEvent.keyDown(document.body, { key: "i" });
    const items = await screen.findAllByTestId("pain-point");
    fireEvent.click(within(items[0]).getByRole("button"));
    expect(card("tp_2").getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("detail")).toBeTruthy();
    expect(document.activeElement).toBe(card("tp_2"));
    fireEvent.keyDown(document.body, { key: "i" });
    expect(screen.queryByTestId("insight-panel")).toBeNull();
  });

  it("highlights the pain path, re-rendering only the cards on it, and refetches after an edit", async () => {
    const v = sample();
    ipcMock.mapInsight.mockResolvedValue(insightOf(v));
    start(v);
    fireEvent.click(screen.getByTestId("insight-toggle"));
    const toggle = await screen.findByTestId("pain-path-toggle");
    const before = window.__jmCardRenders;
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(["tp_1", "tp_2", "tp_3", "tp_4"].map((id) => card(id).getAttribute("data-on-path"))).toEqual(["true", "true", "true", null]);
    expect(window.__jmCardRenders - before).toBe(3);
    expect(document.querySelector(".board-scroll--path")).not.toBeNull();

    const next = clone(v);
    next.touchpoints[3].pain = 3;
    ipcMock.undo.mockResolvedValue({ patch: patchBetween(v, next), createdId: null } satisfies Edited);
    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await waitFor(() => expect(ipcMock.mapInsight).toHaveBeenCalledTimes(2));

    fireEvent.click(toggle);
    expect(card("tp_1").hasAttribute("data-on-path")).toBe(false);
    expect(document.querySelector(".board-scroll--path")).toBeNull();
  });
});

describe("evidence rules", () => {
  beforeEach(() => vi.clearAllMocks());
  afterEach(cleanup);

  it("sets the rules and shows the analysis they answer", async () => {
    const v = sample();
    const a = insightOf(v);
    ipcMock.mapInsight.mockResolvedValue(a);
    ipcMock.setEvidenceRules.mockResolvedValue({ ...a, painPoints: a.painPoints.slice(1), rules: { ...a.rules, minN: 2 } });
    start(v);
    fireEvent.click(screen.getByTestId("insight-toggle"));
    await screen.findAllByTestId("pain-point");
    expect(screen.getByTestId("rules-apply")).toHaveProperty("disabled", true);
    fireEvent.change(screen.getByTestId("rules-min-n"), { target: { value: "2" } });
    fireEvent.click(screen.getByTestId("rules-apply"));
    await waitFor(() => expect(screen.getAllByTestId("pain-point")).toHaveLength(1));
    expect(ipcMock.setEvidenceRules).toHaveBeenCalledWith("jm_1", 2, 180);
  });
});

describe("heatmap", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
  });
  afterEach(cleanup);

  it("shows stage × lane figures per metric, marks weak cells, and filters the board on a click", async () => {
    const v = sample();
    ipcMock.mapInsight.mockResolvedValue(insightOf(v));
    start(v);
    fireEvent.keyDown(document.body, { key: "h" });
    expect(screen.getByTestId("heatmap-view")).toBeTruthy();
    const cells = await screen.findAllByTestId("heat-cell");
    expect(cells).toHaveLength(6);
    const value = (i: number) => within(cells[i]).getByTestId("heat-value").textContent;
    expect([value(0), value(1), value(2)]).toEqual(["2.0", "6.5", "–"]);
    expect(cells[0].getAttribute("data-weak")).toBe("true");
    expect(cells[0].textContent).toBe("2.0*");
    expect(cells[1].getAttribute("data-weak")).toBe("false");

    fireEvent.change(screen.getByTestId("heatmap-metric"), { target: { value: "nps" } });
    expect(within(screen.getAllByTestId("heat-cell")[1]).getByTestId("heat-value").textContent).toBe("\u221240");
    fireEvent.change(screen.getByTestId("heatmap-metric"), { target: { value: "max_pain" } });
    expect(within(screen.getAllByTestId("heat-cell")[1]).getByTestId("heat-value").textContent).toBe("8");

    const cell = screen.getAllByTestId("heat-cell")[1];
    expect([cell.getAttribute("data-stage-id"), cell.getAttribute("data-lane-id")]).toEqual(["st_b", "ln_1"]);
    fireEvent.click(cell);
    expect(screen.queryByTestId("heatmap-view")).toBeNull();
    await waitFor(() => expect(card("tp_2").getAttribute("data-match")).toBe("true"));
    expect(card("tp_1").getAttribute("data-match")).toBe("false");
    expect(screen.getByTestId("filter-count").textContent).toBe("1 of 4 cards match");
  });
});

describe("filters and search", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
  });
  afterEach(cleanup);

  const matches = () => ["tp_1", "tp_2", "tp_3", "tp_4"].map((id) => card(id).getAttribute("data-match"));

  it("filters by pain, lane, owner and channel, counts matches and clears with Shift+Escape", async () => {
    start(sample());
    expect(matches()).toEqual([null, null, null, null]);
    expect(screen.getByTestId("filter-count").textContent).toBe("4 cards");
    fireEvent.change(screen.getByTestId("filter-min-pain"), { target: { value: "5" } });
    await waitFor(() => expect(matches()).toEqual(["false", "true", "true", "false"]));
    expect(screen.getByTestId("filter-count").textContent).toBe("2 of 4 cards match");
    fireEvent.change(screen.getByTestId("filter-lane"), { target: { value: "ln_1" } });
    await waitFor(() => expect(matches()).toEqual(["false", "true", "false", "false"]));
    fireEvent.keyDown(document.body, { key: "Escape", shiftKey: true });
    await waitFor(() => expect(matches()).toEqual([null, null, null, null]));

    fireEvent.change(screen.getByTestId("filter-owner"), { target: { value: "Ops" } });
    await waitFor(() => expect(matches()).toEqual(["false", "false", "true", "true"]));
    fireEvent.change(screen.getByTestId("filter-channel"), { target: { value: "email" } });
    await waitFor(() => expect(matches()).toEqual(["false", "false", "true", "false"]));
    fireEvent.click(screen.getByTestId("filter-clear"));
    await waitFor(() => expect(matches()).toEqual([null, null, null, null]));
  });

  it("searches through the backend and filters weak evidence through the analysis", async () => {
    const v = sample();
    ipcMock.mapInsight.mockResolvedValue(insightOf(v));
    ipcMock.searchMap.mockResolvedValue(["tp_4"]);
    start(v);
    fireEvent.change(screen.getByTestId("filter-search"), { target: { value: "slow" } });
    await waitFor(() => expect(matches()).toEqual(["false", "false", "false", "true"]));
    expect(ipcMock.searchMap).toHaveBeenCalledWith("jm_1", "slow");
    fireEvent.keyDown(screen.getByTestId("filter-search"), { key: "Escape" });
    await waitFor(() => expect(matches()).toEqual([null, null, null, null]));

    fireEvent.click(screen.getByTestId("filter-weak"));
    await waitFor(() => expect(matches()).toEqual(["false", "false", "true", "false"]));
    // The weak filter reads every touchpoint's evidence: it asks for the rows.
    expect(ipcMock.mapInsight).toHaveBeenLastCalledWith("jm_1", true);
  });
});

describe("zoom, collapse and the curve", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
  });
  afterEach(cleanup);

  const grid = () => document.querySelector("[data-board-grid]") as HTMLElement;

  it("zooms in and out by key and button, and Ctrl+0 fits", async () => {
    start(sample());
    expect(grid().getAttribute("data-zoom")).toBe("1");
    fireEvent.keyDown(document.body, { key: "=", ctrlKey: true });
    expect(grid().getAttribute("data-zoom")).toBe("1.1");
    expect(grid().style.transform).toBe("scale(1.1)");
    fireEvent.click(screen.getByTestId("zoom-out"));
    fireEvent.click(screen.getByTestId("zoom-out"));
    expect(grid().getAttribute("data-zoom")).toBe("0.9");
    expect(screen.getByTestId("zoom-level").textContent).toBe("90%");
    fireEvent.keyDown(document.body, { key: "-", ctrlKey: true });
    expect(grid().getAttribute("data-zoom")).toBe("0.75");
    // jsdom has no layout: a grid of no size fits at 1.
    fireEvent.keyDown(document.body, { key: "0", ctrlKey: true });
    expect(grid().getAttribute("data-zoom")).toBe("1");
    expect(screen.getByTestId("zoom-fit").getAttribute("title")).toBe("Fit the map to the window (Ctrl+0)");
  });

  it("collapses a stage and a lane to strips with their card counts", async () => {
    start(sample());
    const header = () => document.querySelector('[data-stage-header][data-stage-id="st_c"]') as HTMLElement;
    fireEvent.click(within(header()).getByTestId("collapse-stage"));
    expect(header().getAttribute("data-collapsed")).toBe("true");
    expect(within(header()).getByTestId("collapsed-count").textContent).toBe("2 cards");
    expect(card("tp_4")).toBeNull();
    expect(grid().style.gridTemplateColumns).toContain("var(--collapsed-column)");
    fireEvent.click(within(header()).getByTestId("collapse-stage"));
    expect(card("tp_4")).not.toBeNull();

    const lane = () => document.querySelector('[data-lane-label][data-lane-id="ln_1"]') as HTMLElement;
    fireEvent.click(within(lane()).getByTestId("collapse-lane"));
    expect(within(lane()).getByTestId("collapsed-count").textContent).toBe("3 cards");
    expect(card("tp_1")).toBeNull();
    expect(card("tp_3")).not.toBeNull();
  });

  it("draws the emotion and pain curve with values and n", () => {
    start(sample());
    const curve = screen.getByTestId("curve");
    const lines = curve.querySelectorAll("polyline");
    expect(lines).toHaveLength(2);
    expect(lines[0].getAttribute("points")?.split(" ")).toHaveLength(2);
    expect(lines[1].getAttribute("points")?.split(" ")).toHaveLength(3);
    const labels = [...curve.querySelectorAll("text")].map((t) => t.textContent);
    expect(labels).toEqual(["+1.0 (n=1)", "\u22122.0 (n=1)", "pain 2.0 (n=1)", "pain 8.0 (n=1)", "pain 5.0 (n=1)"]);
  });
});

describe("figures a room can trust", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
  });
  afterEach(cleanup);

  it("marks a stage NPS of one answer weak, outside the NPS text, and not one of forty", () => {
    const v = sample();
    v.stages[0].metrics.nps = { score: -100, n: 1, promoters: 0, passives: 0, detractors: 1 };
    v.stages[1].metrics.nps = { score: -40, n: 40, promoters: 8, passives: 8, detractors: 24 };
    start(v);
    expect(screen.getAllByTestId("stage-nps").map((e) => e.textContent)).toEqual(["NPS -100 (n=1)", "NPS -40 (n=40)"]);
    const weak = screen.getAllByTestId("stage-nps-weak");
    expect(weak).toHaveLength(1);
    expect(weak[0].textContent?.trim()).toBe("weak");
    expect(weak[0].parentElement?.getAttribute("title")).toBe("95% CI -99 to +49: weak, fewer than 5 answers");
    expect(screen.getAllByTestId("stage-nps")[1].parentElement?.getAttribute("title")).toBe("95% CI -62 to -13");
  });
});

describe("evidence view", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
  });
  afterEach(cleanup);

  const fb = (id: string, over: Partial<FeedbackDto>): FeedbackDto => ({
    id,
    touchpointId: null,
    stageId: null,
    kind: "quote",
    text: "",
    source: "",
    date: null,
    segment: "",
    nps: null,
    csat: null,
    ces: null,
    ...over,
  });

  it("lists every feedback item, filters them, and shows one on the map", async () => {
    ipcMock.listMapFeedback.mockResolvedValue([
      fb("f1", { touchpointId: "tp_2", text: "Too slow", source: "Survey", segment: "SMB", ces: 2 }),
      fb("f2", { stageId: "st_a", kind: "observation", text: "Confusing" }),
    ]);
    start(sample());
    fireEvent.click(screen.getByTestId("evidence-toggle"));
    expect(screen.getByTestId("evidence-view")).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId("evidence-item")).toHaveLength(2));
    expect(ipcMock.listMapFeedback).toHaveBeenCalledWith("jm_1");
    expect(screen.getAllByTestId("evidence-item")[0].textContent).toContain("CES 2 (1–7, 7 = easy)");
    fireEvent.change(screen.getByTestId("evidence-kind"), { target: { value: "observation" } });
    expect(screen.getAllByTestId("evidence-item").map((i) => i.getAttribute("data-feedback-id"))).toEqual(["f2"]);
    fireEvent.change(screen.getByTestId("evidence-kind"), { target: { value: "" } });
    fireEvent.change(screen.getByTestId("evidence-search"), { target: { value: "slow" } });
    const items = screen.getAllByTestId("evidence-item");
    expect(items).toHaveLength(1);
    await act(async () => {
      fireEvent.click(within(items[0]).getByTestId("evidence-show"));
    });
    expect(screen.queryByTestId("evidence-view")).toBeNull();
    expect(card("tp_2").getAttribute("aria-pressed")).toBe("true");
  });
});
