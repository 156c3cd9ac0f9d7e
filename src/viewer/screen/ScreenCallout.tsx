/** The autopilot's caption: the area it shows, or the D-grade building with its address and grade. */
import { useTranslation } from 'react-i18next';
import { GradeBadge } from '../panel/GradeBadge.tsx';
import type { Stop } from './itinerary.ts';

export function ScreenCallout({ stop, paused }: { stop: Stop | null; paused: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (!stop) return null;
  // Paused: the stop stays on screen, with a note that the tour goes on by itself.
  const kicker = paused ? t('screen.paused') : null;
  const className = paused ? 'screen-callout screen-callout-paused' : 'screen-callout';
  if (stop.kind === 'area') {
    return (
      <div className={className} data-stop="area" data-area={stop.areaId}>
        <p className="screen-callout-kicker">{kicker ?? t('screen.touring')}</p>
        <h2>{en ? stop.nameEn : stop.name}</h2>
      </div>
    );
  }
  return (
    <div className={className} data-stop="building" data-code={stop.code}>
      <p className="screen-callout-kicker">{kicker ?? (en ? stop.areaNameEn : stop.areaName)}</p>
      <div className="screen-callout-row">
        <GradeBadge grade={stop.grade} />
        <div>
          <h2>{stop.name ?? stop.code}</h2>
          <p>
            {stop.address} · {stop.code}
          </p>
        </div>
      </div>
    </div>
  );
}
