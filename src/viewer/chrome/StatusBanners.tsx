/** Banners for what the user must know: the archive is down, or the 3D view died (WebGL context lost). */
import { useTranslation } from 'react-i18next';
import type { FeedStatus } from '../api/grades-feed.ts';

export function StatusBanners({ feedStatus, webglLost }: { feedStatus: FeedStatus; webglLost: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="banners">
      {webglLost && (
        <div className="banner banner-error" role="alert">
          {t('status.webglLost')}{' '}
          <button type="button" onClick={() => window.location.reload()}>
            {t('status.reload')}
          </button>
        </div>
      )}
      {feedStatus === 'down' && (
        <div className="banner banner-warning archive-down" role="alert">
          {t('status.archiveDown')}
        </div>
      )}
    </div>
  );
}
