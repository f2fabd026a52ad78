// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useRef } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LinkDto } from "../../bindings";
import { link } from "../../lib/testData";
import { type BoardActions, BoardActionsContext } from "../map/boardActions";
import { LinkLayer } from "./LinkLayer";

// jsdom lays nothing out: every element's rectangle comes from this table, keyed by the
// card's id or the cell's "stage/lane", in screen pixels (the board may be zoomed).
let rects = new Map<string, DOMRect>();
let scale = 1;

function box(x: number, y: number, width: number, height: number): DOMRect {
  return { x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) } as DOMRect;
}

// Two stages of 240 after a 190 lane label, one lane 200 tall, two cards stacked in each cell.
function layOut() {
  rects = new Map();
  for (const [i, stage] of ["st_a", "st_b"].entries()) {
    const x = 190 + i * 240;
    rects.set(`${stage}/ln_1`, box(x * scale, 100 * scale, 240 * scale, 200 * scale));
    for (const slot of [0, 1]) {
      rects.set(`tp_${stage}_${slot}`, box((x + 7) * scale, (107 + slot * 56) * scale, 226 * scale, 50 * scale));
    }
  }
}

function Grid({
  links,
  selectedLinkId = null,
  highlighted = null,
}: {
  links: LinkDto[];
  selectedLinkId?: string | null;
  highlighted?: ReadonlySet<string> | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div ref={ref} data-testid="grid">
      {["st_a", "st_b"].map((stage) => (
        <div key={stage} data-cell="" data-stage-id={stage} data-lane-id="ln_1">
          {[0, 1].map((slot) => (
            <div key={slot} data-card="" data-touchpoint-id={`tp_${stage}_${slot}`} />
          ))}
        </div>
      ))}
      <LinkLayer gridRef={ref} links={links} selectedLinkId={selectedLinkId} layoutKey={0} highlighted={highlighted} />
    </div>
  );
}

function renderLayer(props: Parameters<typeof Grid>[0], selectLink = vi.fn()) {
  const actions = { selectLink } as unknown as BoardActions;
  render(
    <BoardActionsContext.Provider value={actions}>
      <Grid {...props} />
    </BoardActionsContext.Provider>,
  );
  return selectLink;
}

const arrow = (id: string) => document.querySelector<SVGGElement>(`[data-testid=link-arrow][data-link-id="${id}"]`)!;

describe("LinkLayer", () => {
  beforeEach(() => {
    scale = 1;
    layOut();
    vi.spyOn(Element.prototype, "getBoundingClientRect").mockImplementation(function (this: Element) {
      const el = this as HTMLElement;
      if (el.dataset.testid === "grid") return box(0, 0, 1000 * scale, 600 * scale);
      const key = el.dataset.touchpointId ?? `${el.dataset.stageId}/${el.dataset.laneId}`;
      return rects.get(key) ?? box(0, 0, 0, 0);
    });
    // jsdom has no ResizeObserver; the layer measures on mount once one is there.
    vi.stubGlobal(
      "ResizeObserver",
      class {
        observe() {}
        disconnect() {}
      },
    );
    vi.spyOn(HTMLElement.prototype, "offsetWidth", "get").mockImplementation(function (this: HTMLElement) {
      return this.dataset.testid === "grid" ? 1000 : 0;
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("draws each link as a routed path, its hit area along the same path", () => {
    renderLayer({ links: [link("lk_1", "tp_st_a_0", "tp_st_b_1"), link("lk_2", "tp_st_a_0", "tp_st_a_1")] });
    const line = arrow("lk_1").querySelector(".link__line")!;
    expect(line.tagName).toBe("path");
    // Out of the right edge at the card's middle, down the gutter at x 430, into the left edge
    // (the corners as round as the 7px runs beside them allow).
    expect(line.getAttribute("d")).toBe("M423 132 L426.5 132 Q430 132 430 135.5 L430 184.5 Q430 188 433.5 188 L437 188");
    expect(line.getAttribute("marker-end")).toBe("url(#jm-arrow-flow)");
    expect(arrow("lk_1").querySelector(".link__hit")!.getAttribute("d")).toBe(line.getAttribute("d"));
    const handle = arrow("lk_1").querySelector(".link__handle")!;
    expect([handle.getAttribute("cx"), handle.getAttribute("cy")]).toEqual(["430", "160"]);
    // Stacked neighbours: straight down the gap between them.
    expect(arrow("lk_2").querySelector(".link__line")!.getAttribute("d")).toBe("M310 157 L310 163");
    expect(arrow("lk_2").querySelector("title")!.textContent).toMatch(/link \(click to select\)/);
  });

  it("draws in the grid's own coordinates when the board is zoomed", () => {
    scale = 2;
    layOut();
    renderLayer({ links: [link("lk_1", "tp_st_a_0", "tp_st_b_1")] });
    expect(arrow("lk_1").querySelector(".link__line")!.getAttribute("d")).toMatch(/^M423 132 /);
  });

  it("selects a link on click and marks the selected and highlighted ones", () => {
    const links = [link("lk_1", "tp_st_a_0", "tp_st_b_1"), link("lk_2", "tp_st_a_0", "tp_st_a_1", { kind: "handoff" })];
    const selectLink = renderLayer({ links, selectedLinkId: "lk_2", highlighted: new Set(["lk_1"]) });
    fireEvent.click(arrow("lk_1"));
    expect(selectLink).toHaveBeenCalledWith("lk_1");
    expect(arrow("lk_1").getAttribute("class")).toBe("link link--flow link--on-path");
    expect(arrow("lk_1").dataset.onPath).toBe("true");
    expect(arrow("lk_2").getAttribute("class")).toBe("link link--handoff link--selected link--dim");
    expect(arrow("lk_2").querySelector(".link__line")!.getAttribute("marker-end")).toBe("url(#jm-arrow-selected)");
    expect(screen.getAllByTestId("link-arrow")).toHaveLength(2);
  });

  it("leaves out links whose cards are not on the board", () => {
    renderLayer({ links: [link("lk_1", "tp_st_a_0", "tp_gone")] });
    expect(screen.queryAllByTestId("link-arrow")).toHaveLength(0);
  });
});
