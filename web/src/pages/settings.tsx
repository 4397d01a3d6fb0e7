import { useState } from 'preact/hooks';
import { api, ApiProblem } from '../api';
import { PHOTO_TYPES } from '../media';
import { navigate } from '../router';
import { type Me, reloadMe, session, updateSession, useSession } from '../session';
import { toast } from '../toasts';
import { ErrorNote, Field, formValues, Loaded, Page, Submit, useAction, useAsync } from '../ui';

/**
 * Account settings on one page: profile (picture, name, bio), password, email, notifications,
 * export and deletion. Each section is its own form with its own errors.
 */
export function SettingsPage() {
  const current = useSession();
  if (!current) {
    return (
      <Page title="Settings">
        <p>You are not logged in.</p>
        <p class="row"><a class="button primary" href="/login?next=/settings">Log in</a></p>
      </Page>
    );
  }
  return (
    <Page title="Settings">
      <nav class="row settings-jump" aria-label="Settings sections">
        <a href="#profile">Profile</a><a href="#password">Password</a><a href="#email">Email</a>
        <a href="#notifications">Notifications</a><a href="#data">Your data</a>
      </nav>
      <Profile user={current.user} />
      <Password />
      <Email user={current.user} />
      <NotificationSettings />
      <YourData />
      <DeleteAccount />
    </Page>
  );
}

function Profile({ user }: { user: Me }) {
  const [upload, uploading, uploadError] = useAction(async (file: File) => {
    await api.upload('/api/me/avatar', file);
    await reloadMe();
    toast('Your picture is updated.', 'success');
  });
  const [remove, removing, removeError] = useAction(async () => {
    await api.del('/api/me/avatar');
    await reloadMe();
  });
  const [saved, setSaved] = useState(false);
  const [save, saving, saveError] = useAction(async (values: Record<string, string>) => {
    setSaved(false);
    const updated = await api.patch<Me>('/api/me', { displayName: values.displayName, bio: values.bio });
    session.set((s) => s && { ...s, user: { ...s.user, ...updated } });
    setSaved(true);
  });
  return (
    <section class="section card stack" id="profile" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <div class="row avatar-row">
        {user.avatarUrl
          ? <img class="avatar avatar-large" src={user.avatarUrl} alt="Your picture" width={96} height={96} />
          : <span class="avatar avatar-large avatar-empty" aria-hidden="true">{user.displayName.slice(0, 1).toUpperCase()}</span>}
        <div class="stack">
          <label class="button" for="avatar-file">{uploading ? 'Uploading…' : 'Choose a picture'}</label>
          <input id="avatar-file" class="visually-hidden" type="file" accept={PHOTO_TYPES} disabled={uploading}
            onChange={(event) => {
              const file = (event.currentTarget as HTMLInputElement).files?.[0];
              if (file) upload(file);
              (event.currentTarget as HTMLInputElement).value = '';
            }} />
          <p class="field-hint">JPEG, PNG or GIF, up to 8 MB. We keep a resized copy without the photo's hidden details (camera, place, time).</p>
          {user.avatarUrl && <button type="button" class="button ghost small" disabled={removing} onClick={() => remove()}>Remove picture</button>}
        </div>
      </div>
      {uploadError !== undefined && <ErrorNote error={uploadError} />}
      {removeError !== undefined && <ErrorNote error={removeError} />}
      <form class="stack" onSubmit={(e) => save(formValues(e))}>
        <Field label="Display name" name="displayName" defaultValue={user.displayName} maxLength={60} required />
        <div class="field">
          <label for="profile-bio">Bio</label>
          <textarea id="profile-bio" name="bio" maxLength={500} rows={3} defaultValue={user.bio ?? ''} />
        </div>
        <div class="row"><Submit busy={saving}>Save profile</Submit>{saved && <span role="status" class="muted">Saved.</span>}</div>
        {saveError !== undefined && <ErrorNote error={saveError} />}
      </form>
    </section>
  );
}

interface SessionAnswer {
  accessToken: string;
  expiresIn: number;
  user: Me;
}

