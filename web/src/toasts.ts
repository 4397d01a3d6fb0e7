import { store } from './store';

export type ToastKind = 'info' | 'success' | 'warning' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  action?: { label: string; href: string };
}

export const toasts = store<Toast[]>([]);
let nextId = 1;

/** Shows a short message in the live region; errors stay longer than good news. */
export function toast(text: string, kind: ToastKind = 'info', action?: Toast['action']) {
  const id = nextId++;
  toasts.set((list) => [...list.slice(-3), { id, kind, text, action }]);
  window.setTimeout(() => dismiss(id), kind === 'error' || action ? 8000 : 4500);
}

export function dismiss(id: number) {
  toasts.set((list) => list.filter((t) => t.id !== id));
}

/** A toast whose link was just followed has done its job. */
export function dismissLinkingTo(path: string) {
  toasts.set((list) => list.filter((t) => t.action?.href !== path));
}
