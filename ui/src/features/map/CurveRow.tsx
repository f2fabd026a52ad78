// The emotion and pain curve: a row of the board grid right under the stage headers,
// spanning the stage columns, with one polyline for mean emotion (−2..+2, up = happier)
// and one for mean pain (0..10, down = more pain), each point labelled with its value
// and n. Column positions are read from the stage headers when the stages or their
// widths change (never after an edit of a card).
import { memo, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { StageDto } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { type Column, curveGeometry, evenColumns, formatEmotion, stageCurve } from "../../lib/curve";
import { selectTouchpoints, useMapSelector } from "./mapStore";

const HEIGHT = 96;
/** Used until the headers can be measured (and in tests, where nothing has a size). */
const FALLBACK_COLUMN = 240;

type Props = { stages: StageDto[]; collapsedStages: ReadonlySet<string> };

export const CurveRow = memo(function CurveRow({ stages, collapsedStages }: Props) {
  const touchpoints = useMapSelector(selectTouchpoints);
  const ref = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState<Column[] | null>(null);
  const curve = useMemo(() => stageCurve(stages, touchpoints), [stages, touchpoints]);
  const stageKey = stages.map((s) => s.id).join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: the stages' order and collapsing move the columns.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const measure = () => {
      const grid = el.parentElement;
      if (grid === null) return;
      const left = el.offsetLeft;
      const next: Column[] = [];
      for (const h of grid.querySelectorAll<HTMLElement>(":scope > [data-stage-header]")) {
        next.push({ x: h.offsetLeft - left, width: h.offsetWidth });
      }
      const usable = next.length === stages.length && next.some((c) => c.width > 0);
      setColumns((prev) => {
        const value = usable ? next : null;
        return JSON.stringify(prev) === JSON.stringify(value) ? prev : value;
      });
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [stageKey, collapsedStages]);

  const cols = columns ?? evenColumns(stages.length, FALLBACK_COLUMN);
  const width = Math.max(...cols.map((c) => c.x + c.width), 0);
  const g = curveGeometry(curve, cols, HEIGHT);
  const anyValue = g.emotion.length > 0 || g.pain.length > 0;

  return (
    <>
      <div className="curve-corner">
        <span className="curve-legend curve-legend--emotion">● emotion −2…+2 (up = happier)</span>
        <span className="curve-legend curve-legend--pain">■ pain 0…10 (down = more pain)</span>
      </div>
      <div className="curve-row" ref={ref} data-testid="curve" data-curve="">
        <svg
          className="curve"
          width={width}
          height={HEIGHT}
          role="img"
          aria-label={curveSummary(
            stages,
            curve.map((c) => [c.meanEmotion, c.emotionN, c.meanPain, c.painN]),
          )}
        >
          {!anyValue && (
            <text className="curve__empty" x={8} y={HEIGHT / 2}>
              No emotion or pain scored yet.
            </text>
          )}
          <polyline className="curve__line curve__line--emotion" points={g.emotionLine} />
          <polyline className="curve__line curve__line--pain" points={g.painLine} />
          {g.emotion.map((p) => (
            <g key={`e-${p.stageId}`} className="curve__point curve__point--emotion" data-stage-id={p.stageId}>
              <circle cx={p.x} cy={p.y} r={4} />
              <text x={p.x + 7} y={p.y - 5}>{`${formatEmotion(p.value)} (n=${p.n})`}</text>
            </g>
          ))}
          {g.pain.map((p) => (
            <g key={`p-${p.stageId}`} className="curve__point curve__point--pain" data-stage-id={p.stageId}>
              <rect x={p.x - 4} y={p.y - 4} width={8} height={8} />
              <text x={p.x + 7} y={p.y + 12}>{`pain ${p.value.toFixed(1)} (n=${p.n})`}</text>
            </g>
          ))}
        </svg>
      </div>
    </>
  );
});

function curveSummary(stages: StageDto[], values: [number | null, number, number | null, number][]): string {
  const parts = stages.map((s, i) => {
    const [e, en, p, pn] = values[i];
    const emo = e === null ? "no emotion" : `emotion ${formatEmotion(e)} (n=${en})`;
    const pain = p === null ? "no pain" : `pain ${p.toFixed(1)} (n=${pn})`;
    return `${isolate(s.name)}: ${emo}, ${pain}`;
  });
  return `Emotion and pain curve. ${parts.join("; ")}`;
}
