// @vitest-environment jsdom
// Decisions and opportunities typed during the walk: D or O on a slide about a touchpoint,
// saved once through the map screen's edit queue, listed on the slide, undoable.
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MapView } from "../../bindings";
import { decision } from "../../lib/testData";
import { ReadOnlyContext } from "../common/readOnly";
import { serveDecisions } from "../decisions/testBackend";
import { MapScreen } from "../map/MapScreen";
import { MessagesProvider } from "../messages/messages";
import { Presentation } from "./Presentation";
import { workshopAnalysis, workshopView } from "./testSample";

const windowMock = vi.hoisted(() => ({ setFullscreen: vi.fn(async (_on: boolean) => {}) }));
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
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock, appWindow: windowMock }));

/** Lets the edit queue and React catch up. */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  });
}

const press = (key: string, mods: Partial<Record<"shiftKey" | "ctrlKey", boolean>> = {}) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key, ...mods });
const progress = () => screen.getByTestId("progress").textContent;
const slideItems = () => screen.queryAllByTestId("slide-decision").map((li) => li.textContent);

/** The map screen over a fake backend, presenting (on the first pain point: Checkout, tp_2). */
async function presenting(v: MapView = workshopView()) {
  const backend = serveDecisions(ipcMock, v);
  ipcMock.mapInsight.mockImplementation(async () => workshopAnalysis(backend.stored()));
  render(
    <MessagesProvider>
      <MapScreen initialView={v} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
    </MessagesProvider>,
  );
  fireEvent.click(screen.getByTestId("present"));
  expect(await screen.findByTestId("slide-title")).toHaveProperty("textContent", "Checkout");
  return backend;
}

beforeEach(() => {
  vi.clearAllMocks();
  if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
});
afterEach(cleanup);

