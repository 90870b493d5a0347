import { useEffect, useState } from 'react';

/**
 * The time now (epoch ms), re-rendering every `everyMs` while `active` (call timers, time in
 * an agent state). Ticks are aligned to whole seconds so timers on screen move together.
 */
export const useNow = (active = true, everyMs = 1000): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      timer = setTimeout(tick, everyMs - (t % everyMs) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [active, everyMs]);
  return now;
};
