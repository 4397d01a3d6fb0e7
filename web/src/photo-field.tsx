import { useState } from 'preact/hooks';
import { type MediaPurpose, PHOTO_TYPES, uploadPhoto } from './media';
import { ErrorNote, Field, useAction } from './ui';

let pickers = 0;

/**
 * A form field for a picture: upload one (the field gets its /api/media/… address and a thumbnail
 * shows) or paste an https:// address. The form reads it by `name` like any other field.
 */
export function PhotoField({ label, name, purpose }: { label: string; name: string; purpose: MediaPurpose }) {
  const [id] = useState(() => `photo-${name}-${++pickers}`);
  const [value, setValue] = useState('');
  const [thumbnail, setThumbnail] = useState<string | null>(null);
  const [upload, busy, error] = useAction(async (file: File) => {
    const stored = await uploadPhoto(file, purpose);
    setValue(stored.url);
    setThumbnail(stored.thumbnailUrl);
  });
  return (
    <div class="photo-field stack">
      <Field label={label} name={name} value={value} inputMode="url" maxLength={500}
        onInput={(e) => { setValue((e.currentTarget as HTMLInputElement).value); setThumbnail(null); }}
        hint="Upload a photo (JPEG, PNG or GIF, up to 8 MB), or paste an https:// address." />
      <div class="row avatar-row">
        {thumbnail && <img class="photo-thumb" src={thumbnail} alt="The uploaded photo" width={64} height={64} />}
        <label class="button small" for={id}>{busy ? 'Uploading…' : 'Upload a photo'}</label>
        <input id={id} class="visually-hidden" type="file" accept={PHOTO_TYPES} disabled={busy}
          onChange={(event) => {
            const input = event.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) upload(file);
            input.value = '';
          }} />
      </div>
      {error !== undefined && <ErrorNote error={error} />}
    </div>
  );
}
