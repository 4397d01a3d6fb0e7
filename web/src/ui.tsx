import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { plainWords } from './api';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorNote({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div class="note note-error" role="alert">
      <p>{plainWords(error)}</p>
      {retry && <button type="button" class="button ghost" onClick={retry}>Try again</button>}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children && <div class="empty-body">{children}</div>}
    </div>
  );
}

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  setData(update: T | ((previous: T | undefined) => T)): void;
}

/** Loads once per change of `deps`; a newer load wins over a slower older one. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    load(controller.signal)
      .then((value) => {
        if (!controller.signal.aborted) setData(() => value);
      })
      .catch((failure) => {
        if (!controller.signal.aborted) setError(failure);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload, setData: setData as Async<T>['setData'] };
}

/** Renders loading, error (with retry) or the content of an Async. */
export function Loaded<T>({ state, children, label }: { state: Async<T>; label?: string; children: (data: T) => ComponentChildren }) {
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error !== undefined) return <ErrorNote error={state.error} retry={state.reload} />;
  return <Loading label={label} />;
}

/** A page: sets the document title and gives the page its one h1, focused after navigation. */
export function Page({ title, heading, children, wide, narrow, actions }: {
  title: string;
  heading?: ComponentChildren;
  children: ComponentChildren;
  wide?: boolean;
  /** forms: the heading lines up with the form */
  narrow?: boolean;
  actions?: ComponentChildren;
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Showfloor`;
  }, [title]);
  useEffect(() => {
    // move focus for screen readers and keyboard users when the page changes, not on first load
    if (document.body.dataset.navigated) h1.current?.focus({ preventScroll: true });
    document.body.dataset.navigated = 'yes';
  }, []);
  return (
    <div class={wide ? 'page page-wide' : narrow ? 'page page-narrow' : 'page'}>
      <div class="page-head">
        <h1 ref={h1} tabIndex={-1}>{heading ?? title}</h1>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "label"> & {
  label: string;
  hint?: ComponentChildren;
  error?: string | null;
  name: string;
};

let fieldIds = 0;

export function Field({ label, hint, error, name, ...input }: InputProps) {
  const [id] = useState(() => `field-${name}-${++fieldIds}`);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input id={id} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={described} {...input} />
      {hint && <p class="field-hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

export function Submit({ busy, children, class: className = 'button primary' }: { busy: boolean; children: ComponentChildren; class?: string }) {
  return (
    <button type="submit" class={className} disabled={busy} aria-busy={busy ? 'true' : undefined}>
      {busy ? <span class="spinner small" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

/** Runs a form action with busy and error state; returns [run, busy, error, setError]. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async (...args: A) => {
    setBusy(true);
    setError(undefined);
    try {
      await action(...args);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return [run, busy, error, setError] as const;
}

export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const data = new FormData(event.currentTarget as HTMLFormElement);
  return Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]));
}
