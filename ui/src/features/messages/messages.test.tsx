// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Messages, MessagesProvider, STATUS_FADE_MS, useMessages } from "./messages";

function Capture({ into }: { into: { current: Messages | null } }) {
  into.current = useMessages();
  return null;
}

describe("messages", () => {
  afterEach(cleanup);

  it("shows an error with each problem on its own line, and dismisses it", () => {
    const m: { current: Messages | null } = { current: null };
    render(
      <MessagesProvider>
        <Capture into={m} />
      </MessagesProvider>,
    );
    expect(screen.queryByTestId("error")).toBeNull();
    act(() =>
      m.current!.showError({
        code: "import",
        message: "Bad file",
        problems: ["/touchpoints/3/pain: 11 is outside 0–10", "/stages/0/name: empty"],
      }),
    );
    expect(screen.getByTestId("error").textContent).toContain("Bad file");
    expect(screen.getAllByTestId("error-problem").map((p) => p.textContent)).toEqual([
      "/touchpoints/3/pain: 11 is outside 0–10",
      "/stages/0/name: empty",
    ]);
    fireEvent.click(screen.getByTestId("error-dismiss"));
    expect(screen.queryByTestId("error")).toBeNull();
  });

  it("turns anything thrown into a readable message", () => {
    const m: { current: Messages | null } = { current: null };
    render(
      <MessagesProvider>
        <Capture into={m} />
      </MessagesProvider>,
    );
    act(() => m.current!.showError("plain failure"));
    expect(screen.getByTestId("error").textContent).toContain("plain failure");
    act(() => m.current!.showStatus("Exported to /tmp/a.json"));
    expect(screen.getByTestId("status").textContent).toBe("Exported to /tmp/a.json");
  });

  it("fades a status after a few seconds, and a new one shows again", () => {
    vi.useFakeTimers();
    try {
      const m: { current: Messages | null } = { current: null };
      render(
        <MessagesProvider>
          <Capture into={m} />
        </MessagesProvider>,
      );
      const status = () => screen.getByTestId("status");
      act(() => m.current!.showStatus("Saved"));
      expect(status().className).toBe("status");
      act(() => vi.advanceTimersByTime(STATUS_FADE_MS + 10));
      expect(status().className).toBe("status status--faded");
      expect(status().textContent).toBe("Saved");
      act(() => m.current!.showStatus("Saved"));
      expect(status().className).toBe("status");
    } finally {
      vi.useRealTimers();
    }
  });
});
