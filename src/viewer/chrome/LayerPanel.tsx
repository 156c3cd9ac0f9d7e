/** Layer switches: the layers the registry (layers/layer-registry.ts) puts in this panel. */
import { useTranslation } from 'react-i18next';
import { LAYERS, type LayerVisibility } from '../layers/layer-registry.ts';

export function LayerPanel({ layers, onChange }: { layers: LayerVisibility; onChange(layers: LayerVisibility): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <details className="layer-panel panel-box" open>
      <summary>{t('layers.title')}</summary>
      {LAYERS.filter((l) => l.inLayerPanel).map(({ id, label }) => (
        <label key={id} className="check">
          <input type="checkbox" name={`layer-${id}`} checked={layers[id]} onChange={() => onChange({ ...layers, [id]: !layers[id] })} />
          {label[lang]}
        </label>
      ))}
    </details>
  );
}
