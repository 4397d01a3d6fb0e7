import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { money } from '../format';
import { Icon } from '../icons';
import { navigate } from '../router';

interface Suggestion {
  kind: 'product' | 'show' | 'seller' | 'instrument';
  key: string;
  label: string;
  priceCents?: number | null;
  href: string;
}

const KIND_NAMES: Record<Suggestion['kind'], string> = {
  product: 'Product',
  show: 'Show',
  seller: 'Seller',
  instrument: 'Market',
};

/** The search box: suggestions from the server as you type (typos forgiven), Enter for all results. */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const [text, setText] = useState(initial);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const box = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api.get<{ items: Suggestion[] }>(`/api/search/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((found) => setSuggestions(found.items))
        .catch(() => undefined);
    }, 120);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const expanded = open && suggestions.length > 0;
  const go = (href: string) => {
    setOpen(false);
    navigate(href);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(suggestions.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(-1, i - 1));
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      event.preventDefault();
      go(suggestions[active].href);
    }
  };
  return (
    <form class="search" role="search" ref={box} onSubmit={(e) => {
      e.preventDefault();
      const q = text.trim();
      go(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
    }} onFocusOut={(e) => {
      if (!box.current?.contains(e.relatedTarget as Node)) setOpen(false);
    }}>
      <label for="search" class="visually-hidden">Search products, shows, sellers and the market</label>
      <Icon name="search" />
      <input id="search" type="search" value={text} placeholder="Search products, shows, sellers…" autoComplete="off"
        role="combobox" aria-expanded={expanded ? 'true' : 'false'} aria-controls="search-suggestions" aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? `suggestion-${active}` : undefined}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKey} onFocus={() => setOpen(true)} />
      <ul id="search-suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden={!expanded}>
        {suggestions.map((s, i) => (
          <li id={`suggestion-${i}`} role="option" aria-selected={i === active ? 'true' : 'false'} data-kind={s.kind}
            onMouseDown={(e) => {
              e.preventDefault();
              go(s.href);
            }}>
            <span>{s.label}</span>
            <span class="kind">{s.priceCents != null ? `${KIND_NAMES[s.kind]} · ${money(s.priceCents)}` : KIND_NAMES[s.kind]}</span>
          </li>
        ))}
      </ul>
    </form>
  );
}
