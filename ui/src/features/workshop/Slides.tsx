// One slide of a walk, as walks.ts built it: a pain point, a stage, or a step of the pain
// path. Large type, no controls. User text (titles, names, quotes, sources) is rendered as
// React text in <bdi>, never as HTML, so its bidi controls reorder only itself.
import type { ReactNode } from "react";
import type { CurvePoint } from "../../bindings";
import { curveGeometry, evenColumns, formatEmotion } from "../../lib/curve";
import { painColours, painLabel } from "../../lib/painScale";
import type { EvidenceLine, PainPointSlide, PathStepSlide, QuoteLine, Slide, StageSlide } from "./walks";

type Props = {
  slide: Slide;
  /** The emotion and pain curve over every stage (for the stage walk). */
  curve: readonly CurvePoint[];
  /** The path's steps, for the strip under a path step. */
  walk: readonly Slide[];
  /** What goes under a pain point or path step: the decision and opportunity entry. */
  decisions: ReactNode;
};

export function SlideView({ slide, curve, walk, decisions }: Props) {
  if (slide.kind === "painPoint") return <PainPointView slide={slide} decisions={decisions} />;
  if (slide.kind === "stage") return <StageView slide={slide} curve={curve} />;
  return <PathStepView slide={slide} walk={walk} decisions={decisions} />;
}

function PainPointView({ slide: s, decisions }: { slide: PainPointSlide; decisions: ReactNode }) {
  return (
    <article className="slide slide--pain-point" data-testid="slide" data-slide-kind="painPoint" data-touchpoint-id={s.touchpointId}>
      <p className="slide__eyebrow">Pain point #{s.rank}</p>
      <h1 className="slide__title" data-testid="slide-title">
        <bdi>{s.title}</bdi>
      </h1>
      <p className="slide__where" data-testid="slide-where">
        <bdi>{s.stage}</bdi> · <bdi>{s.lane}</bdi>
      </p>
      <div className="slide__columns">
        <div className="slide__facts">
          <PainBadge pain={s.pain} />
          <Figures lines={s.figures} />
          <EvidenceText evidence={s.evidence} />
        </div>
        <Quotes quotes={s.quotes} />
      </div>
      {decisions}
    </article>
  );
}

