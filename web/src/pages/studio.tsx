import { api } from '../api';
import { titleCase, when } from '../format';
import { hasRole, useSession } from '../session';
import { navigate } from '../router';
import { toast } from '../toasts';
import type { Page as ListPage, Show } from '../types';
import { Partnerships } from '../seller/partnerships';
import { VerificationCard } from '../studio/verification';
import { Empty, ErrorNote, Field, formValues, Loaded, Page, Submit, useAction, useAsync } from '../ui';
import { PhotoField } from '../photo-field';

export function StudioPage() {
  const session = useSession();
  const shows = useAsync((signal) => session ? api.get<ListPage<Show>>(`/api/shows?hostId=${session.user.id}&limit=100`, { signal }) : Promise.resolve({ items: [] }), [session?.user.id]);
  const [schedule, busy, error] = useAction(async (values: Record<string, string>) => {
    const at = new Date(values.scheduledAt);
    const show = await api.post<Show>('/api/shows', {
      title: values.title.trim(),
      category: values.category.trim().toLowerCase().replace(/\s+/g, '-'),
      scheduledAt: at.toISOString(),
      ...(values.description.trim() ? { description: values.description.trim() } : {}),
      ...(values.coverImageUrl.trim() ? { coverImageUrl: values.coverImageUrl.trim() } : {}),
    });
    toast(`“${show.title}” is scheduled. Followers are told.`, 'success');
    navigate(`/studio/shows/${show.id}`);
  });
  if (!session) return <Page title="Studio"><a class="button primary" href="/login?next=/studio">Log in</a></Page>;
  if (!hasRole(session, 'creator')) return <Page title="Studio"><p>Host live shows as a creator.</p><a class="button primary" href="/account">Become a creator</a></Page>;
  const soon = new Date(Date.now() + 10 * 60_000);
  const localValue = new Date(soon.getTime() - soon.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  return (
    <Page title="Studio" heading="Creator studio" wide>
      <div class="studio-grid">
        <section aria-labelledby="my-shows">
          <h2 id="my-shows">Your shows</h2>
          <Loaded state={shows} label="Loading your shows…">
            {(page) => page.items.length === 0 ? <Empty title="No shows yet">Schedule your first one.</Empty> : (
              <ul class="order-list">
                {page.items.map((s) => (
                  <li class="card" data-show-id={s.id}>
                    <a href={`/studio/shows/${s.id}`}><strong>{s.title}</strong></a>{' '}
                    {s.status === 'live' ? <span class="pill pill-live">LIVE</span> : <span class="pill pill-soft">{s.status}</span>}
                    <div class="small muted">{titleCase(s.category)} · {when(s.scheduledAt)}</div>
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
        </section>
        <VerificationCard hostId={session.user.id} />
        <Partnerships as="creator" />
        <section aria-labelledby="schedule">
          <h2 id="schedule">Schedule a show</h2>
          <form class="card" onSubmit={(e) => schedule(formValues(e))}>
            <Field label="Title" name="title" required maxLength={120} />
            <Field label="Category" name="category" required maxLength={40} hint="A short word like sneakers or trading-cards." />
            <Field label="Starts at" name="scheduledAt" type="datetime-local" required defaultValue={localValue} />
            <PhotoField label="Cover picture (optional)" name="coverImageUrl" purpose="show_cover" />
            <div class="field">
              <label for="show-description">What's on</label>
              <textarea id="show-description" name="description" maxLength={5000} />
            </div>
            {error !== undefined && <ErrorNote error={error} />}
            <Submit busy={busy}>Schedule</Submit>
          </form>
        </section>
      </div>
    </Page>
  );
}
