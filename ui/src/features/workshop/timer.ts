// The facilitator's countdown as plain values: every step takes the time (`now`, in ms)
// and gives a new state, so the clock is whatever the caller reads (Date.now, or a fake
// one in tests). Running, it holds when it ends; paused, how much is left.

export type TimerState = {
  /** What a reset goes back to: the length set before the timer was started. */
  setMs: number;
  /** While paused (or not started): the time left. */
  leftMs: number;
  /** While running: when it reaches zero; null while paused. */
  endsAt: number | null;
};

export const MINUTE_MS = 60_000;
/** A new timer: five minutes, not started. */
export const DEFAULT_TIMER_MS = 5 * MINUTE_MS;
/** The longest it can be set to. */
export const MAX_TIMER_MS = 99 * MINUTE_MS;

export type TimerPhase = "idle" | "running" | "paused" | "done";

export function newTimer(ms = DEFAULT_TIMER_MS): TimerState {
  return { setMs: ms, leftMs: ms, endsAt: null };
}

/** The time left, never below zero. */
export function remaining(t: TimerState, now: number): number {
  return t.endsAt === null ? t.leftMs : Math.max(0, t.endsAt - now);
}

/** idle: set but not started; done: it has reached zero (running or not). */
export function phase(t: TimerState, now: number): TimerPhase {
  if (remaining(t, now) === 0) return "done";
  if (t.endsAt !== null) return "running";
  return t.leftMs === t.setMs ? "idle" : "paused";
}

/** Starts a paused timer, pauses a running one; at zero it does nothing (extend or reset it). */
export function toggle(t: TimerState, now: number): TimerState {
  const left = remaining(t, now);
  if (left === 0) return t;
  return t.endsAt === null ? { ...t, endsAt: now + left } : { ...t, leftMs: left, endsAt: null };
}

/**
 * Adds (or, with a negative amount, takes away) time. Before it is started this sets its
 * length too, so a reset comes back to it; after zero, the time added runs on at once if
 * it was running.
 */
export function extend(t: TimerState, ms: number, now: number): TimerState {
  const left = remaining(t, now);
  const next = clamp(left + ms);
  if (t.endsAt !== null) return { ...t, endsAt: now + next };
  const idle = t.leftMs === t.setMs;
  return { setMs: idle && next > 0 ? next : t.setMs, leftMs: next, endsAt: null };
}

/** A minute less, but never down to zero (reaching zero is what the flash is for): at most down to one minute. */
export function shorten(t: TimerState, now: number): TimerState {
  const left = remaining(t, now);
  return extend(t, Math.max(-MINUTE_MS, Math.min(0, MINUTE_MS - left)), now);
}

/** Back to the length it was set to, paused. */
export function reset(t: TimerState): TimerState {
  return { ...t, leftMs: t.setMs, endsAt: null };
}

/** "4:05", "12:00", "0:00": whole seconds, rounded up while time is left. */
export function formatClock(ms: number): string {
  const s = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function clamp(ms: number): number {
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}
