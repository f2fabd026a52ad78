// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Analysis, FeedbackDto, MapView } from "../../bindings";
import { MapScreen } from "../map/MapScreen";
import { MessagesProvider } from "../messages/messages";
import { Presentation } from "./Presentation";
import { manyPainPoints, workshopAnalysis, workshopView } from "./testSample";

const windowMock = vi.hoisted(() => ({ setFullscreen: vi.fn(async (_on: boolean) => {}) }));
const ipcMock = vi.hoisted(() => ({
  undo: vi.fn(),
  redo: vi.fn(),
  listFeedback: vi.fn(async () => []),
  mapInsight: vi.fn(),
  searchMap: vi.fn(async () => [] as string[]),
  listMapFeedback: vi.fn(async () => [] as FeedbackDto[]),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock, appWindow: windowMock }));

function present(analysis: Analysis | null = workshopAnalysis(), v: MapView = workshopView()) {
  const onLeave = vi.fn();
  const r = render(<Presentation view={v} analysis={analysis} onLeave={onLeave} />);
  return { ...r, onLeave };
}

const press = (key: string, mods: Partial<Record<"shiftKey" | "ctrlKey" | "altKey", boolean>> = {}) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key, ...mods });
const title = () => screen.getByTestId("slide-title").textContent;
const progress = () => screen.getByTestId("progress").textContent;
const timer = () => screen.getByTestId("timer");

