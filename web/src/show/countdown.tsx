import { useEffect, useRef, useState } from 'preact/hooks';
import { serverNow } from '../clock';
import { clockText } from '../format';

/** Re-renders about ten times a second while mounted (the countdown's own heartbeat). */
function useTicker(active: boolean) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setTick((t) => t + 1), 100);
    return () => window.clearInterval(timer);
  }, [active]);
}

/**
 * Seconds left on a lot, from the server's deadline and the server's clock (see clock.ts), so two
 * viewers see the same number. When the deadline moves later (a late bid in standard mode) the
 * clock visibly resets: a flash, the "+N s" badge, and one announcement for screen readers.
 */
export function Countdown({ endsAt, open, extendSeconds }: { endsAt: string | null | undefined; open: boolean; extendSeconds?: number }) {
  const deadline = endsAt ? Date.parse(endsAt) : NaN;
  const previous = useRef<number>(deadline);
  const span = useRef<number>(0);
  const [extension, setExtension] = useState<{ seconds: number; at: number } | null>(null);
  useTicker(open && !Number.isNaN(deadline));

  useEffect(() => {
    const before = previous.current;
    previous.current = deadline;
    if (open && !Number.isNaN(before) && !Number.isNaN(deadline) && deadline > before + 250) {
      setExtension({ seconds: Math.round((deadline - before) / 1000), at: Date.now() });
      span.current = 0; // the bar starts full again
    }
  }, [deadline, open]);

  useEffect(() => {
    if (!extension) return;
    const timer = window.setTimeout(() => setExtension(null), 2500);
    return () => window.clearTimeout(timer);
  }, [extension]);

  if (Number.isNaN(deadline)) return null;
  const left = open ? Math.max(0, deadline - serverNow()) : 0;
  // the bar measures against the longest stretch seen since the last reset (or the extension window)
  span.current = Math.max(span.current, left, (extendSeconds ?? 0) * 1000);
  const fraction = span.current > 0 ? left / span.current : 0;
  const urgent = open && left <= 10_000;
  return (
    <div class={`countdown${urgent ? ' urgent' : ''}${extension ? ' extended' : ''}`}>
      <div class="countdown-row">
        <span class="countdown-label">{open ? (left > 0 ? 'Ends in' : 'Closing…') : 'Ended'}</span>
        <span class="countdown-time" role="timer" aria-label={`${Math.ceil(left / 1000)} seconds left`} data-ms-left={Math.round(left)}>
          {clockText(left)}
        </span>
        {extension && <span class="countdown-bump" aria-hidden="true">+{extension.seconds}s</span>}
      </div>
      <div class="countdown-bar" aria-hidden="true"><span style={{ transform: `scaleX(${fraction})` }} /></div>
      <p class="visually-hidden" aria-live="assertive">{extension ? `Time extended: ${Math.ceil(left / 1000)} seconds left.` : ''}</p>
    </div>
  );
}
