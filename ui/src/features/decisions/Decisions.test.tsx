// @vitest-environment jsdom
// Decisions and opportunities on the map screen: the marker on a card, the section of the
// touchpoint panel (add, edit, delete, each one undoable edit) and the decisions view.
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MapView } from "../../bindings";
import { decision, lane, stage, tp, view } from "../../lib/testData";
import { MapScreen } from "../map/MapScreen";
import { MessagesProvider } from "../messages/messages";
import { serveDecisions } from "./testBackend";

const ipcMock = vi.hoisted(() => ({
  undo: vi.fn(),
  redo: vi.fn(),
  addDecision: vi.fn(),
  updateDecision: vi.fn(),
  deleteDecision: vi.fn(),
  listFeedback: vi.fn(async () => []),
  mapInsight: vi.fn(),
  searchMap: vi.fn(async () => [] as string[]),
  listMapFeedback: vi.fn(async () => []),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

/** Two stages, two lanes; two items on Checkout, one on Helpdesk, none on Ad. */
function sample(): MapView {
  return view({
    stages: [stage("st_a", { name: "Discover" }), stage("st_b", { name: "Buy" })],
    lanes: [lane("ln_1", { name: "Customer" }), lane("ln_2", { name: "Support" })],
    touchpoints: [
      tp("tp_1", "st_a", "ln_1", { title: "Ad" }),
      tp("tp_2", "st_b", "ln_1", { title: "Checkout", pain: 8 }),
      tp("tp_3", "st_b", "ln_2", { title: "Helpdesk" }),
    ],
    links: [],
    decisions: [
      decision("dc_1", "tp_2", { text: "Shorter form", owner: "Sales", due: "2027-01-31" }),
      decision("dc_2", "tp_2", { kind: "opportunity", text: "Wallet payments" }),
      decision("dc_3", "tp_3", { text: "Chat at night", owner: "Support" }),
    ],
  });
}

function start(v: MapView = sample()) {
  const backend = serveDecisions(ipcMock, v);
  render(
    <MessagesProvider>
      <MapScreen initialView={v} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
    </MessagesProvider>,
  );
  return backend;
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  });
}

const card = (id: string) => document.querySelector<HTMLElement>(`[data-testid=card][data-touchpoint-id="${id}"]`)!;
const marker = (id: string) => card(id).querySelector<HTMLElement>("[data-testid=card-decisions]");
const section = () => screen.getByTestId("decision-section");
const items = () => within(section()).queryAllByTestId("decision-item");
const change = (testId: string, value: string, root: HTMLElement = section()) =>
  fireEvent.change(within(root).getByTestId(testId), { target: { value } });

beforeEach(() => {
  vi.clearAllMocks();
  window.__jmCardRenders = 0;
  if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
});
afterEach(cleanup);

describe("the card marker", () => {
  it("counts each card's decisions and opportunities, and says so in the card's name", () => {
    start();
    expect(marker("tp_2")?.textContent).toBe("◆ 2");
    expect(marker("tp_2")?.getAttribute("aria-label")).toBe("2 decisions or opportunities");
    expect(marker("tp_3")?.textContent).toBe("◆ 1");
    expect(marker("tp_3")?.getAttribute("aria-label")).toBe("1 decision or opportunity");
    expect(marker("tp_1")).toBeNull();
    expect(card("tp_2").getAttribute("aria-label")).toMatch(/, 2 decisions or opportunities$/);
    expect(card("tp_1").getAttribute("aria-label")).not.toContain("decision");
  });
});

describe("the touchpoint panel's decisions", () => {
  it("adds one: a single save onto the touchpoint, listed at once, the card marked, and only that card rendered again", async () => {
    const backend = start();
    fireEvent.click(card("tp_1"));
    expect(within(section()).getByText("None yet.")).toBeTruthy();
    change("decision-form-kind", "opportunity");
    change("decision-form-text", "  Retarget visitors ");
    change("decision-form-owner", "Marketing");
    change("decision-form-due", "2027-02-01");
    const renders = window.__jmCardRenders ?? 0;
    fireEvent.click(within(section()).getByTestId("decision-form-save"));
    await settle();

    expect(ipcMock.addDecision).toHaveBeenCalledTimes(1);
    expect(ipcMock.addDecision).toHaveBeenCalledWith("jm_1", "tp_1", {
      kind: "opportunity",
      text: "Retarget visitors",
      owner: "Marketing",
      due: "2027-02-01",
    });
    expect(backend.stored().decisions).toHaveLength(4);
    expect(items().map((li) => li.textContent)).toEqual(["OpportunityRetarget visitorsOwner Marketing · due 2027-02-01EditDelete"]);
    // The form empties for the next one.
    expect((within(section()).getByTestId("decision-form-text") as HTMLInputElement).value).toBe("");
    expect(marker("tp_1")?.textContent).toBe("◆ 1");
    expect((window.__jmCardRenders ?? 0) - renders).toBe(1);
  });

  it("refuses an empty text and a date that does not exist, without saving", async () => {
    start();
    fireEvent.click(card("tp_1"));
    fireEvent.click(within(section()).getByTestId("decision-form-save"));
    change("decision-form-text", "Something");
    change("decision-form-due", "31/01/2027");
    fireEvent.click(within(section()).getByTestId("decision-form-save"));
    await settle();
    expect(ipcMock.addDecision).not.toHaveBeenCalled();
    expect(within(section()).getByRole("alert").textContent).toContain("YYYY-MM-DD");
  });

  it("lists the card's items oldest first, edits one and deletes one after asking, each an undoable edit", async () => {
    start();
    fireEvent.click(card("tp_2"));
    expect(items().map((li) => li.getAttribute("data-decision-id"))).toEqual(["dc_1", "dc_2"]);
    expect(within(items()[0]).getByTestId("decision-about").textContent).toBe("Owner Sales · due 2027-01-31");
    expect(within(items()[1]).queryByTestId("decision-about")).toBeNull();

    // Edit: the form opens in place with the stored values; the add form steps aside.
    fireEvent.click(within(items()[0]).getByTestId("decision-edit"));
    expect(within(section()).getAllByTestId("decision-form")).toHaveLength(1);
    const form = within(section()).getByTestId("decision-form");
    expect((within(form).getByTestId("decision-form-owner") as HTMLInputElement).value).toBe("Sales");
    change("decision-form-text", "Shorter form, one page", form);
    change("decision-form-due", "", form);
    fireEvent.click(within(form).getByTestId("decision-form-save"));
    await settle();
    expect(ipcMock.updateDecision).toHaveBeenCalledWith("jm_1", "dc_1", {
      kind: "decision",
      text: "Shorter form, one page",
      owner: "Sales",
      due: null,
    });
    expect(within(items()[0]).getByTestId("decision-text").textContent).toBe("Shorter form, one page");
    expect(within(items()[0]).getByTestId("decision-about").textContent).toBe("Owner Sales");

    // Delete: asked first, then one edit.
    fireEvent.click(within(items()[1]).getByTestId("decision-delete"));
    expect(ipcMock.deleteDecision).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("confirm"));
    await settle();
    expect(ipcMock.deleteDecision).toHaveBeenCalledWith("jm_1", "dc_2");
    expect(items()).toHaveLength(1);
    expect(marker("tp_2")?.textContent).toBe("◆ 1");

    // Undo brings it back, redo deletes it again.
    fireEvent.click(screen.getByTestId("undo"));
    await settle();
    expect(items()).toHaveLength(2);
    expect(marker("tp_2")?.textContent).toBe("◆ 2");
    fireEvent.click(screen.getByTestId("redo"));
    await settle();
    expect(items()).toHaveLength(1);
  });

  it("cancels an edit with Escape", () => {
    start();
    fireEvent.click(card("tp_2"));
    fireEvent.click(within(items()[0]).getByTestId("decision-edit"));
    fireEvent.keyDown(within(section()).getByTestId("decision-form-text"), { key: "Escape" });
    expect(items()).toHaveLength(2);
    expect(ipcMock.updateDecision).not.toHaveBeenCalled();
    // The panel stays open: Escape went to the form only.
    expect(screen.getByTestId("detail")).toBeTruthy();
  });
});

