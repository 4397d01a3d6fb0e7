import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, plainWords } from '../api';
import { navigate, usePlace } from '../router';
import { logIn, refreshSession, reloadMe, session, useSession } from '../session';
import { toast } from '../toasts';
import { ErrorNote, Field, formValues, Loading, Page, Submit, useAction } from '../ui';

/** The field a problem is about, when the API says so by its code. */
function fieldOf(error: unknown): string | null {
  if (!(error instanceof ApiProblem)) return null;
  if (error.code === 'weak_password') return 'password';
  if (error.code === 'email_taken' || error.code === 'invalid_email') return 'email';
  return null;
}

export function SignUp() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [submit, busy, error] = useAction(async (values: Record<string, string>) => {
    await api.post('/api/auth/signup', {
      email: values.email.trim(),
      password: values.password,
      displayName: values.displayName.trim(),
    }, { authenticated: false });
    // signed in at once, so the verification link only has to confirm the address
    await logIn(values.email.trim(), values.password).catch(() => undefined);
    setSentTo(values.email.trim());
  });
  if (sentTo) {
    return (
      <Page title="Check your email" narrow>
        <div class="card form-narrow stack">
          <p>We sent a link to <strong>{sentTo}</strong>. Open it to verify your email — then you can bid, buy and trade.</p>
          <p class="muted small">No mail after a minute? Look in spam, or use “Send it again” at the top of the page.</p>
          <a class="button primary" href="/">Browse live shows</a>
        </div>
      </Page>
    );
  }
  const field = fieldOf(error);
  return (
    <Page title="Create your account" narrow>
      <form class="card form-narrow" onSubmit={(e) => submit(formValues(e))} noValidate={false}>
        <Field label="Display name" name="displayName" required maxLength={60} autoComplete="nickname" hint="Shown in chat and on bids." />
        <Field label="Email" name="email" type="email" required maxLength={254} autoComplete="email"
          error={field === 'email' ? plainWords(error) : null} />
        <Field label="Password" name="password" type="password" required minLength={10} maxLength={128} autoComplete="new-password"
          hint="At least 10 characters, mixing letters with digits or symbols."
          error={field === 'password' ? plainWords(error) : null} />
        {error !== undefined && !field && <ErrorNote error={error} />}
        <Submit busy={busy}>Sign up</Submit>
        <div class="form-foot">
          <span class="muted small">Already have an account? <a href="/login">Log in</a></span>
        </div>
      </form>
    </Page>
  );
}

export function LogIn() {
  const place = usePlace();
  const next = safeNext(place.query.get('next'));
  const [submit, busy, error] = useAction(async (values: Record<string, string>) => {
    const user = await logIn(values.email.trim(), values.password);
    toast(`Welcome back, ${user.displayName}.`, 'success');
    navigate(next, { replace: true });
  });
  return (
    <Page title="Log in" narrow>
      <form class="card form-narrow" onSubmit={(e) => submit(formValues(e))}>
        <Field label="Email" name="email" type="email" required autoComplete="email" />
        <Field label="Password" name="password" type="password" required autoComplete="current-password" />
        {error !== undefined && <ErrorNote error={error} />}
        <Submit busy={busy}>Log in</Submit>
        <div class="form-foot">
          <a href="/forgot-password" class="small">Forgot your password?</a>
          <span class="muted small">New here? <a href="/signup">Create an account</a></span>
        </div>
      </form>
    </Page>
  );
}

/** Only same-site paths: a crafted ?next= must not send people elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function Verify() {
  const token = usePlace().query.get('token');
  const current = useSession();
  const [state, setState] = useState<'working' | 'done' | unknown>('working');
  useEffect(() => {
    if (!token) return;
    api.post('/api/auth/verify', { token }, { authenticated: false })
      .then(async () => {
        // the old access token still says "unverified": rotate it so bidding works at once
        if (session.get()) await refreshSession().then(reloadMe).catch(() => undefined);
        setState('done');
      })
      .catch(setState);
  }, [token]);
  if (!token) {
    return (
      <Page title="Verify your email" narrow>
        <p>This link has no token. Open the link from the mail we sent you, or ask for a new one after logging in.</p>
      </Page>
    );
  }
  return (
    <Page title="Verify your email" narrow>
      {state === 'working' && <Loading label="Checking your link…" />}
      {state === 'done' && (
        <div class="note note-good stack" role="status">
          <p>Your email is verified. You can bid, buy and trade now.</p>
          <p>{current ? <a class="button primary" href="/">Find a live show</a> : <a class="button primary" href="/login">Log in</a>}</p>
        </div>
      )}
      {state !== 'working' && state !== 'done' && <ErrorNote error={state} />}
    </Page>
  );
}

export function Forgot() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [submit, busy, error] = useAction(async (values: Record<string, string>) => {
    await api.post('/api/auth/password/forgot', { email: values.email.trim() }, { authenticated: false });
    setSentTo(values.email.trim());
  });
  return (
    <Page title="Reset your password" narrow>
      {sentTo ? (
        <div class="note note-good" role="status">
          <p>If an account exists for <strong>{sentTo}</strong>, a reset link is on its way. It works once and expires soon.</p>
        </div>
      ) : (
        <form class="card form-narrow" onSubmit={(e) => submit(formValues(e))}>
          <p class="muted">We will mail you a link to choose a new password.</p>
          <Field label="Email" name="email" type="email" required autoComplete="email" />
          {error !== undefined && <ErrorNote error={error} />}
          <Submit busy={busy}>Send the link</Submit>
        </form>
      )}
    </Page>
  );
}

export function Reset() {
  const token = usePlace().query.get('token');
  const [done, setDone] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const [submit, busy, error] = useAction(async (values: Record<string, string>) => {
    if (values.password !== values.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    await api.post('/api/auth/password/reset', { token, newPassword: values.password }, { authenticated: false });
    session.set(null); // a reset ends every session
    setDone(true);
  });
  if (!token) {
    return (
      <Page title="Choose a new password" narrow>
        <p>This link has no token. Ask for a new one on <a href="/forgot-password">the reset page</a>.</p>
      </Page>
    );
  }
  return (
    <Page title="Choose a new password" narrow>
      {done ? (
        <div class="note note-good" role="status">
          <p>Your password is changed and you are logged out everywhere.</p>
          <p><a class="button primary" href="/login">Log in</a></p>
        </div>
      ) : (
        <form class="card form-narrow" onSubmit={(e) => submit(formValues(e))}>
          <Field label="New password" name="password" type="password" required minLength={10} maxLength={128}
            autoComplete="new-password" hint="At least 10 characters, mixing letters with digits or symbols."
            error={fieldOf(error) === 'password' ? plainWords(error) : null} />
          <Field label="Repeat the new password" name="confirm" type="password" required autoComplete="new-password"
            error={mismatch ? 'The two passwords are not the same.' : null} />
          {error !== undefined && fieldOf(error) !== 'password' && <ErrorNote error={error} />}
          <Submit busy={busy}>Change password</Submit>
        </form>
      )}
    </Page>
  );
}
