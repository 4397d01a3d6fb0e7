import { session } from './session';

/** The three things a newcomer does first; each is remembered in this browser, per person. */
export type FirstStep = 'follow' | 'watch' | 'bid';

function key(name: string): string | null {
  const user = session.get()?.user.id;
  return user ? `showfloor.firstRun.${user}.${name}` : null;
}

export function markFirstStep(step: FirstStep) {
  const k = key(step);
  if (k) localStorage.setItem(k, '1');
}

export function firstStepDone(step: FirstStep): boolean {
  const k = key(step);
  return k !== null && localStorage.getItem(k) === '1';
}

export function guideDismissed(): boolean {
  const k = key('dismissed');
  return k !== null && localStorage.getItem(k) === '1';
}

export function dismissGuide() {
  const k = key('dismissed');
  if (k) localStorage.setItem(k, '1');
}
