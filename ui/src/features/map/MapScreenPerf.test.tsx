// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Analysis, Edited, MapView } from "../../bindings";
import { analysis, clone, figures, lane, link, patchBetween, stage, tp, view } from "../../lib/testData";
import { MessagesProvider } from "../messages/messages";
import { MapScreen } from "./MapScreen";

const ipcMock = vi.hoisted(() => ({ undo: vi.fn(), listFeedback: vi.fn(async () => []), mapInsight: vi.fn() }));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

// Counts how often the board renders the link layer with new props.
const linkLayer = vi.hoisted(() => ({ renders: 0 }));
vi.mock("../links/LinkLayer", async (importOriginal) => {
  const { createElement, memo } = await import("react");
  const real = await importOriginal<typeof import("../links/LinkLayer")>();
  type Props = Parameters<typeof real.LinkLayer>[0];
  return {
    ...real,
    LinkLayer: memo(function Counted(props: Props) {
      linkLayer.renders += 1;
      return createElement(real.LinkLayer, props);
    }),
  };
});
// A board of 1,000 cards renders only what is in view, with the windowed link layer.
vi.mock("../links/WindowedLinkLayer", async (importOriginal) => {
  const { createElement, memo } = await import("react");
  const real = await importOriginal<typeof import("../links/WindowedLinkLayer")>();
  type Props = Parameters<typeof real.WindowedLinkLayer>[0];
  return {
    WindowedLinkLayer: memo(function Counted(props: Props) {
      linkLayer.renders += 1;
      return createElement(real.WindowedLinkLayer, props);
    }),
  };
});

// Counts how often the insight panel's rows render (each is memoised, so with new props only).
const items = vi.hoisted(() => ({ steps: 0, points: 0 }));
vi.mock("../insight/InsightItems", async (importOriginal) => {
  const { createElement, memo } = await import("react");
  const real = await importOriginal<typeof import("../insight/InsightItems")>();
  type StepProps = Parameters<typeof real.PainPathStep>[0];
  type PointProps = Parameters<typeof real.PainPointItem>[0];
  return {
    ...real,
    PainPathStep: memo(function CountedStep(props: StepProps) {
      items.steps += 1;
      return createElement(real.PainPathStep, props);
    }),
    PainPointItem: memo(function CountedPoint(props: PointProps) {
      items.points += 1;
      return createElement(real.PainPointItem, props);
    }),
  };
});

/** 10 stages × 5 lanes × 20 cards, and a link between each pair of neighbours in a cell. */
function bigView(): MapView {
  const stages = Array.from({ length: 10 }, (_, i) => stage(`st_${i}`));
  const lanes = Array.from({ length: 5 }, (_, i) => lane(`ln_${i}`));
  const touchpoints = stages.flatMap((s) =>
    lanes.flatMap((l) => Array.from({ length: 20 }, (_, i) => tp(`tp_${s.id}_${l.id}_${i}`, s.id, l.id))),
  );
  const links = touchpoints.slice(1).map((t, i) => link(`lk_${i}`, touchpoints[i].id, t.id));
  return view({ stages, lanes, touchpoints, links, canUndo: true });
}