describe("the decisions view", () => {
  it("lists every item with its touchpoint, stage, lane, owner and due date, filters by kind, and shows a card on the board", async () => {
    start();
    fireEvent.click(screen.getByTestId("decisions-toggle"));
    const list = screen.getByTestId("decisions-view");
    expect(screen.getByTestId("decisions-toggle").getAttribute("aria-pressed")).toBe("true");
    expect(screen.queryByTestId("board-grid")).toBeNull();
    const rows = () => within(list).getAllByTestId("decisions-item");
    expect(rows().map((r) => r.getAttribute("data-decision-id"))).toEqual(["dc_1", "dc_2", "dc_3"]);
    expect(within(rows()[0]).getByTestId("decisions-where").textContent).toBe("Checkout · Buy · Customer");
    expect(within(rows()[0]).getByTestId("decisions-about").textContent).toBe("Sales · due 2027-01-31");
    expect(within(rows()[1]).getByTestId("decisions-about").textContent).toBe("no owner · no due date");
    expect(within(rows()[2]).getByTestId("decisions-where").textContent).toBe("Helpdesk · Buy · Support");
    expect(rows()[1].textContent).toContain("Opportunity");
    expect(screen.getByTestId("decisions-count").textContent).toBe("3 of 3");

    fireEvent.change(screen.getByTestId("decisions-kind"), { target: { value: "opportunity" } });
    expect(rows().map((r) => r.getAttribute("data-decision-id"))).toEqual(["dc_2"]);
    expect(screen.getByTestId("decisions-count").textContent).toBe("1 of 3");
    fireEvent.change(screen.getByTestId("decisions-kind"), { target: { value: "decision" } });
    expect(rows().map((r) => r.getAttribute("data-decision-id"))).toEqual(["dc_1", "dc_3"]);

    fireEvent.click(rows()[1]);
    await settle();
    expect(screen.queryByTestId("decisions-view")).toBeNull();
    expect(card("tp_3").getAttribute("aria-pressed")).toBe("true");
    expect(within(screen.getByTestId("detail")).getByTestId("decision-section")).toBeTruthy();
    expect(document.activeElement).toBe(card("tp_3"));
  });

  it("opens and closes with D, and says when there is nothing yet", () => {
    start(view());
    fireEvent.keyDown(document.body, { key: "d" });
    expect(screen.getByTestId("decisions-view").textContent).toContain("No decisions or opportunities yet.");
    expect(screen.getByTestId("decisions-toggle").getAttribute("title")).toBe("Decisions (D)");
    fireEvent.keyDown(document.body, { key: "d" });
    expect(screen.queryByTestId("decisions-view")).toBeNull();
    expect(screen.getByTestId("board-grid")).toBeTruthy();
  });

  it("renders user text as text, never as HTML", () => {
    const v = sample();
    v.decisions[0].text = '<img src=x onerror="alert(1)">';
    v.decisions[0].owner = "<b>Boss</b>";
    start(v);
    fireEvent.click(card("tp_2"));
    expect(within(items()[0]).getByTestId("decision-text").textContent).toBe('<img src=x onerror="alert(1)">');
    fireEvent.click(screen.getByTestId("decisions-toggle"));
    const list = screen.getByTestId("decisions-view");
    expect(list.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(list.querySelector("img, b")).toBeNull();
    expect(document.querySelector("[data-testid=detail] img, [data-testid=detail] b")).toBeNull();
  });
});
