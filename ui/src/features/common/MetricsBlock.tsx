// A metrics summary: feedback count, NPS (with its breakdown), CSAT, CES and pain, each
// with n. A metric without answers is left out.
import type { ReactNode } from "react";
import type { MetricsDto } from "../../bindings";
import { DEFAULT_MIN_N, formatInterval, npsInterval } from "../../lib/evidence";
import { formatCes, formatCsat, formatNps, formatNpsBreakdown, formatPain, plural } from "../../lib/metrics";

type Props = { metrics: MetricsDto; testId?: string; showPain?: boolean; minN?: number };

/** " · weak: 3 answers", or nothing when n is enough. */
function weakNote(n: number, minN: number): string | null {
  return n < minN ? `weak: ${plural(n, "answer")}, fewer than ${minN}` : null;
}

export function MetricsBlock({ metrics, testId, showPain = true, minN = DEFAULT_MIN_N }: Props) {
  const nps = formatNps(metrics.nps);
  const csat = formatCsat(metrics.csat);
  const ces = formatCes(metrics.ces);
  const pain = showPain ? formatPain(metrics.pain) : null;
  return (
    <ul className="metrics" data-testid={testId}>
      <li data-metric="feedback">{plural(metrics.feedbackCount, "feedback item")}</li>
      {nps !== null && metrics.nps && (
        <Figure metric="nps" text={nps} n={metrics.nps.n} minN={minN}>
          {formatNpsBreakdown(metrics.nps)} · {formatInterval(npsInterval(metrics.nps))} · scale 0–10, 10 = would recommend
        </Figure>
      )}
      {csat !== null && metrics.csat && (
        <Figure metric="csat" text={csat} n={metrics.csat.n} minN={minN}>
          scale 1–5, 5 = very satisfied
        </Figure>
      )}
      {ces !== null && metrics.ces && (
        <Figure metric="ces" text={ces} n={metrics.ces.n} minN={minN}>
          scale 1–7, 7 = very easy
        </Figure>
      )}
      {pain !== null && (
        <li data-metric="pain">
          {pain}
          <span className="metrics__detail">scale 0–10, 10 = worst</span>
        </li>
      )}
    </ul>
  );
}

function Weak({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <span className="metrics__detail metrics__weak" data-testid="metric-weak">
      ⚠ {text}
    </span>
  );
}

/** One survey figure with its detail line, marked weak (in words) under `minN` answers. */
function Figure({ metric, text, n, minN, children }: { metric: string; text: string; n: number; minN: number; children: ReactNode }) {
  return (
    <li data-metric={metric} className={n < minN ? "metrics--weak" : undefined}>
      {text}
      <span className="metrics__detail">{children}</span>
      <Weak text={weakNote(n, minN)} />
    </li>
  );
}
