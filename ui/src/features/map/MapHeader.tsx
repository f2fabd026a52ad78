// The map's title, persona and overall metrics, and the list of hidden lanes to show
// again.
import { memo } from "react";
import type { LaneDto, MapMetaDto, MetricsDto } from "../../bindings";
import { formatCes, formatCsat, formatNps, formatPain, plural } from "../../lib/metrics";
import { useEditsOff } from "../common/readOnly";
import { useBoardActions } from "./boardActions";

type Props = { meta: MapMetaDto; metrics: MetricsDto; lanes: LaneDto[]; onDetails: () => void };

export const MapHeader = memo(function MapHeader({ meta, metrics, lanes, onDetails }: Props) {
  const actions = useBoardActions();
  // Showing a hidden lane again is stored with the map: off on a read-only database.
  const editsOff = useEditsOff();
  const hidden = lanes.filter((l) => l.hidden);
  const figures = [formatNps(metrics.nps), formatCsat(metrics.csat), formatCes(metrics.ces), formatPain(metrics.pain)].filter(
    (s): s is string => s !== null,
  );

  return (
    <header className="map-header">
      <div className="map-header__title">
        <h1 data-testid="map-title">
          <bdi>{meta.name}</bdi>
        </h1>
        {meta.personaName && (
          <span className="map-header__persona">
            Persona: <bdi>{meta.personaName}</bdi>
          </span>
        )}
        <button type="button" className="link-button" data-testid="map-details" onClick={onDetails}>
          Map details
        </button>
      </div>
      <ul className="map-header__metrics" data-testid="map-metrics" aria-label="Map metrics">
        <li>{plural(metrics.feedbackCount, "feedback item")}</li>
        {figures.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      {hidden.length > 0 && (
        <div className="hidden-lanes" data-testid="hidden-lanes">
          <span>Hidden lanes:</span>
          {hidden.map((l) => (
            <button
              key={l.id}
              type="button"
              data-testid="show-lane"
              data-action="show-lane"
              data-lane-id={l.id}
              disabled={editsOff}
              onClick={() => actions.setLaneHidden(l.id, false)}
            >
              Show <bdi>{l.name}</bdi>
            </button>
          ))}
        </div>
      )}
    </header>
  );
});
