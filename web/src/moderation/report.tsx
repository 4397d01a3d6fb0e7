import { useEffect, useRef, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { navigate, usePlace } from '../router';
import { useSession } from '../session';
import { toast } from '../toasts';

export type ReportTarget = 'chat_message' | 'user' | 'show' | 'product' | 'review' | 'market_instrument';

const REASONS: { id: string; label: string }[] = [
  { id: 'spam', label: 'Spam or scam links' },
  { id: 'harassment', label: 'Harassment or hate' },
  { id: 'counterfeit', label: 'Counterfeit item' },
  { id: 'prohibited_item', label: 'Item not allowed on Showfloor' },
  { id: 'fraud', label: 'Fraud or market manipulation' },
  { id: 'other', label: 'Something else' },
];

let dialogs = 0;

/**
 * "Report": a small modal dialog (native <dialog>: focus stays inside, Esc closes, focus returns to
 * the button) with a reason and an optional note, sent to POST /api/reports for the moderators' queue.
 */
export function ReportButton({ targetType, targetId, what, class: className = 'link-button small' }: {
  targetType: ReportTarget;
  targetId: number | string;
  /** what is reported, in words: "message from Sam", "Holo Charizard" */
  what: string;
  class?: string;
}) {
  const session = useSession();
  const place = usePlace();
  const [open, setOpen] = useState(false);
  const onClick = () => {
    if (!session) return navigate(`/login?next=${encodeURIComponent(place.path)}`);
    setOpen(true);
  };
  return (
    <>
      <button type="button" class={className} onClick={onClick} aria-label={`Report ${what}`} aria-haspopup="dialog">Report</button>
      {open && <ReportDialog targetType={targetType} targetId={targetId} what={what} onClose={() => setOpen(false)} />}
    </>
  );
}

function ReportDialog({ targetType, targetId, what, onClose }: { targetType: ReportTarget; targetId: number | string; what: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [id] = useState(() => `report-${++dialogs}`);
  const [reason, setReason] = useState(targetType === 'chat_message' || targetType === 'user' ? 'harassment' : targetType === 'market_instrument' ? 'fraud' : 'counterfeit');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    el.showModal();
    const cancel = () => onClose();
    el.addEventListener('close', cancel);
    return () => {
      el.removeEventListener('close', cancel);
      if (el.open) el.close();
    };
  }, []);
  const send = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/reports', { targetType, targetId, reason, ...(note.trim() ? { note: note.trim() } : {}) });
      toast('Thanks for telling us. A moderator will look at it.', 'success');
      dialog.current?.close();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby={`${id}-title`}>
      <form onSubmit={send} class="stack">
        <h2 id={`${id}-title`}>Report {what}</h2>
        <fieldset class="rating">
          <legend>What is wrong?</legend>
          {REASONS.map((r) => (
            <label class="radio"><input type="radio" name={`${id}-reason`} value={r.id} checked={reason === r.id} onChange={() => setReason(r.id)} /> {r.label}</label>
          ))}
        </fieldset>
        <div class="field">
          <label for={`${id}-note`}>Anything a moderator should know (optional)</label>
          <textarea id={`${id}-note`} maxLength={500} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        </div>
        {error !== undefined && <p class="note note-error" role="alert">{plainWords(error)}</p>}
        <div class="row">
          <button type="submit" class="button primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>Send report</button>
          <button type="button" class="button ghost" onClick={() => dialog.current?.close()}>Cancel</button>
        </div>
      </form>
    </dialog>
  );
}
