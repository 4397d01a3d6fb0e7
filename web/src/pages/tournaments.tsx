import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { money, when } from '../format';
import { navigate } from '../router';
import { hasRole, useSession } from '../session';
import { toast } from '../toasts';
import { TournamentClock } from '../tournament/clock';
import { CreateTournamentForm } from '../tournament/create-form';
import { STATUS_TEXT, type Tournament } from '../tournament/types';
import { Empty, ErrorNote, Loading, Page } from '../ui';

type Filter = 'all' | 'open' | 'active' | 'completed';

const FILTERS: { id: Filter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'open', label: 'Open for entries' },
  { id: 'active', label: 'Trading now' },
  { id: 'completed', label: 'Finished' },
];

interface Lobby {
  items: Tournament[];
  nextBefore: number | null;
}

export function feeText(cents: number): string {
  return cents === 0 ? 'Free' : money(cents);
}

/** The lobby: tournaments newest first (the API's pages, "Show more" for the next), and the host's form. */
export function TournamentsPage() {
  const session = useSession();
  const [filter, setFilter] = useState<Filter>('all');
  const [items, setItems] = useState<Tournament[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [round, setRound] = useState(0);
  const [pro, setPro] = useState(false);
  const [creating, setCreating] = useState(false);
  const admin = hasRole(session, 'admin');

  const load = (before: number | null, signal?: AbortSignal) => {
    const query = new URLSearchParams({ limit: '20' });
    if (filter !== 'all') query.set('status', filter);
    if (before !== null) query.set('before', String(before));
    return api.get<Lobby>(`/api/tournaments?${query}`, { signal });
  };

  useEffect(() => {
    const controller = new AbortController();
    setItems(null);
    setError(undefined);
    load(null, controller.signal)
      .then((page) => {
        setItems(page.items);
        setNext(page.nextBefore);
      })
      .catch((failure) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [filter, round, session?.user.id]);

  // Pro hosts may run private tournaments; the plan decides whether the form is offered
  useEffect(() => {
    if (!session || admin) return;
    api.get<{ plan: string }>('/api/me/subscription').then((b) => setPro(b.plan === 'pro')).catch(() => setPro(false));
  }, [session?.user.id]);

  const more = () => load(next)
    .then((page) => {
      setItems((current) => [...(current ?? []), ...page.items]);
      setNext(page.nextBefore);
    })
    .catch((failure) => toast(plainWords(failure), 'error'));

  const canHost = admin || pro;
  return (
    <Page title="Tournaments" heading="Trading tournaments" wide
      actions={canHost && !creating && <button type="button" class="button primary" onClick={() => setCreating(true)}>Create a tournament</button>}>
      <p class="muted">Trade play money against everyone else for a set time. The highest equity at the end wins; prizes come from the entry fees and are paid in real money.</p>
      {creating && (
        <CreateTournamentForm admin={admin} onCreated={(t) => {
          toast(`${t.name} is created.`, 'success');
          navigate(`/tournaments/${t.id}`);
        }} />
      )}
      <nav class="chips section" aria-label="Which tournaments">
        {FILTERS.map((f) => (
          <button type="button" class="chip" aria-current={filter === f.id ? 'true' : undefined} onClick={() => setFilter(f.id)}>{f.label}</button>
        ))}
      </nav>
      {items === null ? (error !== undefined ? <ErrorNote error={error} retry={() => setRound((r) => r + 1)} /> : <Loading label="Loading tournaments…" />)
        : items.length === 0 ? (
          <Empty title={filter === 'all' ? 'No tournaments yet' : `No tournaments ${FILTERS.find((f) => f.id === filter)!.label.toLowerCase()}`}>
            {canHost ? 'Create the first one.' : 'New tournaments appear here when they open for entries.'}
          </Empty>
        ) : (
          <>
            <div class="table-wrap">
              <table class="tournaments stack-phone" data-testid="tournament-lobby">
                <thead>
                  <tr><th scope="col">Tournament</th><th scope="col">Status</th><th scope="col">When</th><th scope="col" class="num">Entry</th><th scope="col" class="num">Entrants</th></tr>
                </thead>
                <tbody>
                  {items.map((t) => (
                    <tr key={t.id} data-tournament-id={t.id}>
                      <td><a href={`/tournaments/${t.id}`}><strong>{t.name}</strong></a>{t.private && <span class="pill pill-soft">Private</span>}</td>
                      <td data-label="Status"><span class="pill pill-soft">{STATUS_TEXT[t.status]}</span></td>
                      <td data-label="When"><TournamentClock tournament={t} /><div class="small muted">{when(t.startsAt)} – {when(t.endsAt)}</div></td>
                      <td class="num" data-label="Entry">{feeText(t.entryFeeCents)}</td>
                      <td class="num" data-label="Entrants">{t.entrants ?? 0} / {t.maxEntrants}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {next !== null && <p><button type="button" class="button ghost" onClick={more}>Show more</button></p>}
          </>
        )}
    </Page>
  );
}
