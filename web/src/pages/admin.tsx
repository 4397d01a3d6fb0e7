import { useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { day, money } from '../format';
import { phaseText, PHASE_TEXT } from '../market/format';
import { navigate, usePlace } from '../router';
import { hasRole, type Role, useSession } from '../session';
import { toast } from '../toasts';
import type { Instrument, Phase } from '../types';
import { Empty, Loaded, Page, useAsync } from '../ui';
import { Tabs } from '../ui-tabs';
import { ChatModeration } from '../admin/moderation';
import { HostVerifications } from '../admin/verifications';
import { AuditTrail, ReportQueue } from '../admin/reports';
import { AdminPayouts, PlatformAnalytics } from '../admin/money';

const TABS = [
  { id: 'reports', label: 'Reports' },
  { id: 'moderation', label: 'Live chat' },
  { id: 'audit', label: 'Audit trail' },
  { id: 'users', label: 'Users' },
  { id: 'listings', label: 'Listing approvals' },
  { id: 'market', label: 'Market controls' },
  { id: 'ledger', label: 'Ledger' },
];

export function AdminPage() {
  const session = useSession();
  const tab = usePlace().query.get('tab') ?? 'reports';
  // host verification is the admins' call (the API refuses moderators)
  // host verification, payouts and analytics are the admins' (the API refuses moderators)
  const tabs = hasRole(session, 'admin') ? [...TABS.slice(0, 3), { id: 'hosts', label: 'Host verification' }, ...TABS.slice(3),
    { id: 'payouts', label: 'Payouts' }, { id: 'analytics', label: 'Analytics' }] : TABS;
  if (!hasRole(session, 'moderator')) {
    return <Page title="Admin console"><p>The admin console is for moderators and admins.</p></Page>;
  }
  return (
    <Page title="Admin console" wide>
      <Tabs tabs={tabs} selected={tab} label="Admin console" onSelect={(id) => navigate(`/admin?tab=${id}`, { replace: true })}>
        {tab === 'reports' && <ReportQueue />}
        {tab === 'audit' && <AuditTrail />}
        {tab === 'moderation' && <ChatModeration />}
        {tab === 'users' && <Users admin={hasRole(session, 'admin')} />}
        {tab === 'hosts' && hasRole(session, 'admin') && <HostVerifications />}
        {tab === 'payouts' && hasRole(session, 'admin') && <AdminPayouts />}
        {tab === 'analytics' && hasRole(session, 'admin') && <PlatformAnalytics />}
        {tab === 'listings' && <Listings />}
        {tab === 'market' && <MarketControls />}
        {tab === 'ledger' && <Ledger />}
      </Tabs>
    </Page>
  );
}

interface AdminUser {
  id: number;
  email: string;
  displayName: string;
  roles: Role[];
  emailVerified: boolean;
  status: 'active' | 'suspended';
  /** A moderator's timed suspension running now, else null; a ban is status 'suspended' with no end. */
  suspendedUntil: string | null;
  createdAt: string;
}

const GRANTABLE: Role[] = ['creator', 'seller', 'moderator', 'admin'];

function Users({ admin }: { admin: boolean }) {
  const [q, setQ] = useState('');
  const users = useAsync((signal) => api.get<{ items: AdminUser[] }>(`/api/admin/users?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`, { signal }), [q]);
  const change = async (user: AdminUser, role: Role, grant: boolean) => {
    try {
      const updated = grant
        ? await api.post<AdminUser>(`/api/admin/users/${user.id}/roles`, { role })
        : await api.del<AdminUser>(`/api/admin/users/${user.id}/roles/${role}`);
      users.setData((page) => ({ items: (page?.items ?? []).map((u) => (u.id === updated.id ? updated : u)) }));
      toast(`${user.displayName} ${grant ? 'is now' : 'is no longer'} ${role}.`, 'success');
    } catch (error) {
      toast(plainWords(error), 'error');
    }
  };
  const patch = (id: number, change: Partial<AdminUser>) =>
    users.setData((page) => ({ items: (page?.items ?? []).map((u) => (u.id === id ? { ...u, ...change } : u)) }));
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <form role="search" class="row" onSubmit={(e) => {
        e.preventDefault();
        setQ(String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '').trim());
      }}>
        <label for="users-q" class="visually-hidden">Search users by name or email</label>
        <input id="users-q" name="q" type="search" placeholder="Name or email" style="flex:1;max-width:420px" />
        <button type="submit" class="button">Search</button>
      </form>
      <Loaded state={users} label="Loading users…">
        {(page) => page.items.length === 0 ? <Empty title="No users match" /> : (
          <div class="table-wrap section">
            <table class="stack-phone">
              <thead><tr><th scope="col">User</th><th scope="col">Joined</th><th scope="col">Status</th><th scope="col">Roles</th></tr></thead>
              <tbody>
                {page.items.map((u) => (
                  <tr data-user-id={u.id}>
                    <td>{u.displayName}<div class="small muted">{u.email}{u.emailVerified ? '' : ' · not verified'}</div></td>
                    <td class="small" data-label="Joined">{day(u.createdAt)}</td>
                    <td data-label="Status">
                      {u.suspendedUntil || u.status === 'suspended'
                        ? <SuspensionCell user={u} onLifted={() => patch(u.id, { suspendedUntil: null, status: 'active' })} />
                        : <SuspendCell user={u} onSuspended={(done) => patch(u.id, done.permanent
                            ? { status: 'suspended', suspendedUntil: null } : { suspendedUntil: done.suspendedUntil })} />}
                    </td>
                    <td>
                      <div class="row">
                        {GRANTABLE.map((role) => {
                          const has = u.roles.includes(role);
                          return admin
                            ? <button type="button" class={has ? 'chip' : 'chip chip-off'} aria-pressed={has ? 'true' : 'false'}
                                aria-label={`${role} role for ${u.displayName}`} onClick={() => change(u, role, !has)}>{role}</button>
                            : has ? <span class="pill pill-soft">{role}</span> : null;
                        })}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </section>
  );
}

interface SuspensionDone { suspendedUntil: string | null; permanent: boolean }

/**
 * The user's status and, for anyone but staff, suspending them for some days or banning them with no
 * end: a note is required (it goes to the audit trail), and their sessions end on every node at once.
 */
function SuspendCell({ user, onSuspended }: { user: AdminUser; onSuspended: (done: SuspensionDone) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [ban, setBan] = useState(false);
  const [days, setDays] = useState('7');
  const staff = user.roles.includes('moderator') || user.roles.includes('admin');
  const suspend = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const note = String(form.get('note') ?? '').trim();
    const body = ban ? { permanent: true, note } : { days: Number(days), note };
    setBusy(true);
    try {
      const done = await api.post<SuspensionDone>(`/api/moderation/users/${user.id}/suspend`, body);
      toast(ban ? `${user.displayName} is banned.` : `${user.displayName} is suspended until ${day(done.suspendedUntil!)}.`, 'success');
      setOpen(false);
      onSuspended(done);
    } catch (error) {
      toast(plainWords(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      {user.status}
      {staff ? null : !open
        ? <button type="button" class="button small" onClick={() => setOpen(true)}
            aria-label={`Suspend ${user.displayName}`}>Suspend…</button>
        : (
          <form class="row" onSubmit={suspend}>
            <label for={`suspend-days-${user.id}`}>Days</label>
            <input id={`suspend-days-${user.id}`} name="days" type="number" min={1} max={365} value={days} required={!ban}
              disabled={ban} style="width:5em" onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)} />
            <label><input type="checkbox" name="permanent" checked={ban}
              onChange={(e) => setBan((e.currentTarget as HTMLInputElement).checked)} /> Ban (no end)</label>
            <label for={`suspend-note-${user.id}`} class="visually-hidden">Why {user.displayName} is suspended</label>
            <input id={`suspend-note-${user.id}`} name="note" required maxLength={1000} placeholder="Why (kept in the audit trail)" />
            <button type="submit" class="button small" disabled={busy}>{ban ? 'Ban' : 'Suspend'}</button>
          </form>
        )}
    </div>
  );
}

/** "Suspended until …" (or "banned") and, for moderators, lifting it early with a note that goes to the audit trail. */
function SuspensionCell({ user, onLifted }: { user: AdminUser; onLifted: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const lift = async (e: Event) => {
    e.preventDefault();
    const note = String(new FormData(e.currentTarget as HTMLFormElement).get('note') ?? '').trim();
    setBusy(true);
    try {
      await api.post(`/api/moderation/users/${user.id}/lift-suspension`, { note });
      toast(`${user.displayName} can use Showfloor again.`, 'success');
      onLifted();
    } catch (error) {
      toast(plainWords(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <span class="pill pill-soft">{user.suspendedUntil ? `suspended until ${day(user.suspendedUntil)}` : 'banned'}</span>
      {!open
        ? <button type="button" class="button small" onClick={() => setOpen(true)}
            aria-label={`Lift the suspension of ${user.displayName}`}>Lift…</button>
        : (
          <form class="row" onSubmit={lift}>
            <label for={`lift-note-${user.id}`} class="visually-hidden">Why the suspension of {user.displayName} ends early</label>
            <input id={`lift-note-${user.id}`} name="note" required maxLength={1000} placeholder="Why (kept in the audit trail)" />
            <button type="submit" class="button small" disabled={busy}>Lift suspension</button>
          </form>
        )}
    </div>
  );
}

function Listings() {
  const pending = useAsync((signal) => api.get<{ items: Instrument[] }>('/api/market/instruments?status=pending&limit=100', { signal }), []);
  const decide = async (instrument: Instrument, approve: boolean) => {
    try {
      await api.post(`/api/market/instruments/${instrument.symbol}/${approve ? 'approve' : 'reject'}`, approve ? {} : undefined);
      toast(`${instrument.symbol} ${approve ? 'approved: it trades from its next phase' : 'rejected'}.`, 'success');
      pending.reload();
    } catch (error) {
      toast(plainWords(error), 'error');
    }
  };
  return (
    <section aria-labelledby="listings-title">
      <h2 id="listings-title">Listings waiting for approval</h2>
      <Loaded state={pending} label="Loading listings…">
        {(page) => page.items.length === 0 ? <Empty title="Nothing to approve" /> : (
          <ul class="order-list">
            {page.items.map((i) => (
              <li class="card row" data-symbol={i.symbol} style="justify-content:space-between">
                <span><strong>{i.symbol}</strong> {i.name}<span class="small muted"> · {i.totalShares} shares at {money(i.referencePriceCents)}</span></span>
                <span class="row">
                  <button type="button" class="button primary small" onClick={() => decide(i, true)}>Approve {i.symbol}</button>
                  <button type="button" class="button ghost small" onClick={() => decide(i, false)}>Reject</button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

function MarketControls() {
  const instruments = useAsync((signal) => api.get<{ items: Instrument[] }>('/api/market/instruments?limit=200', { signal }), []);
  const move = async (instrument: Instrument, phase: Phase) => {
    try {
      const answer = await api.post<{ instrument: Instrument; uncross?: { priceCents: number | null; volume: number } }>(
        `/api/market/instruments/${instrument.symbol}/phase`, { phase });
      instruments.setData((page) => ({ items: (page?.items ?? []).map((i) => (i.symbol === instrument.symbol ? answer.instrument : i)) }));
      toast(`${instrument.symbol}: ${phaseText(phase)}${answer.uncross?.volume ? ` — uncrossed ${answer.uncross.volume} shares at ${money(answer.uncross.priceCents)}` : ''}.`, 'success');
    } catch (error) {
      toast(plainWords(error), 'error');
    }
  };
  return (
    <section aria-labelledby="controls-title">
      <h2 id="controls-title">Market controls</h2>
      <Loaded state={instruments} label="Loading instruments…">
        {(page) => page.items.length === 0 ? <Empty title="No instruments trade yet" /> : (
          <div class="table-wrap">
            <table class="stack-phone">
              <thead><tr><th scope="col">Instrument</th><th scope="col">Phase</th><th scope="col">Move to</th></tr></thead>
              <tbody>
                {page.items.map((i) => (
                  <tr data-symbol={i.symbol}>
                    <td><a href={`/market/${i.symbol}`}>{i.symbol}</a> <span class="small muted">{i.name}</span></td>
                    <td>{phaseText(i.phase)}</td>
                    <td class="row">
                      {i.phase !== 'halted'
                        ? <button type="button" class="button danger small" onClick={() => move(i, 'halted')}>Halt {i.symbol}</button>
                        : <button type="button" class="button primary small" onClick={() => move(i, 'continuous')}>Resume {i.symbol}</button>}
                      <label class="visually-hidden" for={`phase-${i.symbol}`}>Phase for {i.symbol}</label>
                      <select id={`phase-${i.symbol}`} value={i.phase} onChange={(e) => move(i, (e.target as HTMLSelectElement).value as Phase)} style="width:auto">
                        {(Object.keys(PHASE_TEXT) as Phase[]).map((p) => <option value={p}>{PHASE_TEXT[p]}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </section>
  );
}

interface TrialBalance {
  accounts: { account: string; balanceCents: number }[];
  totalDebitsCents: number;
  totalCreditsCents: number;
}

function Ledger() {
  const balance = useAsync((signal) => api.get<TrialBalance>('/api/admin/ledger/trial-balance', { signal }), []);
  return (
    <section aria-labelledby="ledger-title">
      <h2 id="ledger-title">Trial balance</h2>
      <Loaded state={balance} label="Adding up the ledger…">
        {(b) => (
          <>
            <p role="status">{b.totalDebitsCents === b.totalCreditsCents
              ? <span class="up">Balanced: debits and credits are both {money(b.totalDebitsCents)}.</span>
              : <strong class="down">Out of balance: debits {money(b.totalDebitsCents)}, credits {money(b.totalCreditsCents)}.</strong>}</p>
            {/* focusable: on a phone the long account codes scroll sideways, and keyboards must reach them */}
            <div class="table-wrap" tabIndex={0} role="region" aria-label="Ledger accounts">
              <table>
                <thead><tr><th scope="col">Account</th><th scope="col" class="num">Balance</th></tr></thead>
                <tbody>{b.accounts.map((a) => <tr><td>{a.account}</td><td class="num">{money(a.balanceCents)}</td></tr>)}</tbody>
              </table>
            </div>
          </>
        )}
      </Loaded>
    </section>
  );
}