describe("MapScreen at 1,000 cards", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    window.__jmCardRenders = 0;
    linkLayer.renders = 0;
  });
  afterEach(cleanup);

  it("re-renders one card, and not the link layer, for a pain edit", async () => {
    const first = bigView();
    render(
      <MessagesProvider>
        <MapScreen initialView={first} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
      </MessagesProvider>,
    );
    // Only the cards in view are on the page (jsdom has no layout, so "in view" is the
    // margin below the top of each cell), the card edited among them.
    const shown = screen.getAllByTestId("card").length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(1000);
    const cards = window.__jmCardRenders;
    const layers = linkLayer.renders;
    const next = clone(first);
    next.touchpoints[402].pain = 8;
    next.stages[4].metrics.pain = { mean: 8, n: 1, max: 8 };
    ipcMock.undo.mockResolvedValue({ patch: patchBetween(first, next), createdId: null } satisfies Edited);

    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    const badge = () => document.querySelector(`[data-touchpoint-id="${first.touchpoints[402].id}"] [data-testid="pain-badge"]`);
    await waitFor(() => expect(badge()?.textContent).toBe("8"));
    expect(window.__jmCardRenders - cards).toBe(1);
    expect(linkLayer.renders - layers).toBe(0);
  }, 30_000);

  it("re-renders one path step, and no pain point, for an analysis where one pain changed", async () => {
    const first = bigView();
    // Every card scored; the flow path runs through all 1,000; the top ten are others.
    first.touchpoints.forEach((t, i) => {
      t.pain = i % 7;
    });
    const top = first.touchpoints.slice(0, 10);
    for (const t of top) t.pain = 9;
    const a1 = analysisOf(first);
    ipcMock.mapInsight.mockResolvedValue(a1);
    render(
      <MessagesProvider>
        <MapScreen initialView={first} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
      </MessagesProvider>,
    );
    fireEvent.click(screen.getByTestId("insight-toggle"));
    // A long path lists its first steps until asked for all of them.
    await waitFor(() => expect(screen.getAllByTestId("pain-path-step")).toHaveLength(30));
    expect(screen.getByTestId("pain-path-more").textContent).toBe("Show all 1000 steps");
    fireEvent.click(screen.getByTestId("pain-path-more"));
    await waitFor(() => expect(screen.getAllByTestId("pain-path-step")).toHaveLength(1000));
    fireEvent.click(screen.getByTestId("pain-path-toggle"));
    expect(screen.getAllByTestId("pain-point")).toHaveLength(10);
    const [cards, steps, points] = [window.__jmCardRenders, items.steps, items.points];

    const next = clone(first);
    next.touchpoints[402].pain = 8;
    next.stages[4].metrics.pain = { mean: 8, n: 1, max: 8 };
    // A fresh answer (new objects throughout) where only that touchpoint's rows changed.
    ipcMock.mapInsight.mockResolvedValue(analysisOf(next));
    ipcMock.undo.mockResolvedValue({ patch: patchBetween(first, next), createdId: null } satisfies Edited);

    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    const step = () => document.querySelector(`[data-testid="pain-path-step"][data-touchpoint-id="${first.touchpoints[402].id}"]`);
    await waitFor(() => expect(step()?.textContent).toContain("pain 8"));
    expect(ipcMock.mapInsight).toHaveBeenCalledTimes(2);
    expect(items.steps - steps).toBe(1);
    expect(items.points - points).toBe(0);
    // The path is highlighted and unchanged: its sets are kept, so only the edited card renders.
    expect(window.__jmCardRenders - cards).toBe(1);
  }, 30_000);
});

/** The analysis the backend would send for `v`: a path over every card, the ten worst, heat per cell. */
function analysisOf(v: MapView): Analysis {
  const a = analysis(v);
  const scored = v.touchpoints.filter((t) => t.pain !== null && t.pain > 0);
  const ranked = [...scored].sort((x, y) => (y.pain ?? 0) - (x.pain ?? 0));
  a.painPoints = ranked.slice(0, 10).map((t, i) => ({
    rank: i + 1,
    touchpointId: t.id,
    title: t.title,
    stage: t.stageId,
    lane: t.laneId,
    pain: t.pain ?? 0,
    figures: figures(),
    detractorPct: null,
    quotes: [],
  }));
  a.painRanking = ranked.map((t) => t.id);
  a.painPaths = [
    {
      rank: 1,
      totalPain: scored.reduce((n, t) => n + (t.pain ?? 0), 0),
      steps: v.touchpoints.map((t) => ({ touchpointId: t.id, title: t.title, pain: t.pain })),
      unscored: v.touchpoints.filter((t) => t.pain === null).map((t) => t.id),
    },
  ];
  a.heatmap.cells = a.heatmap.cells.map((c) => {
    const pains = v.touchpoints.filter((t) => t.stageId === c.stageId && t.laneId === c.laneId).map((t) => t.pain ?? 0);
    const mean = pains.reduce((n, p) => n + p, 0) / Math.max(1, pains.length);
    return { ...c, figures: figures({ pain: { mean, max: Math.max(0, ...pains), n: pains.length } }) };
  });
  return a;
}
