import { api } from '../api';
import { navigate } from '../router';
import { logOut, type Me, type Role, updateSession, useSession } from '../session';
import { toast } from '../toasts';
import { Addresses } from '../account/addresses';
import { ApiKeys } from '../account/api-keys';
import { LoyaltyCard, SavedCards } from '../account/money-bits';
import { ErrorNote, Page, useAction } from '../ui';

interface RoleTaken {
  user: Me;
  accessToken: string;
  expiresIn: number;
}

export function Account() {
  const session = useSession();
  const [take, busy, error] = useAction(async (role: Role) => {
    const taken = await api.post<RoleTaken>('/api/me/roles', { role });
    updateSession(taken.accessToken, taken.expiresIn, taken.user);
    toast(role === 'seller' ? 'You can sell now: your dashboard is under Sell.' : 'You can host shows now: open the Studio.', 'success');
  });
  if (!session) {
    return (
      <Page title="Your account">
        <p>You are not logged in.</p>
        <p class="row"><a class="button primary" href="/login?next=/account">Log in</a><a class="button" href="/signup">Sign up</a></p>
      </Page>
    );
  }
  const { user } = session;
  const roles = new Set(user.roles);
  return (
    <Page title="Your account">
      <div class="card stack">
        {user.avatarUrl && <img class="avatar avatar-large" src={user.avatarUrl} alt="" width={96} height={96} />}
        <dl class="facts">
          <dt>Name</dt><dd>{user.displayName}</dd>
          <dt>Email</dt><dd>{user.email} {user.emailVerified ? <span class="pill pill-soft">verified</span> : <span class="pill pill-soft">not verified yet</span>}</dd>
          <dt>Roles</dt><dd>{user.roles.join(', ')}</dd>
        </dl>
        <p><a class="button" href="/settings">Settings: profile, password, email, notifications, your data</a></p>
      </div>
      <section class="section">
        <h2>Your things</h2>
        <div class="row">
          <a class="button" href="/orders">Orders</a>
          <a class="button" href="/wishlist">Wishlist</a>
          <a class="button" href="/notifications">Notifications</a>
          <a class="button" href="/market/portfolio">Portfolio</a>
          <a class="button" href="/wallet">Wallet</a>
          {roles.has('creator') && <a class="button" href="/studio">Studio</a>}
          {roles.has('seller') && <a class="button" href="/seller">Seller dashboard</a>}
          {(roles.has('seller') || roles.has('creator')) && <a class="button" href={roles.has('seller') ? '/seller?tab=payouts' : '/payouts'}>Payouts</a>}
          {(roles.has('moderator') || roles.has('admin')) && <a class="button" href="/admin">Admin console</a>}
        </div>
      </section>
      <LoyaltyCard />
      <SavedCards />
      <Addresses />
      {(!roles.has('seller') || !roles.has('creator')) && (
        <section class="section">
          <h2>Sell and host</h2>
          <p class="muted">Sellers list products and ship orders; creators host live shows and run auctions.</p>
          <div class="row">
            {!roles.has('seller') && <button type="button" class="button" disabled={busy} onClick={() => take('seller')}>Become a seller</button>}
            {!roles.has('creator') && <button type="button" class="button" disabled={busy} onClick={() => take('creator')}>Become a creator</button>}
          </div>
          {error !== undefined && <ErrorNote error={error} />}
        </section>
      )}
      <ApiKeys />
      <section class="section">
        <button type="button" class="button danger" onClick={() => logOut().then(() => navigate('/'))}>Log out</button>
      </section>
    </Page>
  );
}
