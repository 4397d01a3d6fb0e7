import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from './api';
import { Icon } from './icons';
import { live } from './live';
import { usePrivateNotices } from './notices';
import { synced, useUnread } from './notifications';
import { NotificationsPage } from './pages/notifications';
import { match, usePlace } from './router';
import { hasRole, logOut, useSession } from './session';
import { useStore } from './store';
import { dismiss, toast, toasts } from './toasts';
import { Account } from './pages/account';
import { ConfirmEmailPage, SettingsPage } from './pages/settings';
import { AdminPage } from './pages/admin';
import { CartPage } from './pages/cart';
import { CheckoutPage } from './pages/checkout';
import { OrderPage, OrdersPage } from './pages/orders';
import { SellerPage } from './pages/seller';
import { PayoutsPage } from './pages/payouts';
import { RunSheetPage } from './pages/run-sheet';
import { StudioPage } from './pages/studio';
import { Forgot, LogIn, Reset, SignUp, Verify } from './pages/auth';
import { Discover } from './pages/discover';
import { LotLink } from './pages/lot-link';
import { SearchPage } from './pages/search';
import { InstrumentPage } from './pages/instrument';
import { MarketPage } from './pages/market';
import { NotFound } from './pages/not-found';
import { PortfolioPage } from './pages/portfolio';
import { TraderPage } from './pages/trader';
import { WalletPage } from './pages/wallet';
import { ProductPage, WishlistPage } from './pages/product';
import { ShowPage } from './pages/show';
import { HostPage } from './pages/host';
import { ReplayPage } from './pages/replay';
import { DocsPage } from './pages/docs';
import { FirstBotPage } from './pages/first-bot';
import { ProPage } from './pages/pro';
import { TournamentsPage } from './pages/tournaments';
import { TournamentPage, TournamentResultsPage } from './pages/tournament';

interface Route {
  pattern: string;
  render(params: Record<string, string>): ComponentChildren;
}

const routes: Route[] = [
  { pattern: '/', render: () => <Discover /> },
  { pattern: '/search', render: () => <SearchPage /> },
  { pattern: '/lots/:id', render: (p) => <LotLink id={Number(p.id)} /> },
  { pattern: '/signup', render: () => <SignUp /> },
  { pattern: '/login', render: () => <LogIn /> },
  { pattern: '/verify', render: () => <Verify /> },
  { pattern: '/forgot-password', render: () => <Forgot /> },
  { pattern: '/reset-password', render: () => <Reset /> },
  { pattern: '/account', render: () => <Account /> },
  { pattern: '/settings', render: () => <SettingsPage /> },
  { pattern: '/confirm-email', render: () => <ConfirmEmailPage /> },
  { pattern: '/notifications', render: () => <NotificationsPage /> },
  { pattern: '/shows/:id', render: (p) => <ShowPage id={Number(p.id)} /> },
  { pattern: '/shows/:id/replay', render: (p) => <ReplayPage id={Number(p.id)} /> },
  { pattern: '/hosts/:id', render: (p) => <HostPage id={Number(p.id)} /> },
  { pattern: '/products/:id', render: (p) => <ProductPage id={Number(p.id)} /> },
  { pattern: '/wishlist', render: () => <WishlistPage /> },
  { pattern: '/cart', render: () => <CartPage /> },
  { pattern: '/checkout', render: () => <CheckoutPage /> },
  { pattern: '/orders', render: () => <OrdersPage /> },
  { pattern: '/orders/:id', render: (p) => <OrderPage id={Number(p.id)} /> },
  { pattern: '/seller', render: () => <SellerPage /> },
  { pattern: '/payouts', render: () => <PayoutsPage /> },
  { pattern: '/studio', render: () => <StudioPage /> },
  { pattern: '/admin', render: () => <AdminPage /> },
  { pattern: '/studio/shows/:id', render: (p) => <RunSheetPage id={Number(p.id)} /> },
  { pattern: '/market', render: () => <MarketPage /> },
  { pattern: '/market/portfolio', render: () => <PortfolioPage /> },
  { pattern: '/wallet', render: () => <WalletPage /> },
  { pattern: '/pro', render: () => <ProPage /> },
  { pattern: '/tournaments', render: () => <TournamentsPage /> },
  { pattern: '/tournaments/:id', render: (p) => <TournamentPage id={Number(p.id)} /> },
  { pattern: '/tournaments/:id/results', render: (p) => <TournamentResultsPage id={Number(p.id)} /> },
  { pattern: '/docs', render: () => <DocsPage /> },
  { pattern: '/docs/first-bot', render: () => <FirstBotPage /> },
  { pattern: '/traders/:id', render: (p) => <TraderPage id={Number(p.id)} /> },
  { pattern: '/market/:symbol', render: (p) => <InstrumentPage symbol={p.symbol.toUpperCase()} /> },
];

