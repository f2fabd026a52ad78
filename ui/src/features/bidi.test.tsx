// @vitest-environment jsdom
// User text holding bidi controls is isolated wherever it is shown: in a <bdi> on screen
// (text content unchanged), wrapped in FSI…PDI inside labels and messages.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FeedbackDto, MapSummaryDto } from "../bindings";
import { stage, tp } from "../lib/testData";
import { useImport } from "./common/useImport";
import { FeedbackSection } from "./feedback/FeedbackSection";
import { MapRow } from "./library/MapRow";
import { type BoardActions, BoardActionsContext } from "./map/boardActions";
import { StageHeader } from "./map/StageHeader";
import { MessagesProvider } from "./messages/messages";
import { Card } from "./touchpoints/Card";

const ipcMock = vi.hoisted(() => ({ listFeedback: vi.fn(), importMap: vi.fn() }));
vi.mock("../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

/** A title that, unisolated, shows as "Invoice exe.png" and drags its neighbours along. */
const SPOOF = "Invoice \u202Egnp.exe";
const ISOLATED = `\u2068${SPOOF}\u2069`;

const actions = new Proxy({}, { get: () => vi.fn() }) as BoardActions;

function withActions(children: ReactNode) {
  return <BoardActionsContext.Provider value={actions}>{children}</BoardActionsContext.Provider>;
}

/** The single <bdi> inside `el`, holding exactly `text`. */
function bdiIn(el: Element, text: string) {
  const bdis = [...el.querySelectorAll("bdi")].filter((b) => b.textContent === text);
  expect(bdis).toHaveLength(1);
  return bdis[0];
}

/** A button that starts the import flow the library and the toolbar share. */
function Importer() {
  const start = useImport(() => {});
  return (
    <button type="button" data-testid="start" onClick={start}>
      Import
    </button>
  );
}

describe("bidi isolation of user text", () => {
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it("shows a card's title in a <bdi> and isolates it in the card's label", () => {
    render(withActions(<Card touchpoint={tp("tp_1", "st", "ln", { title: SPOOF, pain: 3 })} selected={false} />));
    const title = screen.getByTestId("card-title");
    expect(title.textContent).toBe(SPOOF);
    bdiIn(title, SPOOF);
    expect(screen.getByTestId("card").getAttribute("aria-label")).toBe(`${ISOLATED}, pain 3 of 10, 0 feedback items`);
  });

  it("shows a stage's name in a <bdi> and isolates it in its buttons' labels and delete prompt", () => {
    render(withActions(<StageHeader stage={stage("st_1", { name: SPOOF })} first last={false} selected={false} />));
    const name = screen.getByTestId("stage-name");
    expect(name.textContent).toBe(SPOOF);
    bdiIn(name, SPOOF);
    const rename = document.querySelector('[data-action="rename"]')!;
    expect(rename.getAttribute("aria-label")).toBe(`Rename stage ${ISOLATED}`);
    fireEvent.click(screen.getByTestId("delete-stage"));
    expect(screen.getByRole("group", { name: `Delete “${ISOLATED}” and its touchpoints?` })).toBeTruthy();
  });

  it("shows a feedback item's text and source in <bdi> elements", async () => {
    const item: FeedbackDto = {
      id: "fb_1",
      touchpointId: "tp_1",
      stageId: null,
      kind: "quote",
      text: SPOOF,
      source: `Interview \u202E21`,
      date: "2026-01-02",
      segment: "",
      nps: null,
      csat: null,
      ces: null,
    };
    ipcMock.listFeedback.mockResolvedValue([item]);
    render(
      <MessagesProvider>
        <FeedbackSection target={{ touchpointId: "tp_1" }} refreshKey={0} edit={vi.fn()} />
      </MessagesProvider>,
    );
    const text = await screen.findByTestId("feedback-text-view");
    expect(text.textContent).toBe(SPOOF);
    bdiIn(text, SPOOF);
    const about = screen.getByTestId("feedback-item").querySelector(".feedback-item__about")!;
    expect(about.textContent).toBe("Interview \u202E21 · 2026-01-02");
    bdiIn(about, "Interview \u202E21");
  });

  it("isolates a map's name in its row's labels and its delete prompt", () => {
    const map: MapSummaryDto = {
      id: "jm_1",
      name: SPOOF,
      personaName: "",
      stageCount: 0,
      touchpointCount: 0,
      updatedAt: "2025-01-01T00:00:00Z",
    };
    render(
      <table>
        <tbody>
          <MapRow map={map} onOpen={vi.fn()} onRename={vi.fn()} onDuplicate={vi.fn()} onDelete={vi.fn()} />
        </tbody>
      </table>,
    );
    expect(screen.getByTestId("map-row").getAttribute("aria-label")).toBe(`Open map ${ISOLATED}`);
    bdiIn(screen.getByTestId("map-name"), SPOOF);
    fireEvent.click(screen.getByTestId("delete-map"));
    expect(screen.getByText(`Delete “${ISOLATED}”?`)).toBeTruthy();
  });

  it("keeps the Replace button's text exactly the name, the name in a <bdi>, and isolates it in the message", async () => {
    ipcMock.importMap.mockRejectedValue({
      code: "conflict",
      message: "taken",
      problems: [],
      existingMap: { id: "jm_1", name: SPOOF },
    });
    render(
      <MessagesProvider>
        <Importer />
      </MessagesProvider>,
    );
    fireEvent.click(screen.getByTestId("start"));
    const replace = await screen.findByTestId("import-replace");
    // The end-to-end test compares this text: no isolate marks in it.
    expect(replace.textContent).toBe(`Replace “${SPOOF}”`);
    bdiIn(replace, SPOOF);
    await waitFor(() => expect(screen.getByTestId("error").textContent).toContain(`library: “${ISOLATED}”.`));
  });
});
