// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { metrics, tp } from "../../lib/testData";
import { type BoardActions, BoardActionsContext } from "../map/boardActions";
import { Card } from "./Card";

function actions(): BoardActions {
  const fn = () => vi.fn();
  return {
    activateCard: fn(),
    cardKeyDown: fn(),
    dragStart: fn(),
    dragEnd: fn(),
    isCardDrag: vi.fn(() => true),
    droppedId: vi.fn(() => null),
    dropOnCell: fn(),
    openCardInput: fn(),
    closeCardInput: fn(),
    addTouchpoint: fn(),
    selectStage: fn(),
    renameStage: fn(),
    moveStage: fn(),
    deleteStage: fn(),
    renameLane: fn(),
    moveLane: fn(),
    setLaneHidden: fn(),
    deleteLane: fn(),
    selectLink: fn(),
    toggleStageCollapsed: fn(),
    toggleLaneCollapsed: fn(),
  };
}

describe("Card", () => {
  beforeEach(() => {
    window.__jmCardRenders = 0;
  });
  afterEach(cleanup);

  it("shows a hostile title as text, never as markup", () => {
    const title = '<img src=x onerror="alert(1)">';
    const { container } = render(
      <BoardActionsContext.Provider value={actions()}>
        <Card touchpoint={tp("tp_1", "st", "ln", { title })} selected={false} />
      </BoardActionsContext.Provider>,
    );
    expect(screen.getByTestId("card-title").textContent).toBe(title);
    expect(container.querySelector("img")).toBeNull();
  });

  it("shows pain, emotion and feedback count", () => {
    render(
      <BoardActionsContext.Provider value={actions()}>
        <Card touchpoint={tp("tp_1", "st", "ln", { pain: 7, emotion: -2, metrics: metrics({ feedbackCount: 4 }) })} selected />
        <Card touchpoint={tp("tp_2", "st", "ln")} selected={false} />
      </BoardActionsContext.Provider>,
    );
    const badges = screen.getAllByTestId("pain-badge");
    expect(badges.map((b) => b.textContent)).toEqual(["7", "–"]);
    expect(screen.getAllByTestId("feedback-count").map((b) => b.textContent)).toEqual(["4", "0"]);
    expect(screen.getByRole("img", { name: "Emotion: very negative" }).textContent).toBe("😠");
    expect(screen.getAllByTestId("card")[0].getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "\u2068tp_1\u2069, pain 7 of 10, emotion very negative, 4 feedback items" })).toBeTruthy();
  });

  it("does not re-render for the same touchpoint object", () => {
    const a = actions();
    const t = tp("tp_1", "st", "ln");
    const { rerender } = render(
      <BoardActionsContext.Provider value={a}>
        <Card touchpoint={t} selected={false} />
      </BoardActionsContext.Provider>,
    );
    expect(window.__jmCardRenders).toBe(1);
    rerender(
      <BoardActionsContext.Provider value={a}>
        <Card touchpoint={t} selected={false} />
      </BoardActionsContext.Provider>,
    );
    expect(window.__jmCardRenders).toBe(1);
    rerender(
      <BoardActionsContext.Provider value={a}>
        <Card touchpoint={{ ...t, title: "New" }} selected={false} />
      </BoardActionsContext.Provider>,
    );
    expect(window.__jmCardRenders).toBe(2);
    expect(screen.getByTestId("card-title").textContent).toBe("New");
  });
});
