import { useState } from 'preact/hooks';
import { api } from '../api';
import { serverNow } from '../clock';
import { offsetText } from '../format';
import type { Clip } from '../types';
import { Empty, ErrorNote, useAction } from '../ui';

const LENGTHS = [15, 30, 60];

/**
 * "Clip that!": marks the last 15–60 seconds of a live show as a highlight. The range is seconds
 * from the show's start by the server's clock; one second is held back so the end never lies past
 * what the server has seen of the show.
 */
export function ClipMaker({ showId, startedAt, productId, onClip }: {
  showId: number;
  startedAt: string;
  /** the product on the block, so the clip shows on its product page too */
  productId?: number;
  onClip: (clip: Clip) => void;
}) {
  const [open, setOpen] = useState(false);
  const [length, setLength] = useState(30);
  const [title, setTitle] = useState('');
  const [done, setDone] = useState<Clip | null>(null);
  const [make, busy, error, setError] = useAction(async () => {
    const end = Math.floor((serverNow() - Date.parse(startedAt)) / 1000) - 1;
    if (end < 3) {
      setError(new Error('too early'));
      return;
    }
    const clip = await api.post<Clip>(`/api/shows/${showId}/clips`, {
      title: title.trim() || 'Highlight', startSeconds: Math.max(0, end - length), endSeconds: end,
      ...(productId ? { productId } : {}),
    });
    setDone(clip);
    setTitle('');
    setOpen(false);
    onClip(clip);
  });
  if (!open) {
    return (
      <div class="row clip-maker">
        <button type="button" class="button small" onClick={() => { setOpen(true); setDone(null); }}>✂ Clip this moment</button>
        <span role="status" class="small muted">{done ? `Clipped “${done.title}” (${offsetText(done.startSeconds)}–${offsetText(done.endSeconds)}).` : ''}</span>
      </div>
    );
  }
  return (
    <form class="card stack clip-maker" aria-labelledby="clip-title" onSubmit={(e) => { e.preventDefault(); make(); }}>
      <h2 id="clip-title" class="small-heading">Clip this moment</h2>
      <div class="field">
        <label for="clip-name">Clip title</label>
        <input id="clip-name" value={title} maxLength={100} placeholder="That pull!" onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      </div>
      <fieldset class="segmented-field">
        <legend>Length: the last</legend>
        <div class="row">
          {LENGTHS.map((s) => (
            <label class="radio"><input type="radio" name="clip-length" value={s} checked={length === s} onChange={() => setLength(s)} /> {s} s</label>
          ))}
        </div>
      </fieldset>
      {error !== undefined && (error instanceof Error && error.message === 'too early'
        ? <p class="note note-error" role="alert">The show has only just started: try again in a few seconds.</p>
        : <ErrorNote error={error} />)}
      <div class="row">
        <button type="submit" class="button primary small" disabled={busy} aria-busy={busy ? 'true' : undefined}>Save clip</button>
        <button type="button" class="button ghost small" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}

/** Clips as cards: the video range once the recording exists, else the time range in words. */
export function ClipList({ clips, showTitles, emptyText }: { clips: Clip[]; showTitles?: boolean; emptyText: string }) {
  if (clips.length === 0) return <Empty title="No clips yet">{emptyText}</Empty>;
  return (
    <ul class="clip-list">
      {clips.map((c) => (
        <li class="card clip" data-clip-id={c.id}>
          {c.videoUrl
            ? <video class="clip-video" src={c.videoUrl} controls preload="metadata" aria-label={`Clip: ${c.title}`} />
            : <p class="small muted clip-pending">Video appears once the show's recording is ready.</p>}
          <p class="clip-name"><strong>{c.title}</strong></p>
          <p class="small muted">
            {offsetText(c.startSeconds)}–{offsetText(c.endSeconds)} · by {c.createdByName}
            {showTitles && <> · from <a href={`/shows/${c.showId}`}>{c.showTitle}</a></>}
          </p>
        </li>
      ))}
    </ul>
  );
}
