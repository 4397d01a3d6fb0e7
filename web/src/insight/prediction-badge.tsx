import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { live } from '../live';
import type { Prediction } from './types';

const BASELINES: Record<string, string> = { alwaysUp: 'always up', lastMoveRepeated: 'repeating the last move', baseRate: 'the base rate' };
const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The next 1-minute candle's direction with the model's record on candles it had not seen. When
 * the model did not beat the best simple baseline it shows "No edge", never an arrow.
 */
export function PredictionBadge({ symbol }: { symbol: string }) {
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.get<Prediction>(`/api/market/instruments/${symbol}/prediction?interval=1m`, { signal: controller.signal })
      .then((p) => { setPrediction(p); setProblem(null); })
      .catch((error) => { if (!controller.signal.aborted) setProblem(plainWords(error)); });
    const stop = live.subscribe(`market:${symbol}`, (frame) => {
      if (frame.type === 'prediction' && frame.data?.interval === '1m') setPrediction(frame.data as Prediction);
    });
    return () => { controller.abort(); stop(); };
  }, [symbol]);

  if (!prediction) {
    return <p class="prediction muted small" data-testid="prediction">{problem ? `No prediction yet: ${problem}` : 'Loading the prediction…'}</p>;
  }
  const r = prediction.record;
  const record = `Right ${pct(r.accuracy)} (95% interval ${pct(r.accuracyLow)}–${pct(r.accuracyHigh)}) of ${r.samples} unseen candles, vs ${pct(r.baselineAccuracy)} for ${BASELINES[r.baseline] ?? r.baseline}`;
  return (
    <div class="prediction" data-testid="prediction" data-edge={String(prediction.edge)}>
      {prediction.edge ? (
        <span class={`pill ${prediction.direction === 'up' ? 'up' : 'down'}`} data-testid="prediction-direction">
          <span aria-hidden="true">{prediction.direction === 'up' ? '▲' : '▼'}</span> Next minute {prediction.direction} · {pct(prediction.probability)}
        </span>
      ) : (
        <span class="pill pill-soft" data-testid="prediction-direction" title={prediction.statement}>No edge</span>
      )}
      <span class="muted small" data-testid="prediction-record"> {record}{prediction.modelScope === 'pooled' ? ' (market-wide model)' : ''}.</span>
    </div>
  );
}
