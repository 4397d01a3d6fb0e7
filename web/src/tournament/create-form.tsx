import { useState } from 'preact/hooks';
import { api, ApiProblem, plainWords } from '../api';
import { parseCents } from '../format';
import { Field, Submit, useAction } from '../ui';
import type { Tournament } from './types';

interface InstrumentRow {
  base: string;
  name: string;
  price: string;
}

type Errors = Partial<Record<'name' | 'startsAt' | 'endsAt' | 'fee' | 'cash' | 'maxEntrants' | 'instruments' | 'form', string>>;

/** The API's codes that belong to one field of the form; anything else is said above the button. */
const FIELD_OF_CODE: Record<string, keyof Errors> = {
  ends_before_start: 'endsAt',
  starts_in_past: 'startsAt',
  invalid_startsAt: 'startsAt',
  invalid_endsAt: 'endsAt',
  invalid_base: 'instruments',
  duplicate_instrument: 'instruments',
};

/** "2026-12-07T10:30" from a datetime-local input is local time; the API takes an instant. */
function instant(local: string): string | null {
  const at = new Date(local);
  return local && !Number.isNaN(at.getTime()) ? at.toISOString() : null;
}

function localInput(ms: number): string {
  const at = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return at.toISOString().slice(0, 16);
}

/**
 * Creating a tournament: an admin's public one, or a Pro host's private one (the API refuses a
 * public tournament to anyone but an admin, and a private one to a host without Pro). Mistakes the
 * form can see are named at their field before anything is sent; the API's refusals after.
 */
