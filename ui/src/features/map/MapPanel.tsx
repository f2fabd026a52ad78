// The map's own details: name, description and persona.
import type { MapFields, MapMetaDto } from "../../bindings";
import { ipc } from "../../ipc";
import { TextField } from "../common/fields";
import { Panel } from "../common/Panel";
import type { Edit } from "./useMapSession";

function fieldsOf(m: MapMetaDto): MapFields {
  return { name: m.name, description: m.description, personaName: m.personaName, personaDescription: m.personaDescription };
}

export function MapPanel({ meta, edit, onClose }: { meta: MapMetaDto; edit: Edit; onClose: () => void }) {
  const save = (patch: Partial<MapFields>) =>
    edit((mapId, v) => ipc.updateMap(mapId, { ...fieldsOf(v.map), ...patch })).then((r) => r !== null);

  return (
    <Panel title="Map details" kind="map" testId="map-detail" onClose={onClose}>
      <section className="panel__section">
        <TextField label="Name" value={meta.name} testId="map-field-name" onCommit={(name) => save({ name })} />
        <TextField
          label="Description"
          value={meta.description}
          testId="map-field-description"
          multiline
          onCommit={(description) => save({ description })}
        />
        <TextField label="Persona" value={meta.personaName} testId="map-field-persona" onCommit={(personaName) => save({ personaName })} />
        <TextField
          label="Persona description"
          value={meta.personaDescription}
          testId="map-field-persona-description"
          multiline
          onCommit={(personaDescription) => save({ personaDescription })}
        />
      </section>
    </Panel>
  );
}
