import { render } from 'preact';
import { App } from './app';
import { restoreSession } from './session';
import './styles.css';

// the access token lives in memory only: a page load first asks for one with the refresh cookie,
// so pages that need a session do not flash "log in" to someone who is signed in
void restoreSession().finally(() => render(<App />, document.getElementById('app')!));

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  // the shell is cached for offline starts; a failed registration must not break the app
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
