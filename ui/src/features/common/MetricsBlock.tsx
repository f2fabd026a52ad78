// A metrics summary: feedback count, NPS (with its breakdown), CSAT, CES and pain, each
// with n. A metric without answers is left out.
import type { MetricsDto } from "../../bindings";
import { formatCes, formatCsat, formatNps, formatNpsBreakdown, formatPain, plural } from "../../lib/metrics";

type Props = { metrics: MetricsDto; testId?: string; showPain?: boolean };

export function MetricsBlock({ metrics, testId, showPain = true }: Props) {
  const nps = formatNps(metrics.nps);
  const csat = formatCsat(metrics.csat);
  const ces = formatCes(metrics.ces);
  const pain = showPain ? formatPain(metrics.pain) : null;
  return (
    <ul className="metrics" data-testid={testId}>
      <li data-metric="feedback">{plural(metrics.feedbackCount, "feedback item")}</li>
      {nps !== null && metrics.nps && (
        <li data-metric="nps">
          {nps}
          <span className="metrics__detail">{formatNpsBreakdown(metrics.nps)}</span>
        </li>
      )}
      {csat !== null && <li data-metric="csat">{csat}</li>}
      {ces !== null && <li data-metric="ces">{ces}</li>}
      {pain !== null && <li data-metric="pain">{pain}</li>}
    </ul>
  );
}
