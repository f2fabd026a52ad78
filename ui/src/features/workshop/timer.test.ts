import { describe, expect, it } from "vitest";
import { extend, formatClock, MINUTE_MS, newTimer, phase, remaining, reset, shorten, toggle } from "./timer";

describe("the countdown", () => {
  it("runs, pauses, runs on and reaches zero", () => {
    let t = newTimer(2 * MINUTE_MS);
    expect(phase(t, 0)).toBe("idle");
    t = toggle(t, 1000);
    expect(phase(t, 1000)).toBe("running");
    expect(remaining(t, 31_000)).toBe(90_000);
    t = toggle(t, 31_000);
    expect(phase(t, 99_000)).toBe("paused");
    expect(remaining(t, 99_000)).toBe(90_000);
    t = toggle(t, 100_000);
    expect(remaining(t, 190_000)).toBe(0);
    expect(phase(t, 500_000)).toBe("done");
    // At zero a start does nothing; a minute more runs on at once.
    expect(toggle(t, 500_000)).toBe(t);
    t = extend(t, MINUTE_MS, 500_000);
    expect([phase(t, 500_000), remaining(t, 530_000)]).toEqual(["running", 30_000]);
  });

  it("sets its length while not started, so a reset comes back to it", () => {
    let t = extend(newTimer(), MINUTE_MS, 0);
    expect([t.setMs, remaining(t, 0), phase(t, 0)]).toEqual([6 * MINUTE_MS, 6 * MINUTE_MS, "idle"]);
    t = toggle(t, 0);
    t = extend(t, MINUTE_MS, 10_000);
    expect(remaining(t, 10_000)).toBe(7 * MINUTE_MS - 10_000);
    expect(reset(t)).toEqual({ setMs: 6 * MINUTE_MS, leftMs: 6 * MINUTE_MS, endsAt: null });
  });

  it("takes a minute away, never down to zero", () => {
    expect(remaining(shorten(newTimer(5 * MINUTE_MS), 0), 0)).toBe(4 * MINUTE_MS);
    expect(remaining(shorten(newTimer(90_000), 0), 0)).toBe(MINUTE_MS);
    expect(remaining(shorten(newTimer(30_000), 0), 0)).toBe(30_000);
  });

  it.each([
    [300_000, "5:00"],
    [299_001, "5:00"],
    [299_000, "4:59"],
    [61_000, "1:01"],
    [999, "0:01"],
    [0, "0:00"],
    [-5, "0:00"],
    [12 * MINUTE_MS, "12:00"],
  ])("formatClock(%i) = %s", (ms, text) => expect(formatClock(ms)).toBe(text));
});
