import { hasRole, useSession } from '../session';
import { Payouts } from '../seller/payouts';
import { Page } from '../ui';

/** Payouts for creators who are not sellers (their partnership commissions); sellers have the dashboard tab. */
export function PayoutsPage() {
  const session = useSession();
  if (!session) return <Page title="Payouts"><a class="button primary" href="/login?next=/payouts">Log in</a></Page>;
  if (!hasRole(session, 'seller') && !hasRole(session, 'creator')) {
    return <Page title="Payouts"><p>Payouts are for sellers and creators.</p></Page>;
  }
  return <Page title="Payouts"><Payouts /></Page>;
}
