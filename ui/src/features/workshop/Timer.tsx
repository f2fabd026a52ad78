// The facilitator's countdown in the presentation's corner: started, paused, extended and
// reset from the keyboard (the presentation's keys), ticking a few times a second while it
// runs, and flashing when it reaches zero (no sound). The arithmetic is in timer.ts.
import { useEffect, useMemo, useState } from "react";
import {
  extend,
  formatClock,
  MINUTE_MS,
  newTimer,
  phase,
  remaining,
  reset,
  shorten,
  type TimerPhase,
  type TimerState,
  toggle,
} from "./timer";

/** How often a running timer redraws. */
const TICK_MS = 250;

export type TimerControls = {
  toggle: () => void;
  /** One minute more (1) or less (−1). */
  add: (minutes: 1 | -1) => void;
  reset: () => void;
};

export type TimerView = { left: number; phase: TimerPhase; controls: TimerControls };

/** A countdown read from Date.now(), redrawn while it runs. */
export function useTimer(initial?: number): TimerView {
  const [state, setState] = useState<TimerState>(() => newTimer(initial));
  const [now, setNow] = useState(() => Date.now());
  const left = remaining(state, now);
  const running = state.endsAt !== null && left > 0;

  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(id);
  }, [running]);

  const controls = useMemo<TimerControls>(() => {
    const step = (f: (s: TimerState, now: number) => TimerState) => {
      const t = Date.now();
      setNow(t);
      setState((s) => f(s, t));
    };
    return {
      toggle: () => step(toggle),
      add: (minutes) => step((s, t) => (minutes > 0 ? extend(s, MINUTE_MS, t) : shorten(s, t))),
      reset: () => step((s) => reset(s)),
    };
  }, []);

  return { left, phase: phase(state, now), controls };
}

const HINT: Record<TimerPhase, string> = {
  idle: "T to start",
  running: "",
  paused: "paused",
  done: "Time's up",
};

/** The clock in the corner; `data-phase` is idle, running, paused or done. */
export function Timer({ left, phase: p }: { left: number; phase: TimerPhase }) {
  return (
    <div className={`timer timer--${p}`} data-testid="timer" data-phase={p}>
      <span className="timer__clock" role="timer" aria-label={`Timer ${formatClock(left)}${p === "running" ? "" : `, ${HINT[p]}`}`}>
        {formatClock(left)}
      </span>
      <span className="timer__hint" aria-hidden="true">
        {HINT[p]}
      </span>
      {/* Said once when it reaches zero. */}
      <span className="sr-only" role="alert">
        {p === "done" ? "Time is up" : ""}
      </span>
    </div>
  );
}
