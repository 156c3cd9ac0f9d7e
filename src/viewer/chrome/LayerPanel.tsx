/** Layer switches: grade colouring, renewal areas, old communities, rail. */
import { useTranslation } from 'react-i18next';
import { LAYER_IDS, type LayerId, type LayerVisibility } from '../state/url-state.ts';

export function LayerPanel({ layers, onChange }: { layers: LayerVisibility; onChange(layers: LayerVisibility): void }) {
  const { t } = useTranslation();
  return (
    <details className="layer-panel panel-box" open>
      <summary>{t('layers.title')}</summary>
      {LAYER_IDS.map((id: LayerId) => (
        <label key={id} className="check">
          <input type="checkbox" name={`layer-${id}`} checked={layers[id]} onChange={() => onChange({ ...layers, [id]: !layers[id] })} />
          {t(`layers.${id}`)}
        </label>
      ))}
    </details>
  );
}
