/** GET /api/market/instruments/{symbol}/prediction and the `prediction` frame on market:<symbol>. */
export interface Prediction {
  symbol: string;
  interval: string;
  horizon: number;
  direction: 'up' | 'down';
  probability: number;
  probabilityUp: number;
  edge: boolean;
  modelVersion: number;
  modelScope: 'instrument' | 'pooled';
  trainedAt: string;
  basedOnCandle: string;
  statement: string;
  record: {
    accuracy: number;
    accuracyLow: number;
    accuracyHigh: number;
    baselineAccuracy: number;
    baseline: string;
    samples: number;
  };
}

export interface IndicatorAnswer {
  starts: string[];
  indicators: { name: string; kind: string; overlay: boolean; lines: Record<string, (number | null)[]> }[];
}

/** GET /api/lots/{id}/estimate */
export interface LotEstimate {
  lowCents: number;
  medianCents: number;
  highCents: number;
  basis: string;
  similarLots: number;
  coverage: { heldOutLots: number; inside: number; rate: number };
}