function StageView({ slide: s, curve }: { slide: StageSlide; curve: readonly CurvePoint[] }) {
  return (
    <article className="slide slide--stage" data-testid="slide" data-slide-kind="stage" data-stage-id={s.stageId}>
      <p className="slide__eyebrow">
        Stage {s.position} of {s.stages}
      </p>
      <h1 className="slide__title" data-testid="slide-title">
        <bdi>{s.title}</bdi>
      </h1>
      {s.description !== "" && (
        <p className="slide__description">
          <bdi>{s.description}</bdi>
        </p>
      )}
      <div className="slide__columns">
        <div>
          <h2 className="slide__heading">Touchpoints</h2>
          {s.touchpoints.length === 0 ? (
            <p className="slide__none">No touchpoints in this stage.</p>
          ) : (
            <ul className="slide__touchpoints" data-testid="slide-touchpoints">
              {s.touchpoints.map((t) => (
                <li key={t.id} data-touchpoint-id={t.id}>
                  <PainBadge pain={t.pain} small />
                  <span>
                    <bdi>{t.title}</bdi>{" "}
                    <span className="slide__muted">
                      · <bdi>{t.lane}</bdi>
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {s.moreTouchpoints > 0 && <p className="slide__muted">and {s.moreTouchpoints} more</p>}
        </div>
        <div className="slide__facts">
          <StageCurve curve={curve} current={s.stageId} />
          <ul className="slide__figures" data-testid="slide-curve">
            <li>{s.emotion}</li>
            <li>{s.pain}</li>
            {s.painRank !== null && <li>{s.painRank}</li>}
          </ul>
          <Figures lines={s.figures} />
          <EvidenceText evidence={s.evidence} />
        </div>
      </div>
    </article>
  );
}

function PathStepView({ slide: s, walk, decisions }: { slide: PathStepSlide; walk: readonly Slide[]; decisions: ReactNode }) {
  return (
    <article className="slide slide--path-step" data-testid="slide" data-slide-kind="pathStep" data-touchpoint-id={s.touchpointId}>
      <p className="slide__eyebrow">
        Pain path · step {s.step} of {s.steps}
      </p>
      <h1 className="slide__title" data-testid="slide-title">
        <bdi>{s.title}</bdi>
      </h1>
      <p className="slide__where" data-testid="slide-where">
        <bdi>{s.stage}</bdi> · <bdi>{s.lane}</bdi>
      </p>
      <ol className="path-strip" aria-hidden="true">
        {walk.map((w) =>
          w.kind === "pathStep" ? (
            <li key={w.key} className={w.step === s.step ? "path-strip__step path-strip__step--current" : "path-strip__step"}>
              {painLabel(w.pain)}
            </li>
          ) : null,
        )}
      </ol>
      <div className="slide__columns">
        <div className="slide__facts">
          <PainBadge pain={s.pain} />
          <p className="slide__running" data-testid="slide-running">
            Pain so far {s.runningPain} of {s.totalPain}
          </p>
          {s.previous !== null && (
            <p className="slide__muted">
              ← from <bdi>{s.previous}</bdi>
            </p>
          )}
          {s.next !== null && (
            <p className="slide__muted">
              → next <bdi>{s.next}</bdi>
            </p>
          )}
          <Figures lines={s.figures} />
          {s.evidence !== null && <EvidenceText evidence={s.evidence} />}
        </div>
        <Quotes quotes={s.quotes} />
      </div>
      {decisions}
    </article>
  );
}

function PainBadge({ pain, small = false }: { pain: number | null; small?: boolean }) {
  const c = painColours(pain);
  return (
    <span
      className={small ? "slide-pain slide-pain--small" : "slide-pain"}
      data-testid={small ? undefined : "slide-pain"}
      style={{ backgroundColor: c.background, color: c.foreground }}
    >
      {small ? painLabel(pain) : pain === null ? "pain not scored" : `pain ${pain} / 10`}
    </span>
  );
}

function Figures({ lines }: { lines: string[] }) {
  return (
    <ul className="slide__figures" data-testid="slide-figures">
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines are fixed text in a fixed order.
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

function EvidenceText({ evidence }: { evidence: EvidenceLine }) {
  return (
    <p className="slide__evidence" data-testid="slide-evidence" data-weak={evidence.weak ? "true" : "false"}>
      {evidence.text}
    </p>
  );
}

function Quotes({ quotes }: { quotes: QuoteLine[] }) {
  if (quotes.length === 0) return null;
  return (
    <ul className="slide__quotes">
      {quotes.map((q) => (
        <li key={q.id} data-testid="slide-quote">
          <q>
            <bdi>{q.text}</bdi>
          </q>
          <span className="slide__source">
            {" — "}
            <bdi>{q.source}</bdi>, {q.date}
            {q.nps !== null && ` · NPS answer ${q.nps}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

const CURVE_W = 1000;
const CURVE_H = 260;
const LABEL_H = 40;

/** The emotion and pain curve over every stage, the current stage's column marked. */
function StageCurve({ curve, current }: { curve: readonly CurvePoint[]; current: string }) {
  if (curve.length === 0) return null;
  const width = CURVE_W / curve.length;
  const cols = evenColumns(curve.length, width);
  const g = curveGeometry(curve, cols, CURVE_H);
  const at = curve.findIndex((c) => c.stageId === current);
  return (
    <svg
      className="slide-curve"
      viewBox={`0 0 ${CURVE_W} ${CURVE_H + LABEL_H}`}
      role="img"
      aria-label="Emotion (solid, up is happier) and pain (dashed, down is more pain) across the stages; this stage is marked."
      data-testid="slide-curve-chart"
    >
      {at >= 0 && <rect className="slide-curve__current" x={cols[at].x} y={0} width={width} height={CURVE_H + LABEL_H} />}
      <polyline className="slide-curve__line slide-curve__line--emotion" points={g.emotionLine} />
      <polyline className="slide-curve__line slide-curve__line--pain" points={g.painLine} />
      {g.emotion.map((p) => (
        <circle key={`e-${p.stageId}`} className="slide-curve__emotion" cx={p.x} cy={p.y} r={p.stageId === current ? 12 : 7}>
          <title>{`emotion ${formatEmotion(p.value)} (n=${p.n})`}</title>
        </circle>
      ))}
      {g.pain.map((p) => (
        <rect
          key={`p-${p.stageId}`}
          className="slide-curve__pain"
          x={p.x - (p.stageId === current ? 11 : 6)}
          y={p.y - (p.stageId === current ? 11 : 6)}
          width={p.stageId === current ? 22 : 12}
          height={p.stageId === current ? 22 : 12}
        >
          <title>{`pain ${p.value.toFixed(1)} (n=${p.n})`}</title>
        </rect>
      ))}
      {curve.map((c, i) => (
        <text
          key={c.stageId}
          className={c.stageId === current ? "slide-curve__label slide-curve__label--current" : "slide-curve__label"}
          x={cols[i].x + width / 2}
          y={CURVE_H + LABEL_H - 10}
          textAnchor="middle"
        >
          {shorten(c.stage, Math.max(4, Math.floor(width / 16)))}
        </text>
      ))}
    </svg>
  );
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