beforeEach(() => {
  vi.clearAllMocks();
  if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("the presentation", () => {
  it("opens full screen on the first pain point, with the map's name, the walks and the progress", () => {
    present();
    expect(windowMock.setFullscreen).toHaveBeenCalledWith(true);
    expect(screen.getByTestId("presentation-map-name").textContent).toBe("Checkout journey");
    expect(title()).toBe("Checkout");
    expect(progress()).toBe("1 / 3");
    expect(screen.getByTestId("walk-painpoints").getAttribute("aria-current")).toBe("step");
    expect(screen.getByTestId("walk-stages").hasAttribute("aria-current")).toBe(false);
    const slide = screen.getByTestId("slide");
    expect(within(slide).getByTestId("slide-where").textContent).toBe("Buy · Customer");
    expect(within(slide).getByTestId("slide-pain").textContent).toBe("pain 8 / 10");
    expect(within(slide).getByTestId("slide-figures").textContent).toContain("NPS -33 (n=3, 95% CI -80 to +30), 33% detractors · weak");
    expect(within(slide).getByTestId("slide-evidence").getAttribute("data-weak")).toBe("true");
    expect(
      within(slide)
        .getAllByTestId("slide-quote")
        .map((q) => q.textContent),
    ).toEqual(["<b>Too slow</b> — Survey, 2026-04-12 · NPS answer 3", "Card refused twice — unknown source, undated"]);
  });

  it("renders user text as text, never as HTML", () => {
    const a = workshopAnalysis();
    a.painPoints[0].title = '<img src=x onerror="alert(1)">';
    present(a);
    expect(title()).toBe('<img src=x onerror="alert(1)">');
    const root = screen.getByTestId("presentation");
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("b")).toBeNull();
  });

  it("moves with →, Space, PageDown, ←, Home, End and a number key, and stays within the walk", () => {
    present();
    press("ArrowRight");
    expect([title(), progress()]).toEqual(["Onboarding", "2 / 3"]);
    press(" ");
    expect(progress()).toBe("3 / 3");
    press("ArrowRight");
    expect(progress()).toBe("3 / 3");
    press("ArrowLeft");
    expect(progress()).toBe("2 / 3");
    press(" ", { shiftKey: true });
    expect(progress()).toBe("1 / 3");
    press("ArrowLeft");
    expect(progress()).toBe("1 / 3");
    press("End");
    expect(title()).toBe("Ad");
    press("Home");
    expect(title()).toBe("Checkout");
    press("PageDown");
    expect(progress()).toBe("2 / 3");
    press("3");
    expect([title(), progress()]).toEqual(["Ad", "3 / 3"]);
    press("9");
    expect(progress()).toBe("3 / 3");
  });

  it("jumps to item 10 when 1 and 0 are typed quickly, and shows the progress of a long walk", () => {
    vi.useFakeTimers();
    present(manyPainPoints(12, workshopView()));
    // Ten at most in the pain point walk (TOP_PAIN_SLIDES).
    expect(progress()).toBe("1 / 10");
    press("1");
    press("0");
    expect(progress()).toBe("10 / 10");
    act(() => vi.advanceTimersByTime(2000));
    press("3");
    expect([title(), progress()]).toEqual(["Pain point 3", "3 / 10"]);
  });

  it("switches walks with P, S, F and Tab, each walk keeping its place", () => {
    present();
    press("ArrowRight");
    press("s");
    expect(screen.getByTestId("presentation").getAttribute("data-walk")).toBe("stages");
    expect(screen.getByTestId("walk-stages").getAttribute("aria-current")).toBe("step");
    expect([title(), progress()]).toEqual(["Discover", "1 / 3"]);
    expect(screen.getByTestId("slide-curve").textContent).toContain("Mean emotion +1.0 (n=1)");
    expect(screen.getByTestId("slide-curve-chart")).toBeTruthy();
    press("ArrowRight");
    expect(within(screen.getByTestId("slide-touchpoints")).getByText("Checkout")).toBeTruthy();
    press("f");
    expect([title(), progress()]).toEqual(["Ad", "1 / 3"]);
    expect(screen.getByTestId("slide-running").textContent).toBe("Pain so far 2 of 15");
    press("ArrowRight");
    expect(screen.getByTestId("slide-running").textContent).toBe("Pain so far 10 of 15");
    press("p");
    expect([title(), progress()]).toEqual(["Onboarding", "2 / 3"]);
    press("Tab");
    expect(title()).toBe("Buy");
    press("Tab", { shiftKey: true });
    expect(title()).toBe("Onboarding");
    press("Tab", { shiftKey: true });
    expect(title()).toBe("Checkout");
  });

  it("says so when a walk is empty, and waits for the analysis", () => {
    const a = workshopAnalysis();
    a.painPaths = [];
    const { rerender, onLeave } = present(null);
    expect(screen.getByTestId("presentation-loading")).toBeTruthy();
    expect(progress()).toBe("0 / 0");
    rerender(<Presentation view={workshopView()} analysis={a} onLeave={onLeave} />);
    press("f");
    expect(screen.getByTestId("slide-empty").textContent).toBe("No flow path: link touchpoints with flow links to see one.");
    expect(progress()).toBe("0 / 0");
    press("ArrowRight");
    expect(progress()).toBe("0 / 0");
  });

  it("leaves with Escape (closing the key help first) and gives the window back on close", () => {
    const { onLeave, unmount } = present();
    press("?");
    expect(screen.getByTestId("presentation-help").textContent).toContain("Start or pause the timer");
    press("Escape");
    expect(screen.queryByTestId("presentation-help")).toBeNull();
    expect(onLeave).not.toHaveBeenCalled();
    press("Escape");
    expect(onLeave).toHaveBeenCalledTimes(1);
    expect(windowMock.setFullscreen).not.toHaveBeenCalledWith(false);
    unmount();
    expect(windowMock.setFullscreen).toHaveBeenLastCalledWith(false);
  });

  it("still works when the window cannot go full screen", () => {
    windowMock.setFullscreen.mockRejectedValueOnce(new Error("not allowed"));
    present();
    press("ArrowRight");
    expect(progress()).toBe("2 / 3");
  });

  it("takes every key before anything behind it hears it, but leaves a field its keys", () => {
    const behind = vi.fn();
    window.addEventListener("keydown", behind);
    try {
      present();
      for (const key of ["ArrowRight", "i", "h", "z", "F5"]) press(key);
      expect(behind).not.toHaveBeenCalled();
      const input = document.createElement("input");
      document.body.append(input);
      fireEvent.keyDown(input, { key: "ArrowRight" });
      expect(behind).toHaveBeenCalledTimes(1);
      expect(progress()).toBe("2 / 3");
      input.remove();
    } finally {
      window.removeEventListener("keydown", behind);
    }
  });

  it("has no buttons, fields, toolbar or panel", () => {
    present();
    const root = screen.getByTestId("presentation");
    for (const walk of ["p", "s", "f"]) {
      press(walk);
      expect(root.querySelectorAll("button, input, textarea, select, [role=toolbar], [data-panel], .panel")).toHaveLength(0);
    }
  });
});

describe("the timer", () => {
  it("counts down, pauses, takes a minute more or less, resets and flashes at zero", () => {
    vi.useFakeTimers();
    present();
    expect([timer().textContent, timer().getAttribute("data-phase")]).toEqual(["5:00T to start", "idle"]);
    press("t");
    expect(timer().getAttribute("data-phase")).toBe("running");
    act(() => vi.advanceTimersByTime(61_000));
    expect(screen.getByRole("timer").textContent).toBe("3:59");
    press("t");
    expect(timer().getAttribute("data-phase")).toBe("paused");
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.getByRole("timer").textContent).toBe("3:59");
    press("+", { shiftKey: true });
    expect(screen.getByRole("timer").textContent).toBe("4:59");
    press("-");
    press("-");
    expect(screen.getByRole("timer").textContent).toBe("2:59");
    press("r");
    expect([screen.getByRole("timer").textContent, timer().getAttribute("data-phase")]).toEqual(["5:00", "idle"]);

    press("t");
    act(() => vi.advanceTimersByTime(5 * 60_000));
    expect(screen.getByRole("timer").textContent).toBe("0:00");
    expect(timer().getAttribute("data-phase")).toBe("done");
    expect(timer().classList.contains("timer--done")).toBe(true);
    expect(screen.getByTestId("presentation").classList.contains("presentation--time-up")).toBe(true);
    expect(screen.getByRole("alert").textContent).toBe("Time is up");
    // A minute more runs on at once.
    press("=");
    expect([screen.getByRole("timer").textContent, timer().getAttribute("data-phase")]).toEqual(["1:00", "running"]);
    expect(screen.getByTestId("presentation").classList.contains("presentation--time-up")).toBe(false);
    // The timer runs on while the walk moves.
    press("ArrowRight");
    act(() => vi.advanceTimersByTime(30_000));
    expect(screen.getByRole("timer").textContent).toBe("0:30");
  });
});