describe("decisions in the walk", () => {
  it("saves a decision typed after D once, onto the touchpoint on screen, and lists it on the slide", async () => {
    const backend = await presenting();
    expect(screen.queryByTestId("slide-decisions")).toBeNull();
    press("d");
    const input = screen.getByTestId("decision-input");
    expect(document.activeElement).toBe(input);
    expect(screen.getByTestId("decision-entry").getAttribute("data-kind")).toBe("decision");

    // Keys typed into the entry stay there: the walk does not move, no walk or timer key runs.
    for (const key of ["ArrowRight", " ", "PageDown", "2", "s", "t", "d", "o", "?"]) fireEvent.keyDown(input, { key });
    expect(progress()).toBe("1 / 3");
    expect(screen.getByTestId("presentation").getAttribute("data-walk")).toBe("painpoints");
    expect(screen.queryByTestId("presentation-help")).toBeNull();

    fireEvent.change(input, { target: { value: "  Offer guest checkout  " } });
    fireEvent.change(screen.getByTestId("decision-owner"), { target: { value: "Sales" } });
    fireEvent.change(screen.getByTestId("decision-due"), { target: { value: "2027-01-31" } });
    fireEvent.keyDown(screen.getByTestId("decision-due"), { key: "Enter" });
    fireEvent.keyDown(screen.getByTestId("decision-due"), { key: "Enter" });
    await settle();

    expect(ipcMock.addDecision).toHaveBeenCalledTimes(1);
    expect(ipcMock.addDecision).toHaveBeenCalledWith("jm_1", "tp_2", {
      kind: "decision",
      text: "Offer guest checkout",
      owner: "Sales",
      due: "2027-01-31",
    });
    expect(backend.stored().decisions).toHaveLength(1);
    // Shown on the slide; the entry is closed and the keys drive the walk again.
    expect(screen.queryByTestId("decision-input")).toBeNull();
    expect(within(screen.getByTestId("slide-decisions")).getAllByTestId("slide-decision")).toHaveLength(1);
    expect(slideItems()).toEqual(["Decision Offer guest checkout · Sales · due 2027-01-31"]);
    expect(document.activeElement).toBe(screen.getByTestId("presentation"));
    press("ArrowRight");
    expect(progress()).toBe("2 / 3");
    expect(slideItems()).toEqual([]);
    press("ArrowLeft");
    expect(slideItems()).toHaveLength(1);
  });

  it("writes an opportunity after O on a path step, without owner or due date", async () => {
    await presenting();
    press("f");
    press("ArrowRight");
    expect(screen.getByTestId("slide").getAttribute("data-slide-kind")).toBe("pathStep");
    expect(screen.getByTestId("slide-title").textContent).toBe("Checkout");
    press("o");
    expect(screen.getByTestId("decision-entry").getAttribute("data-kind")).toBe("opportunity");
    fireEvent.change(screen.getByTestId("decision-input"), { target: { value: "Wallet payments" } });
    fireEvent.keyDown(screen.getByTestId("decision-input"), { key: "Enter" });
    await settle();
    expect(ipcMock.addDecision).toHaveBeenCalledWith("jm_1", "tp_2", {
      kind: "opportunity",
      text: "Wallet payments",
      owner: "",
      due: null,
    });
    expect(slideItems()).toEqual(["Opportunity Wallet payments"]);
  });

  it("closes the entry with Escape and stays in the presentation", async () => {
    await presenting();
    press("d");
    fireEvent.change(screen.getByTestId("decision-input"), { target: { value: "Half typed" } });
    fireEvent.keyDown(screen.getByTestId("decision-input"), { key: "Escape" });
    expect(screen.queryByTestId("decision-input")).toBeNull();
    expect(screen.getByTestId("presentation")).toBeTruthy();
    expect(windowMock.setFullscreen).not.toHaveBeenCalledWith(false);
    expect(ipcMock.addDecision).not.toHaveBeenCalled();
    // From the owner field too.
    press("o");
    fireEvent.keyDown(screen.getByTestId("decision-owner"), { key: "Escape" });
    expect(screen.queryByTestId("decision-entry")).toBeNull();
    expect(screen.getByTestId("presentation")).toBeTruthy();
    // The next Escape leaves, as always.
    press("Escape");
    expect(screen.queryByTestId("presentation")).toBeNull();
    expect(screen.getByTestId("board")).toBeTruthy();
  });

  it("keeps Tab within the entry, refuses an empty text or a wrong date, and offers nothing on a stage slide", async () => {
    await presenting();
    press("d");
    const [text, owner, due] = ["decision-input", "decision-owner", "decision-due"].map((id) => screen.getByTestId(id));
    fireEvent.keyDown(text, { key: "Tab" });
    expect(document.activeElement).toBe(owner);
    fireEvent.keyDown(owner, { key: "Tab" });
    fireEvent.keyDown(due, { key: "Tab" });
    expect(document.activeElement).toBe(text);
    fireEvent.keyDown(text, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(due);
    expect(screen.getByTestId("presentation").getAttribute("data-walk")).toBe("painpoints");

    fireEvent.keyDown(text, { key: "Enter" });
    fireEvent.change(due, { target: { value: "2027-02-30" } });
    fireEvent.change(text, { target: { value: "Something" } });
    fireEvent.keyDown(text, { key: "Enter" });
    await settle();
    expect(ipcMock.addDecision).not.toHaveBeenCalled();
    expect(within(screen.getByTestId("decision-entry")).getByRole("alert").textContent).toContain("Due date must be a real date");
    fireEvent.keyDown(text, { key: "Escape" });

    press("s");
    expect(screen.getByTestId("slide").getAttribute("data-slide-kind")).toBe("stage");
    press("d");
    expect(screen.queryByTestId("decision-input")).toBeNull();
  });

  it("is an ordinary edit: the card shows it after the walk, and Ctrl+Z takes it back", async () => {
    await presenting();
    press("d");
    fireEvent.change(screen.getByTestId("decision-input"), { target: { value: "Fix the card form" } });
    fireEvent.keyDown(screen.getByTestId("decision-input"), { key: "Enter" });
    await settle();
    press("Escape");
    const marker = () => document.querySelector('[data-touchpoint-id="tp_2"] [data-testid="card-decisions"]');
    expect(marker()?.textContent).toBe("◆ 1");
    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await settle();
    expect(ipcMock.undo).toHaveBeenCalledTimes(1);
    expect(marker()).toBeNull();
  });

  it("keeps the text when the save fails", async () => {
    await presenting();
    ipcMock.addDecision.mockRejectedValueOnce({ code: "storage", message: "disk full", problems: [], existingMap: null });
    press("d");
    fireEvent.change(screen.getByTestId("decision-input"), { target: { value: "Keep me" } });
    fireEvent.keyDown(screen.getByTestId("decision-input"), { key: "Enter" });
    await settle();
    expect(ipcMock.addDecision).toHaveBeenCalledTimes(1);
    expect((screen.getByTestId("decision-input") as HTMLInputElement).value).toBe("Keep me");
    expect(within(screen.getByTestId("decision-entry")).getByRole("alert").textContent).toContain("Not saved");
    expect(slideItems()).toEqual([]);
  });

  it("lists the touchpoint's earlier decisions in large type, as text", async () => {
    const v = workshopView();
    v.decisions = [
      decision("dc_1", "tp_2", { text: "<b>Cut a step</b>", owner: "Ops" }),
      decision("dc_2", "tp_3", { text: "Elsewhere" }),
      decision("dc_3", "tp_2", { kind: "opportunity", text: "Apple Pay", due: "2027-03-01" }),
    ];
    await presenting(v);
    expect(slideItems()).toEqual(["Decision <b>Cut a step</b> · Ops", "Opportunity Apple Pay · due 2027-03-01"]);
    expect(screen.getByTestId("slide-decisions").querySelector("b")).toBeNull();
  });

  it("does nothing on D without a way to save (a presentation alone, or a read-only database)", async () => {
    const alone = render(<Presentation view={workshopView()} analysis={workshopAnalysis()} onLeave={vi.fn()} />);
    press("d");
    expect(screen.queryByTestId("decision-input")).toBeNull();
    expect(screen.getByTestId("presentation").querySelectorAll("input")).toHaveLength(0);
    alone.unmount();

    ipcMock.mapInsight.mockResolvedValue(workshopAnalysis());
    render(
      <ReadOnlyContext.Provider value="The file can only be read.">
        <MessagesProvider>
          <MapScreen initialView={workshopView()} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
        </MessagesProvider>
      </ReadOnlyContext.Provider>,
    );
    fireEvent.click(screen.getByTestId("present"));
    await screen.findByTestId("slide-title");
    press("d");
    expect(screen.queryByTestId("decision-input")).toBeNull();
    expect(ipcMock.addDecision).not.toHaveBeenCalled();
  });

  it("lists D and O in the key help", async () => {
    await presenting();
    press("?");
    expect(screen.getByTestId("presentation-help").textContent).toContain("D / O");
    expect(screen.getByTestId("presentation-help").textContent).toContain("Write a decision / an opportunity");
  });
});
