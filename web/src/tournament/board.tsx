import { money } from '../format';
import { direction } from '../market/format';
import { Empty } from '../ui';
import type { Standing } from './types';

function returnText(bps: number | undefined): string {
  if (bps === undefined) return '';
  const sign = bps > 0 ? '+' : bps < 0 ? '−' : '';
  return `${sign}${(Math.abs(bps) / 100).toFixed(2)}%`;
}

/**
 * The leaderboard: ranks by equity (play cash + holdings at the last price), ties to the earlier
 * entry, as the server ranked them. Frozen results add each place's prize in real money.
 */
export function StandingsTable({ rows, you, final, caption }: { rows: Standing[]; you?: number; final: boolean; caption: string }) {
  if (rows.length === 0) return <Empty title="Nobody on the board yet">Entrants appear here with their equity.</Empty>;
  return (
    <div class="table-wrap">
      <table class="standings" data-testid={final ? 'results-board' : 'live-board'}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr><th scope="col" class="num">Rank</th><th scope="col">Trader</th><th scope="col" class="num">Equity</th>
            {final ? <th scope="col" class="num">Prize</th> : <th scope="col" class="num">Return</th>}</tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.userId} data-user-id={row.userId} aria-current={row.userId === you ? 'true' : undefined} class={row.userId === you ? 'you' : undefined}>
              <td class="num">{row.rank}</td>
              <td><a href={`/traders/${row.userId}`}>{row.displayName}</a>{row.userId === you && <span class="muted small"> (you)</span>}</td>
              <td class="num">{money(row.equityCents)}</td>
              {final
                ? <td class="num">{row.prizeCents ? <strong>{money(row.prizeCents)}</strong> : '—'}</td>
                : <td class={`num ${direction(row.returnBps)}`}>{returnText(row.returnBps)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