describe("presenting from the map screen", () => {
  function start(v: MapView = workshopView()) {
    ipcMock.mapInsight.mockResolvedValue(workshopAnalysis(v));
    render(
      <MessagesProvider>
        <MapScreen initialView={v} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
      </MessagesProvider>,
    );
  }

  it("opens from the toolbar in place of the board, and Escape brings the board back and leaves full screen", async () => {
    start();
    fireEvent.click(screen.getByTestId("present"));
    expect(screen.queryByTestId("board")).toBeNull();
    expect(screen.getByTestId("presentation")).toBeTruthy();
    expect(await screen.findByTestId("slide-title")).toHaveProperty("textContent", "Checkout");
    expect(ipcMock.mapInsight).toHaveBeenCalledWith("jm_1", true); // the walks read every touchpoint's evidence
    expect(windowMock.setFullscreen).toHaveBeenCalledWith(true);
    // Nothing of the map screen is left: no toolbar, panel, button or field.
    expect(document.querySelectorAll("[role=toolbar], [data-panel], button, input, select, textarea")).toHaveLength(0);

    // The board's own keys do not run behind the walk.
    press("i");
    press("Escape");
    expect(screen.queryByTestId("presentation")).toBeNull();
    expect(screen.getByTestId("board")).toBeTruthy();
    expect(windowMock.setFullscreen).toHaveBeenLastCalledWith(false);
    expect(screen.queryByTestId("insight-panel")).toBeNull();
  });

  it("opens with F5, and the keyboard help says so", async () => {
    start();
    expect(screen.getByTestId("present").getAttribute("title")).toBe("Present (F5)");
    fireEvent.keyDown(document.body, { key: "F5" });
    expect(screen.getByTestId("presentation")).toBeTruthy();
    await waitFor(() => expect(title()).toBe("Checkout"));
    press("2");
    expect(title()).toBe("Onboarding");
  });

  it("hides the open insight panel and selection while presenting, and brings them back after", async () => {
    start();
    fireEvent.keyDown(document.body, { key: "i" });
    await screen.findAllByTestId("pain-point");
    fireEvent.click(screen.getByTestId("present"));
    expect(screen.queryByTestId("insight-panel")).toBeNull();
    await screen.findByTestId("slide-title");
    press("Escape");
    expect(await screen.findByTestId("insight-panel")).toBeTruthy();
  });
});
