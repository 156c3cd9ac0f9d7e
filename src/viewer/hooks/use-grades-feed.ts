/**
 * The live grades feed (api/grades-feed.ts) for the page's lifetime: its status for
 * the banner, whether grades are known yet (until then buildings are neutral, not
 * "not appraised" grey), and a version that moves on every change (the lifelines'
 * risk follows grades). useGradeChangesOf counts changes to one building (the open
 * dossier refreshes like the map does).
 */
import { useEffect, useMemo, useState } from 'react';
import { type FeedStatus, GradesFeed } from '../api/grades-feed.ts';

export interface GradesFeedState {
  feed: GradesFeed;
  status: FeedStatus;
  /** The archive has given grades at least once. */
  known: boolean;
  /** Moves on every grade change. */
  version: number;
}

export function useGradesFeed(): GradesFeedState {
  const feed = useMemo(() => new GradesFeed(), []);
  const [status, setStatus] = useState<FeedStatus>(feed.status);
  const [known, setKnown] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const offStatus = feed.onStatus(setStatus);
    const offGrades = feed.onGrades(() => {
      setKnown(true);
      setVersion((n) => n + 1);
    });
    feed.start();
    return () => {
      offStatus();
      offGrades();
      feed.stop();
    };
  }, [feed]);
  return { feed, status, known, version };
}

/** A counter that moves when `code`'s grade changes (0 while none did, or no code). */
export function useGradeChangesOf(feed: GradesFeed, code: string | null): number {
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (!code) return;
    return feed.onGrades((changed) => {
      if (changed.includes(code)) setChanges((n) => n + 1);
    });
  }, [feed, code]);
  return changes;
}
