import { api, plainWords } from '../api';
import { toast } from '../toasts';
import { ErrorNote, Field, Loaded, Submit, formValues, useAction, useAsync } from '../ui';

interface SavedAddress {
  id: number;
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
  isDefault: boolean;
}

/** The address book: won lots, giveaway prizes and redeemed items ship to the default address. */
export function Addresses() {
  const book = useAsync((signal) => api.get<{ items: SavedAddress[] }>('/api/me/addresses', { signal }), []);
  const [save, busy, error] = useAction(async (values: Record<string, string>) => {
    const body: Record<string, unknown> = { name: values.name, line1: values.line1, city: values.city,
      postalCode: values.postalCode, country: values.country.toUpperCase(), isDefault: values.isDefault === 'on' };
    if (values.line2) body.line2 = values.line2;
    if (values.region) body.region = values.region;
    await api.post('/api/me/addresses', body);
    toast('Address saved.', 'success');
    book.reload();
  });
  const makeDefault = (a: SavedAddress) => api.patch(`/api/me/addresses/${a.id}`, { isDefault: true })
    .then(book.reload).catch((e) => toast(plainWords(e), 'error'));
  const remove = (a: SavedAddress) => api.del(`/api/me/addresses/${a.id}`)
    .then(book.reload).catch((e) => toast(plainWords(e), 'error'));
  return (
    <section class="section" aria-labelledby="addresses-title" id="addresses">
      <h2 id="addresses-title">Shipping addresses</h2>
      <Loaded state={book} label="Loading your addresses…">
        {(page) => (
          <div class="card stack">
            {page.items.length === 0 && <p class="muted">No address yet. Entering a giveaway, and bidding where wins are charged to your card, need a default address.</p>}
            <ul class="order-list">
              {page.items.map((a) => (
                <li class="row" style="justify-content:space-between" data-address-id={a.id}>
                  <span>{a.name}, {a.line1}{a.line2 ? `, ${a.line2}` : ''}, {a.city}{a.region ? `, ${a.region}` : ''} {a.postalCode}, {a.country}
                    {' '}{a.isDefault ? <span class="pill pill-soft">default</span> : null}</span>
                  <span class="row">
                    {!a.isDefault && <button type="button" class="button ghost small" onClick={() => makeDefault(a)}
                      aria-label={`Make default: ${a.name}, ${a.line1}`}>Make default</button>}
                    <button type="button" class="button ghost small" onClick={() => remove(a)}
                      aria-label={`Delete: ${a.name}, ${a.line1}`}>Delete</button>
                  </span>
                </li>
              ))}
            </ul>
            <form class="stack" onSubmit={(e) => save(formValues(e))} aria-label="Add an address">
              <Field label="Full name" name="name" required maxLength={100} autoComplete="name" />
              <Field label="Street address" name="line1" required maxLength={200} autoComplete="address-line1" />
              <Field label="Apartment, suite (optional)" name="line2" maxLength={200} autoComplete="address-line2" />
              <Field label="City" name="city" required maxLength={100} autoComplete="address-level2" />
              <Field label="State or region (optional)" name="region" maxLength={100} autoComplete="address-level1" />
              <Field label="Postal code" name="postalCode" required maxLength={20} autoComplete="postal-code" />
              <Field label="Country code" name="country" required pattern="[A-Za-z]{2}" maxLength={2}
                hint="Two letters: US, CA, GB, DE, FR…" autoComplete="country" />
              <label class="row"><input type="checkbox" name="isDefault" /> Make it my default address</label>
              {error !== undefined && <ErrorNote error={error} />}
              <Submit busy={busy}>Save the address</Submit>
            </form>
          </div>
        )}
      </Loaded>
    </section>
  );
}
