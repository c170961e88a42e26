// The big screen is laid out once on a 1920×1080 stage and scaled to the window (letterboxed),
// so it looks the same on a 1366×768 laptop and a 3840×2160 wall: nothing reflows or overlaps.
import { useEffect, useState } from 'react';

export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;

export interface StageFit {
  scale: number;
  left: number;
  top: number;
}

function fit(): StageFit {
  const w = window.innerWidth;
  const h = window.innerHeight;
  const scale = Math.min(w / STAGE_WIDTH, h / STAGE_HEIGHT);
  return { scale, left: (w - STAGE_WIDTH * scale) / 2, top: (h - STAGE_HEIGHT * scale) / 2 };
}

export function useStageScale(): StageFit {
  const [f, setF] = useState(fit);
  useEffect(() => {
    const on = () => setF(fit());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return f;
}