export function App() {
  const place = usePlace();
  useEffect(() => live.start(), []);
  usePrivateNotices();
  let page: ComponentChildren = <NotFound />;
  for (const route of routes) {
    const params = match(route.pattern, place.path);
    if (params) {
      page = route.render(params);
      break;
    }
  }
  return (
    <>
      <a class="skip-link" href="#main" data-native>Skip to content</a>
      <TopBar path={place.path} />
      <VerifyBanner />
      <main id="main" key={place.path}>{page}</main>
      <TabBar path={place.path} />
      <ConnectionNotice />
      <Toasts />
    </>
  );
}

const sections = [
  { href: '/', label: 'Discover', icon: 'home' as const },
  { href: '/market', label: 'Market', icon: 'chart' as const },
  { href: '/cart', label: 'Cart', icon: 'cart' as const },
];

function current(path: string, href: string) {
  return (href === '/' ? path === '/' || path.startsWith('/shows') : path.startsWith(href)) ? 'page' : undefined;
}

function Bell() {
  const count = useUnread();
  const ready = useStore(synced);
  return (
    <a class="button ghost small bell" href="/notifications" data-testid="bell" data-synced={ready ? 'true' : 'false'}
      aria-label={count ? `Notifications, ${count} unread` : 'Notifications'}>
      <Icon name="bell" />{count > 0 && <span class="badge-count" aria-hidden="true">{count > 99 ? '99+' : count}</span>}
    </a>
  );
}

function TopBar({ path }: { path: string }) {
  const session = useSession();
  return (
    <header class="topbar">
      <a class="brand" href="/"><img src="/icon.svg" alt="" width="30" height="30" />Showfloor</a>
      <nav class="mainnav" aria-label="Main">
        {sections.map((s) => <a href={s.href} aria-current={current(path, s.href)}>{s.label}</a>)}
        <a href="/tournaments" aria-current={current(path, '/tournaments')}>Tournaments</a>
        {hasRole(session, 'creator') && <a href="/studio" aria-current={current(path, '/studio')}>Studio</a>}
        {hasRole(session, 'seller') && <a href="/seller" aria-current={current(path, '/seller')}>Sell</a>}
        {hasRole(session, 'moderator') && <a href="/admin" aria-current={current(path, '/admin')}>Admin</a>}
      </nav>
      <span class="spacer" />
      {session && <Bell />}
      <div class={session ? 'account signed-in' : 'account'}>
        {session ? (
          <>
            <a class="button ghost small" href="/account">{session.user.displayName}</a>
            <button type="button" class="button small" onClick={() => logOut().then(() => toast('You are logged out.'))}>Log out</button>
          </>
        ) : (
          <>
            <a class="button ghost small" href="/login">Log in</a>
            <a class="button primary small" href="/signup">Sign up</a>
          </>
        )}
      </div>
    </header>
  );
}

function TabBar({ path }: { path: string }) {
  const session = useSession();
  return (
    <nav class="tabbar" aria-label="Sections">
      {sections.map((s) => (
        <a href={s.href} aria-current={current(path, s.href)}><Icon name={s.icon} />{s.label}</a>
      ))}
      <a href={session ? '/account' : '/login'} aria-current={current(path, '/account')}><Icon name="user" />{session ? 'You' : 'Log in'}</a>
    </nav>
  );
}

function VerifyBanner() {
  const session = useSession();
  const [sent, setSent] = useState(false);
  if (!session || session.user.emailVerified) return null;
  const resend = () => api.post('/api/auth/verify/resend')
    .then(() => {
      setSent(true);
      toast(`We sent a new link to ${session.user.email}.`, 'success');
    })
    .catch((error) => toast(plainWords(error), 'error'));
  return (
    <div class="banner" role="region" aria-label="Email verification">
      <span>Verify your email to bid and buy — we sent a link to {session.user.email}.</span>
      {!sent && <button type="button" class="link-button" onClick={resend}>Send it again</button>}
    </div>
  );
}

function ConnectionNotice() {
  const status = useStore(live.status);
  const [show, setShow] = useState(false);
  // brief blips do not flash a notice; a drop that lasts a second does
  useEffect(() => {
    if (status === 'open' || status === 'connecting') {
      setShow(false);
      return;
    }
    const timer = window.setTimeout(() => setShow(true), 1000);
    return () => window.clearTimeout(timer);
  }, [status]);
  return (
    <div role="status" aria-live="polite">
      {show && <p class="connection">{status === 'offline' ? 'You are offline. We will catch up when you are back.' : 'Reconnecting to live updates…'}</p>}
    </div>
  );
}

function Toasts() {
  const list = useStore(toasts);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {list.map((t) => (
        <div class={`toast toast-${t.kind}`} key={t.id} data-kind={t.kind}>
          <p>{t.text}</p>
          {t.action && <a class="button small" href={t.action.href}>{t.action.label}</a>}
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