export function CreateTournamentForm({ admin, onCreated }: { admin: boolean; onCreated: (t: Tournament) => void }) {
  const hour = 3_600_000;
  const [name, setName] = useState('');
  const [rules, setRules] = useState('Highest equity at the end wins. Play money only; prizes are paid in real money.');
  const [startsAt, setStartsAt] = useState(() => localInput(Date.now() + hour));
  const [endsAt, setEndsAt] = useState(() => localInput(Date.now() + 2 * hour));
  const [fee, setFee] = useState('0');
  const [cash, setCash] = useState('1000');
  const [maxEntrants, setMaxEntrants] = useState('100');
  const [isPrivate, setPrivate] = useState(!admin);
  const [rows, setRows] = useState<InstrumentRow[]>([{ base: '', name: '', price: '' }]);
  const [errors, setErrors] = useState<Errors>({});

  const setRow = (index: number, change: Partial<InstrumentRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const [create, busy] = useAction(async () => {
    const found: Errors = {};
    const starts = instant(startsAt);
    const ends = instant(endsAt);
    const feeCents = parseCents(fee);
    const cashCents = parseCents(cash);
    const most = /^\d+$/.test(maxEntrants) ? Number(maxEntrants) : NaN;
    if (!name.trim()) found.name = 'Give the tournament a name.';
    if (!starts) found.startsAt = 'Choose when trading starts.';
    else if (Date.parse(starts) <= Date.now()) found.startsAt = 'The start must be in the future.';
    if (!ends) found.endsAt = 'Choose when trading ends.';
    else if (starts && Date.parse(ends) <= Date.parse(starts)) found.endsAt = 'The end must come after the start.';
    if (feeCents === null) found.fee = 'Enter the entry fee in dollars, 0 for a free tournament.';
    if (cashCents === null || cashCents < 100) found.cash = 'Enter the play money each entrant starts with, at least $1.00.';
    if (!(most >= 1 && most <= 100_000)) found.maxEntrants = 'Enter a whole number from 1 to 100000.';
    const instruments = rows.map((row) => ({ base: row.base.trim().toUpperCase(), name: row.name.trim(), referencePriceCents: parseCents(row.price) }));
    const bases = instruments.map((i) => i.base);
    if (instruments.some((i) => !/^[A-Z][A-Z0-9]{0,5}$/.test(i.base))) found.instruments = 'Each symbol is 1 to 6 letters or digits, starting with a letter.';
    else if (new Set(bases).size !== bases.length) found.instruments = 'Each symbol can be listed once.';
    else if (instruments.some((i) => i.referencePriceCents === null || i.referencePriceCents < 1)) found.instruments = 'Give each instrument a reference price in dollars, like 10.00.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const created = await api.post<Tournament>('/api/tournaments', {
        name: name.trim(),
        ...(rules.trim() ? { rules: rules.trim() } : {}),
        startsAt: starts, endsAt: ends, entryFeeCents: feeCents, startingCashCents: cashCents, maxEntrants: most,
        private: isPrivate,
        instruments: instruments.map((i) => ({ base: i.base, ...(i.name ? { name: i.name } : {}), referencePriceCents: i.referencePriceCents })),
      });
      onCreated(created);
    } catch (failure) {
      const field = failure instanceof ApiProblem ? FIELD_OF_CODE[failure.code] : undefined;
      setErrors({ [field ?? 'form']: plainWords(failure) });
    }
  });

  return (
    <form class="card stack" aria-labelledby="create-title" noValidate onSubmit={(e) => { e.preventDefault(); create(); }}>
      <h2 id="create-title">Create a tournament</h2>
      <Field label="Name" name="name" value={name} error={errors.name} maxLength={120} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      <div class="field">
        <label for="tournament-rules">Rules</label>
        <textarea id="tournament-rules" name="rules" maxLength={10_000} value={rules} onInput={(e) => setRules((e.target as HTMLTextAreaElement).value)} />
      </div>
      <div class="grid-2">
        <Field label="Trading starts" name="startsAt" type="datetime-local" value={startsAt} error={errors.startsAt} onInput={(e) => setStartsAt((e.target as HTMLInputElement).value)} />
        <Field label="Trading ends" name="endsAt" type="datetime-local" value={endsAt} error={errors.endsAt} onInput={(e) => setEndsAt((e.target as HTMLInputElement).value)} />
        <Field label="Entry fee ($)" name="fee" inputMode="decimal" value={fee} error={errors.fee} hint="0 for a free tournament; fees make the prize pool" onInput={(e) => setFee((e.target as HTMLInputElement).value)} />
        <Field label="Starting play money ($)" name="cash" inputMode="decimal" value={cash} error={errors.cash} onInput={(e) => setCash((e.target as HTMLInputElement).value)} />
        <Field label="Most entrants" name="maxEntrants" inputMode="numeric" value={maxEntrants} error={errors.maxEntrants} onInput={(e) => setMaxEntrants((e.target as HTMLInputElement).value)} />
      </div>
      <fieldset class="stack" aria-describedby={errors.instruments ? 'instruments-error' : undefined}>
        <legend>Instruments (play money only, quoted by the house's market maker)</legend>
        {rows.map((row, i) => (
          <div class="grid-2" key={i}>
            <Field label={`Symbol ${i + 1}`} name={`base-${i}`} value={row.base} maxLength={6} autoComplete="off" onInput={(e) => setRow(i, { base: (e.target as HTMLInputElement).value })} />
            <Field label={`Name ${i + 1}`} name={`iname-${i}`} value={row.name} maxLength={120} onInput={(e) => setRow(i, { name: (e.target as HTMLInputElement).value })} />
            <Field label={`Reference price ${i + 1} ($)`} name={`price-${i}`} inputMode="decimal" value={row.price} onInput={(e) => setRow(i, { price: (e.target as HTMLInputElement).value })} />
          </div>
        ))}
        {errors.instruments && <p class="field-error" id="instruments-error">{errors.instruments}</p>}
        <div class="row">
          {rows.length < 5 && <button type="button" class="button ghost small" onClick={() => setRows([...rows, { base: '', name: '', price: '' }])}>Add an instrument</button>}
          {rows.length > 1 && <button type="button" class="button ghost small" onClick={() => setRows(rows.slice(0, -1))}>Remove the last</button>}
        </div>
      </fieldset>
      <label class="row">
        <input type="checkbox" checked={isPrivate} disabled={!admin} onChange={(e) => setPrivate((e.target as HTMLInputElement).checked)} />
        Private: entrants need its invite code{!admin && ' (Pro hosts run private tournaments)'}
      </label>
      {errors.form && <p class="note note-error" role="alert">{errors.form}</p>}
      {Object.keys(errors).length > 0 && !errors.form && <p class="field-error" role="alert">Check the fields marked above.</p>}
      <Submit busy={busy}>Create tournament</Submit>
    </form>
  );
}
