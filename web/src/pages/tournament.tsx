import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiProblem } from '../api';
import { day, money, when } from '../format';
import { live } from '../live';
import { useSession } from '../session';
import { toast } from '../toasts';
import { StandingsTable } from '../tournament/board';
import { TournamentClock } from '../tournament/clock';
import { EnterPanel } from '../tournament/enter';
import { PlayAccountFacts, TradingView } from '../tournament/trading';
import { STATUS_TEXT, type Board, type PlayAccount, type Results, type Tournament, type TournamentEntry, type TournamentNews } from '../tournament/types';
import { ErrorNote, Loaded, Loading, Page, useAsync } from '../ui';
import { feeText } from './tournaments';

/**
 * A tournament: its rules and clock, the entry, the live board (topic tournament:<id>: a snapshot
 * of the tournament and its board, then status, entrant, board, news and results frames), the
 * entrant's trading view while it runs, and the frozen results once it has finished.
 */
export function TournamentPage({ id }: { id: number }) {
  const session = useSession();
  const [tournament, setTournament] = useState<Tournament | null>(null);
  const [board, setBoard] = useState<Board | null>(null);
  const [news, setNews] = useState<TournamentNews[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const [account, setAccount] = useState<PlayAccount | null>(null);
  const [accountRound, setAccountRound] = useState(0);
  // a new board means new prices: an entrant's own equity is read again with it
  const entered = useRef(false);
  entered.current = account?.entry.status === 'entered';

  useEffect(() => live.subscribe(`tournament:${id}`, (frame) => {
    const data = frame.data ?? {};
    switch (frame.type) {
      case 'snapshot':
        if (data.tournament) {
          setTournament(data.tournament);
          setNews((data.tournament.events ?? []).filter((e: TournamentNews) => e.appliedAt));
        }
        if (data.board) setBoard(data.board);
        break;
      case 'tournament.status':
        setTournament((current) => current && { ...current, status: data.status });
        setAccountRound((r) => r + 1);
        break;
      case 'tournament.entrant':
        setTournament((current) => current && { ...current, entrants: (current.entrants ?? 0) + 1 });
        break;
      case 'tournament.board':
        setBoard(data as Board);
        if (entered.current) setAccountRound((r) => r + 1);
        break;
      case 'tournament.news': {
        const shock = data as TournamentNews;
        setNews((current) => current.some((n) => n.id === shock.id) ? current : [...current, shock]);
        toast(`News: ${shock.headline}`);
        break;
      }
      case 'tournament.results':
        setTournament((current) => current && { ...current, status: 'completed' });
        break;
      case 'error':
        setError(new ApiProblem(frame.status ?? 404, frame.code ?? 'error', 'Refused', frame.detail));
        break;
    }
  }), [id]);

  // the snapshot is the first word; the HTTP read covers a slow socket (and says 404 plainly)
  useEffect(() => {
    const controller = new AbortController();
    api.get<Tournament>(`/api/tournaments/${id}`, { signal: controller.signal })
      .then((t) => setTournament((current) => current ?? t))
      .catch((failure) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [id]);

  // the caller's entry and play money; 404 not_an_entrant means not entered
  useEffect(() => {
    if (!session) {
      setAccount(null);
      return;
    }
    const controller = new AbortController();
    api.get<PlayAccount>(`/api/tournaments/${id}/me`, { signal: controller.signal })
      .then(setAccount)
      .catch(() => {
        if (!controller.signal.aborted) setAccount(null);
      });
    return () => controller.abort();
  }, [id, session?.user.id, accountRound]);
  const refreshAccount = () => setAccountRound((r) => r + 1);

  if (!tournament) {
    return <Page title="Tournament">{error !== undefined ? <ErrorNote error={error} /> : <Loading label="Loading the tournament…" />}</Page>;
  }
  const t = tournament;
  const entry = account?.entry ?? null;
  const trading = t.status === 'active' && entry?.status === 'entered' && account !== null;
  const pool = (t.entrants ?? 0) * t.entryFeeCents;
  return (
    <Page title={t.name} heading={t.name} wide actions={<a class="button ghost" href="/tournaments">All tournaments</a>}>
      <div class="row tournament-head">
        <span class="pill pill-soft" data-testid="tournament-status">{STATUS_TEXT[t.status]}</span>
        <TournamentClock tournament={t} />
        <span class="muted small">{when(t.startsAt)} – {when(t.endsAt)}</span>
      </div>
      <div class="market-layout">
        <div class="market-main">
          <section class="card" aria-labelledby="about-title">
            <h2 id="about-title">About</h2>
            <dl class="facts">
              <dt>Entry</dt><dd>{feeText(t.entryFeeCents)}</dd>
              <dt>Entrants</dt><dd data-testid="entrants">{t.entrants ?? 0} / {t.maxEntrants}</dd>
              <dt>Starting play money</dt><dd>{money(t.startingCashCents)}</dd>
              {t.entryFeeCents > 0 && <><dt>Prize pool so far</dt><dd>{money(pool)} before the platform's {((t.platformCutBps ?? 0) / 100).toFixed(0)}%</dd></>}
              <dt>Prizes</dt><dd>{t.prizeSplit.map((w, i) => `${i + 1}. ${w}%`).join(' · ')}</dd>
              <dt>Instruments</dt>
              <dd>{(t.instruments ?? []).map((i) => <div>{i.symbol} · {i.name} <span class="muted small">from {money(i.referencePriceCents)}</span></div>)}</dd>
            </dl>
            {t.rules && <><h3 class="rules-title">Rules</h3><p class="pre-line" data-testid="tournament-rules">{t.rules}</p></>}
            {t.inviteCode && <p class="small">Invite code (share it with your entrants): <code>{t.inviteCode}</code></p>}
          </section>
          {news.length > 0 && (
            <section class="card" aria-labelledby="news-title">
              <h2 id="news-title">News</h2>
              <ul aria-live="polite">{news.map((n) => <li>{n.headline} <span class="muted small">{n.symbol} {n.shockBps > 0 ? '+' : '−'}{Math.abs(n.shockBps) / 100}%</span></li>)}</ul>
            </section>
          )}
        </div>
        <div class="market-side">
          <EnterPanel tournament={t} session={session} entry={entry} onEntered={() => {
            refreshAccount();
          }} />
          {account && !trading && entry?.status === 'entered' && t.status !== 'completed' && <PlayAccountFacts account={account} />}
        </div>
      </div>
      {trading && <TradingView tournament={t} account={account!} onAccountChanged={refreshAccount} />}
      {t.status === 'completed' ? <ResultsSection id={t.id} you={session?.user.id} link /> : (
        <section class="section" aria-labelledby="board-title">
          <h2 id="board-title">Leaderboard</h2>
          {board ? <StandingsTable rows={board.items} you={session?.user.id} final={false} caption="Live leaderboard by equity" />
            : <Loading label="Loading the board…" />}
        </section>
      )}
      {t.status === 'cancelled' && <p class="note">This tournament was cancelled; every paid entry was refunded.</p>}
      <Entrants id={t.id} count={t.entrants ?? 0} />
    </Page>
  );
}

function Entrants({ id, count }: { id: number; count: number }) {
  const entrants = useAsync((signal) => api.get<{ items: TournamentEntry[] }>(`/api/tournaments/${id}/entries`, { signal }), [id, count]);
  return (
    <section class="section" aria-labelledby="entrants-title">
      <h2 id="entrants-title">Entrants</h2>
      <Loaded state={entrants} label="Loading the entrants…">
        {(page) => page.items.length === 0 ? <p class="muted">Nobody has entered yet.</p> : (
          <ul class="entrants">
            {page.items.map((e) => (
              <li><a href={`/traders/${e.userId}`}>{e.displayName}</a>{e.status !== 'entered' && <span class="muted small"> · {e.status}</span>}</li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

/** The frozen results: ranks, equity and the prizes paid into the winners' wallets. */
function ResultsSection({ id, you, link }: { id: number; you?: number; link?: boolean }) {
  const results = useAsync((signal) => api.get<Results>(`/api/tournaments/${id}/results`, { signal }), [id]);
  return (
    <section class="section" aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      {link && <p><a href={`/tournaments/${id}/results`}>A page of its own to share</a></p>}
      <Loaded state={results} label="Loading the results…">
        {(r) => (
          <>
            <p data-testid="results-summary">
              {r.board[0] ? <>Winner: <strong>{r.board[0].displayName}</strong> with {money(r.board[0].equityCents)}{r.board[0].prizeCents ? <>, prize {money(r.board[0].prizeCents)}</> : null}. </> : 'Nobody finished on the board. '}
              Prize pool {money(r.poolCents)}; the platform kept {money(r.platformCents)}.{r.frozenAt && <> Final at {when(r.frozenAt)}.</>}
            </p>
            <StandingsTable rows={r.board} you={you} final caption="Final standings with prizes paid" />
            {r.disqualified && r.disqualified.length > 0 && (
              <p class="small muted">Disqualified: {r.disqualified.map((d) => d.displayName ?? `#${d.userId}`).join(', ')}</p>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

/** /tournaments/:id/results: the frozen board on its own, a link to share after the end. */
export function TournamentResultsPage({ id }: { id: number }) {
  const session = useSession();
  const tournament = useAsync((signal) => api.get<Tournament>(`/api/tournaments/${id}`, { signal }), [id]);
  const name = tournament.data?.name ?? 'Tournament';
  return (
    <Page title={`${name} results`} heading={<>{name} <span class="muted heading-sub">results</span></>} wide
      actions={<a class="button ghost" href={`/tournaments/${id}`}>The tournament</a>}>
      {tournament.data && <p class="muted">{STATUS_TEXT[tournament.data.status]} · {day(tournament.data.endsAt)}</p>}
      {tournament.data && tournament.data.status !== 'completed'
        ? <p class="note">The results are final once the tournament has finished ({STATUS_TEXT[tournament.data.status].toLowerCase()} now).</p>
        : <ResultsSection id={id} you={session?.user.id} />}
    </Page>
  );
}
