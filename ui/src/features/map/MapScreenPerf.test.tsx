// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Edited, MapView } from "../../bindings";
import { clone, lane, link, patchBetween, stage, tp, view } from "../../lib/testData";
import { MessagesProvider } from "../messages/messages";
import { MapScreen } from "./MapScreen";

const ipcMock = vi.hoisted(() => ({ undo: vi.fn(), listFeedback: vi.fn(async () => []) }));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

// Counts how often the board renders the link layer with new props.
const linkLayer = vi.hoisted(() => ({ renders: 0 }));
vi.mock("../links/LinkLayer", async (importOriginal) => {
  const { createElement, memo } = await import("react");
  const real = await importOriginal<typeof import("../links/LinkLayer")>();
  type Props = Parameters<typeof real.LinkLayer>[0];
  return {
    LinkLayer: memo(function Counted(props: Props) {
      linkLayer.renders += 1;
      return createElement(real.LinkLayer, props);
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
    expect(screen.getAllByTestId("card")).toHaveLength(1000);
    const cards = window.__jmCardRenders;
    const layers = linkLayer.renders;
    const next = clone(first);
    next.touchpoints[437].pain = 8;
    next.stages[4].metrics.pain = { mean: 8, n: 1, max: 8 };
    ipcMock.undo.mockResolvedValue({ patch: patchBetween(first, next), createdId: null } satisfies Edited);

    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    const badge = () => document.querySelector(`[data-touchpoint-id="${first.touchpoints[437].id}"] [data-testid="pain-badge"]`);
    await waitFor(() => expect(badge()?.textContent).toBe("8"));
    expect(window.__jmCardRenders - cards).toBe(1);
    expect(linkLayer.renders - layers).toBe(0);
  }, 30_000);
});
