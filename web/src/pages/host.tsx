import { api, ApiProblem } from '../api';
import { day, titleCase, when } from '../format';
import { ReportButton } from '../moderation/report';
import { FollowButton } from '../show/reactions';
import type { Page as ListPage, Show } from '../types';
import { Empty, ErrorNote, Loaded, Loading, Page, useAsync } from '../ui';

interface TrustInput {
  name: string;
  weight: number;
  available: boolean;
  value: number | null;
  contribution: number;
  measure: string;
  detail: string;
}

interface HostProfile {
  id: number;
  displayName: string;
  verified: boolean;
  verifiedAt: string | null;
  followerCount: number;
  hostSince: string;
  shows: { ended: number; live: number; upcoming: number; cancelled: number; noShows: number };
  orders: { paid: number; delivered: number; refunded: number; ratings: number; averageRating: number | null };
  trust: { score: number | null; scale: string; method: string; summary: string; inputs: TrustInput[] };
}

/** Trust inputs in people's words (the API names them for code). */
const INPUT_NAMES: Record<string, string> = {
  completedOrders: 'Completed orders',
  onTimeShipping: 'On-time shipping',
  ratings: 'Buyer ratings',
  refunds: 'Few refunds',
  upheldReports: 'Few upheld reports',
  showReliability: 'Shows held as planned',
  showHistory: 'Show history',
};

export function HostPage({ id }: { id: number }) {
  const profile = useAsync((signal) => api.get<HostProfile>(`/api/hosts/${id}`, { signal }), [id]);
  if (!profile.data) {
    return (
      <Page title="Host">
        {profile.error === undefined ? <Loading label="Loading the host…" />
          : <ErrorNote error={profile.error} retry={profile.error instanceof ApiProblem && profile.error.status === 404 ? undefined : profile.reload} />}
      </Page>
    );
  }
  const h = profile.data;
  return (
    <Page title={h.displayName} heading={<>{h.displayName}{h.verified && <> <span class="verified" data-testid="verified-badge">✓ Verified host</span></>}</>}>
      <div class="row show-byline">
        <span class="muted">Host since {day(h.hostSince)} · {h.followerCount} {h.followerCount === 1 ? 'follower' : 'followers'}
          {h.verified && h.verifiedAt && <> · verified {day(h.verifiedAt)}</>}</span>
        <span class="row">
          <FollowButton hostId={h.id} hostName={h.displayName} />
          <ReportButton targetType="user" targetId={h.id} what={h.displayName} class="button ghost small" />
        </span>
      </div>
      <div class="stats section">
        <div class="stat"><span class="stat-label">Shows held</span><strong>{h.shows.ended}</strong></div>
        <div class="stat"><span class="stat-label">Orders delivered</span><strong>{h.orders.delivered}</strong></div>
        <div class="stat"><span class="stat-label">Average rating</span><strong>{h.orders.averageRating === null ? '—' : `${h.orders.averageRating.toFixed(1)} ★`}</strong></div>
        <div class="stat"><span class="stat-label">Cancelled or missed</span><strong>{h.shows.cancelled + h.shows.noShows}</strong></div>
      </div>
      <TrustScore trust={h.trust} />
      <HostShows hostId={h.id} />
    </Page>
  );
}

function TrustScore({ trust }: { trust: HostProfile['trust'] }) {
  return (
    <section class="section" aria-labelledby="trust-title">
      <h2 id="trust-title">Trust score</h2>
      <div class="card stack">
        <p class="row">
          <span class="trust-score" data-testid="trust-score">{trust.score === null ? '—' : trust.score}</span>
          <span class="muted">{trust.score === null ? trust.summary : `out of 100. ${trust.summary}`}</span>
        </p>
        <p class="small muted">How it is worked out: {trust.method}</p>
        <div class="table-wrap">
          <table class="stack-phone">
            <caption class="visually-hidden">The inputs of the trust score, their weights and what each added</caption>
            <thead><tr><th scope="col">Input</th><th scope="col" class="num">Weight</th><th scope="col">Measured</th><th scope="col" class="num">Added</th></tr></thead>
            <tbody>
              {trust.inputs.map((input) => (
                <tr data-input={input.name}>
                  <td>
                    <strong>{INPUT_NAMES[input.name] ?? titleCase(input.name)}</strong>
                    <div class="small muted">{input.measure}</div>
                  </td>
                  <td class="num" data-label="Weight">{input.weight}</td>
                  <td data-label="Measured">
                    {input.available && input.value !== null && (
                      <span class="trust-bar" aria-hidden="true"><span style={{ width: `${Math.round(input.value * 100)}%` }} /></span>
                    )}
                    <span class={input.available ? '' : 'muted'}>{input.detail}</span>
                    {!input.available && <span class="small muted"> — not counted</span>}
                  </td>
                  <td class="num" data-label="Added">{input.available ? `${input.contribution} pts` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function HostShows({ hostId }: { hostId: number }) {
  const shows = useAsync((signal) => api.get<ListPage<Show>>(`/api/shows?hostId=${hostId}&limit=50`, { signal }), [hostId]);
  return (
    <section class="section" aria-labelledby="host-shows">
      <h2 id="host-shows">Shows</h2>
      <Loaded state={shows} label="Loading the shows…">
        {(page) => {
          const list = page.items.filter((s) => s.status !== 'cancelled');
          return list.length === 0 ? <Empty title="No shows yet" /> : (
            <ul class="order-list">
              {list.map((s) => (
                <li class="card" data-show-id={s.id}>
                  <a href={`/shows/${s.id}`}><strong>{s.title}</strong></a>{' '}
                  {s.status === 'live' ? <span class="pill pill-live">LIVE</span> : <span class="pill pill-soft">{s.status === 'ended' ? 'ended' : 'coming up'}</span>}
                  <div class="small muted">{titleCase(s.category)} · {when(s.scheduledAt)}
                    {s.status === 'ended' && <> · <a href={`/shows/${s.id}/replay`} aria-label={`Replay of ${s.title}`}>Replay</a></>}</div>
                </li>
              ))}
            </ul>
          );
        }}
      </Loaded>
    </section>
  );
}
