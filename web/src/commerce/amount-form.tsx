import { useRef, useState } from 'preact/hooks';
import { idempotencyKey } from '../api';
import { money, parseCents } from '../format';
import { ErrorNote, Field, Submit, useAction } from '../ui';

/**
 * Takes money out: an amount in dollars (up to what is available, at least the minimum) sent with
 * one Idempotency-Key per intended request, so a double click or a retry after a timeout moves the
 * money once. Used by the wallet's withdrawals and the seller's payout requests.
 */
export function AmountForm({ title, heading: Heading = 'h2', availableCents, minimumCents, belowMinimum, submitLabel, onSubmit }: {
  title: string;
  heading?: 'h2' | 'h3';
  availableCents: number;
  minimumCents: number;
  /** What to say when there is less than the minimum. */
  belowMinimum: string;
  submitLabel: string;
  /** Sends the request with this key; resolves when it is done (the next submit gets a new key). */
  onSubmit: (cents: number, key: string) => Promise<void>;
}) {
  const key = useRef(idempotencyKey());
  const [amount, setAmount] = useState((availableCents / 100).toFixed(2));
  const [send, busy, error] = useAction(async () => {
    const cents = parseCents(amount);
    if (cents === null || cents <= 0) throw new Error('amount');
    await onSubmit(cents, key.current);
    key.current = idempotencyKey();
  });
  if (availableCents < minimumCents) {
    return <p class="note">{belowMinimum}</p>;
  }
  const badAmount = error instanceof Error && error.message === 'amount';
  return (
    <form class="card section form-narrow" onSubmit={(e) => { e.preventDefault(); send(); }}>
      <Heading>{title}</Heading>
      <Field label="Amount in dollars" name="amount" inputMode="decimal" required value={amount}
        onInput={(e) => setAmount((e.target as HTMLInputElement).value)}
        hint={`Up to ${money(availableCents)}; at least ${money(minimumCents)}.`}
        error={badAmount ? 'Enter an amount like 25 or 25.50.' : null} />
      {error !== undefined && !badAmount && <ErrorNote error={error} />}
      <Submit busy={busy}>{submitLabel}</Submit>
    </form>
  );
}
