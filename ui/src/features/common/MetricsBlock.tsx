// A metrics summary: feedback count, NPS (with its breakdown), CSAT, CES and pain, each
// with n. A metric without answers is left out.
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
        <li data-metric="nps" className={metrics.nps.n < minN ? "metrics--weak" : undefined}>
          {nps}
          <span className="metrics__detail">
            {formatNpsBreakdown(metrics.nps)} · {formatInterval(npsInterval(metrics.nps))} · scale 0–10, 10 = would recommend
          </span>
          <Weak text={weakNote(metrics.nps.n, minN)} />
        </li>
      )}
      {csat !== null && metrics.csat && (
        <li data-metric="csat" className={metrics.csat.n < minN ? "metrics--weak" : undefined}>
          {csat}
          <span className="metrics__detail">scale 1–5, 5 = very satisfied</span>
          <Weak text={weakNote(metrics.csat.n, minN)} />
        </li>
      )}
      {ces !== null && metrics.ces && (
        <li data-metric="ces" className={metrics.ces.n < minN ? "metrics--weak" : undefined}>
          {ces}
          <span className="metrics__detail">scale 1–7, 7 = very easy</span>
          <Weak text={weakNote(metrics.ces.n, minN)} />
        </li>
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
