import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type { Overlay } from '../market/chart';
import type { IndicatorAnswer } from './types';

/** The indicators a trader can draw over the price chart, each a toggle. */
export const OVERLAY_CHOICES = [
  { name: 'sma', label: 'SMA 20', colors: { sma: '#f5c542' } },
  { name: 'ema', label: 'EMA 20', colors: { ema: '#7aa2ff' } },
  { name: 'bollinger', label: 'Bollinger 20', colors: { upper: '#c084fc', middle: '#8b8fa3', lower: '#c084fc' } },
  { name: 'vwap', label: 'VWAP 20', colors: { vwap: '#2dd4bf' } },
] as const;

/** Fetches the chosen overlays again whenever the choice or the number of candles changes. */
export function useOverlays(symbol: string, chosen: string[], candleCount: number): Overlay[] {
  const [overlays, setOverlays] = useState<Overlay[]>([]);
  useEffect(() => {
    if (chosen.length === 0) { setOverlays([]); return; }
    const controller = new AbortController();
    api.get<IndicatorAnswer>(`/api/market/instruments/${symbol}/indicators?interval=1m&limit=240&names=${chosen.join(',')}`, { signal: controller.signal })
      .then((answer) => {
        const out: Overlay[] = [];
        for (const indicator of answer.indicators) {
          const choice = OVERLAY_CHOICES.find((c) => c.name === indicator.name);
          for (const [line, values] of Object.entries(indicator.lines)) {
            const points = values.flatMap((v, i) => (v === null ? [] : [{ start: answer.starts[i], cents: v }]));
            out.push({ key: `${indicator.name}.${line}`, color: (choice?.colors as Record<string, string> | undefined)?.[line] ?? '#b3b9c9', points });
          }
        }
        setOverlays(out);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [symbol, chosen.join(','), candleCount]);
  return overlays;
}

export function OverlayToggles({ chosen, onChange }: { chosen: string[]; onChange: (next: string[]) => void }) {
  return (
    <fieldset class="overlay-toggles" data-testid="overlay-toggles">
      <legend class="small muted">Indicators</legend>
      {OVERLAY_CHOICES.map((c) => (
        <label class="small">
          <input type="checkbox" checked={chosen.includes(c.name)} data-indicator={c.name}
            onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked ? [...chosen, c.name] : chosen.filter((n) => n !== c.name))} />
          {' '}{c.label}
        </label>
      ))}
    </fieldset>
  );
}