function Password() {
  const [done, setDone] = useState(false);
  const [change, busy, error] = useAction(async (values: Record<string, string>, form: HTMLFormElement) => {
    setDone(false);
    if (values.newPassword !== values.repeat) {
      throw new ApiProblem(400, 'mismatch', 'Passwords differ', 'The two new passwords are not the same.');
    }
    const fresh = await api.post<SessionAnswer>('/api/me/password', {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    updateSession(fresh.accessToken, fresh.expiresIn, fresh.user);
    form.reset();
    setDone(true);
  });
  return (
    <section class="section card stack" id="password" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p class="muted">Changing it signs you out everywhere else (other browsers, phones, apps); this browser stays signed in.</p>
      <form class="stack" onSubmit={(e) => change(formValues(e), e.currentTarget as HTMLFormElement)}>
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required />
        <Field label="New password" name="newPassword" type="password" autoComplete="new-password" minLength={10} required
          hint="10 or more characters, not easy to guess." />
        <Field label="New password again" name="repeat" type="password" autoComplete="new-password" required />
        <div class="row"><Submit busy={busy}>Change password</Submit></div>
        {done && <p class="note note-good" role="status">Password changed. Every other session has been signed out.</p>}
        {error !== undefined && <ErrorNote error={error} />}
      </form>
    </section>
  );
}

interface EmailChange {
  pendingEmail: string | null;
  expiresAt?: string;
}

function Email({ user }: { user: Me }) {
  const [reload, setReload] = useState(0);
  const pending = useAsync(() => api.get<EmailChange>('/api/me/email-change'), [reload]);
  const [ask, busy, error] = useAction(async (values: Record<string, string>, form: HTMLFormElement) => {
    await api.post('/api/me/email-change', values);
    form.reset();
    setReload((n) => n + 1);
  });
  const [cancel, cancelling, cancelError] = useAction(async () => {
    await api.del('/api/me/email-change');
    setReload((n) => n + 1);
  });
  return (
    <section class="section card stack" id="email" aria-labelledby="email-heading">
      <h2 id="email-heading">Email</h2>
      <p>Your address is <strong>{user.email}</strong>.</p>
      <Loaded state={pending}>
        {(change) => change.pendingEmail ? (
          <div class="note stack" role="status">
            <p>We sent a link to <strong>{change.pendingEmail}</strong>. Your address changes when you open it; until then you keep using {user.email}.</p>
            <p><button type="button" class="button ghost small" disabled={cancelling} onClick={() => cancel()}>Cancel this change</button></p>
            {cancelError !== undefined && <ErrorNote error={cancelError} />}
          </div>
        ) : (
          <form class="stack" onSubmit={(e) => ask(formValues(e), e.currentTarget as HTMLFormElement)}>
            <Field label="New email address" name="newEmail" type="email" autoComplete="email" required />
            <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required
              hint="We mail a link to the new address and tell the old one." />
            <div class="row"><Submit busy={busy}>Change email</Submit></div>
            {error !== undefined && <ErrorNote error={error} />}
          </form>
        )}
      </Loaded>
    </section>
  );
}

interface TopicSwitches {
  topic: string;
  label: string;
  inApp: boolean;
  mail: boolean;
}

function NotificationSettings() {
  const state = useAsync(() => api.get<{ topics: TopicSwitches[] }>('/api/me/notification-preferences'), []);
  const [topics, setTopics] = useState<TopicSwitches[] | null>(null);
  const [flip, busy, error] = useAction(async (topic: string, channel: 'inApp' | 'mail', on: boolean) => {
    // shown at once; the answer (or a reload after an error) is what the server holds
    setTopics((current) => (current ?? state.data?.topics ?? []).map((t) => (t.topic === topic ? { ...t, [channel]: on } : t)));
    const answer = await api.put<{ topics: TopicSwitches[] }>('/api/me/notification-preferences', {
      topics: [{ topic, [channel]: on }],
    });
    setTopics(answer.topics);
  });
  return (
    <section class="section card stack" id="notifications" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <p class="muted">Choose what reaches you, in the app and by mail. Account and safety mails (password, email, sign-in) always come.</p>
      <Loaded state={state}>
        {(loaded) => (
          <table class="table switches">
            <thead><tr><th scope="col">About</th><th scope="col">In the app</th><th scope="col">By mail</th></tr></thead>
            <tbody>
              {(topics ?? loaded.topics).map((t) => (
                <tr key={t.topic}>
                  <th scope="row">{t.label}</th>
                  <td><input type="checkbox" aria-label={`${t.label}: in the app`} checked={t.inApp} aria-busy={busy ? 'true' : undefined}
                    onChange={(e) => flip(t.topic, 'inApp', (e.currentTarget as HTMLInputElement).checked)} /></td>
                  <td><input type="checkbox" aria-label={`${t.label}: by mail`} checked={t.mail} aria-busy={busy ? 'true' : undefined}
                    onChange={(e) => flip(t.topic, 'mail', (e.currentTarget as HTMLInputElement).checked)} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      {error !== undefined && <ErrorNote error={error} />}
    </section>
  );
}

function YourData() {
  const [download, busy, error] = useAction(async () => {
    // the export needs the bearer token, so it is fetched and handed to the browser as a file
    const token = session.get()?.accessToken;
    const response = await fetch('/api/me/export', { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!response.ok) throw new ApiProblem(response.status, `http_${response.status}`, response.statusText, undefined);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = 'showfloor-export.json';
    link.dataset.native = '';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return (
    <section class="section card stack" id="data" aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p>Download everything your account holds: profile, settings, sessions, API keys (names only), photos, orders and notifications, as one JSON file.</p>
      <p><button type="button" class="button" disabled={busy} onClick={() => download()}>{busy ? 'Preparing…' : 'Export my data'}</button></p>
      {error !== undefined && <ErrorNote error={error} />}
    </section>
  );
}

function DeleteAccount() {
  const [remove, busy, error] = useAction(async (values: Record<string, string>) => {
    if (values.confirm !== 'DELETE') {
      throw new ApiProblem(400, 'not_confirmed', 'Not confirmed', 'Type DELETE in capitals to confirm.');
    }
    await api.post('/api/me/delete', { currentPassword: values.currentPassword });
    session.set(null);
    toast('Your account was deleted.', 'success');
    navigate('/');
  });
  return (
    <section class="section card stack danger-zone" id="delete" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete my account</h2>
      <p>This cannot be undone. We delete your name, email address, picture, password, sessions, API keys, notification settings and notifications, and sign you out everywhere.</p>
      <p>Your orders, payments and the ledger stay, because sellers, buyers and the law need them: they are kept under an anonymous "Deleted user". Withdraw any wallet cash first.</p>
      <form class="stack" onSubmit={(e) => remove(formValues(e))}>
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required />
        <Field label='Type DELETE to confirm' name="confirm" autoComplete="off" required />
        <div class="row"><Submit busy={busy} class="button danger">Delete my account</Submit></div>
        {error !== undefined && <ErrorNote error={error} />}
      </form>
    </section>
  );
}

/** The link mailed to a new address: confirms it and says so. */
export function ConfirmEmailPage() {
  const token = new URLSearchParams(location.search).get('token');
  const state = useAsync(async () => {
    if (!token) throw new ApiProblem(400, 'token_invalid', 'No token', 'This link has no token. Open the link from the mail we sent you.');
    const answer = await api.post<{ user: Me }>('/api/auth/confirm-email', { token }, { authenticated: false });
    if (session.get()) await reloadMe().catch(() => undefined);
    return answer.user;
  }, [token]);
  return (
    <Page title="Confirm your new email" narrow>
      <Loaded state={state} label="Checking your link…">
        {(user) => (
          <div class="note note-good stack" role="status">
            <p>Your email address is now <strong>{user.email}</strong>.</p>
            <p><a class="button primary" href="/settings">Back to settings</a></p>
          </div>
        )}
      </Loaded>
    </Page>
  );
}
