/** The chart label size for the current window: about 1.9 % of its height, 14–44 px (readable from five metres on a wall). */
import { useEffect, useState } from 'react';

export function screenFontPx(width: number, height: number): number {
  // 32:9 walls are as tall as 16:9 ones: size by height, but never wider than the side columns allow.
  return Math.round(Math.min(44, Math.max(14, Math.min(height * 0.019, width * 0.011))));
}

export function useScreenFont(): number {
  const [size, setSize] = useState(() => screenFontPx(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setSize(screenFontPx(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}
