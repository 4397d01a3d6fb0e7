import { money } from '../format';
import type { Phase } from '../types';

export const PHASE_TEXT: Record<Phase, string> = {
  pre_open: 'Pre-open',
  opening_auction: 'Opening auction',
  continuous: 'Trading',
  closing_auction: 'Closing auction',
  closed: 'Closed',
  halted: 'Halted',
};

export function phaseText(phase: Phase | undefined): string {
  return phase ? PHASE_TEXT[phase] ?? phase : '';
}

/** "+$1.25 (+2.1%)" with the sign written out, for people and screen readers alike. */
export function changeText(changeCents: number | undefined, changePercent: number | undefined): string {
  if (changeCents === undefined) return '';
  const sign = changeCents > 0 ? '+' : changeCents < 0 ? '−' : '';
  const percent = changePercent === undefined ? '' : ` (${sign}${Math.abs(changePercent).toFixed(1)}%)`;
  return `${sign}${money(Math.abs(changeCents))}${percent}`;
}

export function direction(cents: number | undefined): string {
  return !cents ? '' : cents > 0 ? 'up' : 'down';
}

/** Trading fee on one fill: value × bps / 10 000, half up to the cent (the server's TradeFee rule). */
export function feeFor(valueCents: number, feeBps: number): number {
  return Math.floor((valueCents * feeBps + 5_000) / 10_000);
}
