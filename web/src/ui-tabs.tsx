import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface Tab {
  id: string;
  label: string;
}

/** WAI-ARIA tabs: arrow keys move between tabs, the panel follows the selected one. */
export function Tabs({ tabs, selected, onSelect, label, children }: {
  tabs: Tab[];
  selected: string;
  onSelect: (id: string) => void;
  label: string;
  children: ComponentChildren;
}) {
  const list = useRef<HTMLDivElement>(null);
  // on a phone the tab row scrolls sideways: keep the selected tab in sight
  useEffect(() => {
    const tab = list.current?.querySelector<HTMLElement>(`#tab-${selected}`);
    const row = list.current;
    if (tab && row && row.scrollWidth > row.clientWidth) row.scrollLeft = tab.offsetLeft - row.clientWidth / 2 + tab.clientWidth / 2;
  }, [selected]);
  const onKey = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : -2;
    if (next === -2) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    onSelect(tab.id);
    list.current?.querySelector<HTMLButtonElement>(`#tab-${tab.id}`)?.focus();
  };
  return (
    <>
      <div class="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKey}>
        {tabs.map((t) => (
          <button type="button" role="tab" id={`tab-${t.id}`} aria-selected={t.id === selected ? 'true' : 'false'}
            aria-controls={`panel-${t.id}`} tabIndex={t.id === selected ? 0 : -1} onClick={() => onSelect(t.id)}>{t.label}</button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`}>{children}</div>
    </>
  );
}
