// Photos for a report: taken with the camera or picked from the gallery (the phone offers both),
// resized on the device (lib/resize-image.ts), uploaded at once, shown as thumbnails with their
// state; a failed upload can be retried, any photo removed. Files that are not photos are refused
// here with a message, before anything is sent.
import { Button } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { LocalError } from '../api/explain.ts';
import { portalApi } from '../api/portal-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { NotAPhotoError, PhotoTooLargeError, resizeImage } from '../lib/resize-image.ts';
import { ErrorNotice } from './error-notice.tsx';

export const MAX_PHOTOS = 9;

export interface PhotoItem {
  localId: string;
  preview: string;
  status: 'resizing' | 'uploading' | 'done' | 'error';
  id?: string;
  blob?: Blob;
  width?: number;
  height?: number;
  error?: unknown;
}

let seq = 0;

export function PhotoPicker({
  value,
  onChange,
}: {
  value: PhotoItem[];
  onChange: (fn: (items: PhotoItem[]) => PhotoItem[]) => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>(null);
  const previews = useRef(new Set<string>());

  useEffect(() => {
    const urls = previews.current;
    return () => {
      for (const u of urls) URL.revokeObjectURL(u);
    };
  }, []);

  const patch = (localId: string, p: Partial<PhotoItem>) =>
    onChange((items) => items.map((x) => (x.localId === localId ? { ...x, ...p } : x)));

  const upload = async (localId: string, blob: Blob) => {
    patch(localId, { status: 'uploading', error: undefined });
    try {
      const { id } = await portalApi.uploadPhoto(blob);
      patch(localId, { status: 'done', id });
    } catch (e) {
      patch(localId, { status: 'error', error: e });
    }
  };

  const add = async (files: File[]) => {
    setError(null);
    const room = MAX_PHOTOS - value.length;
    if (files.length > room)
      setError(new LocalError('photo.tooMany.title', 'photo.tooMany.hint', { n: MAX_PHOTOS }));
    for (const file of files.slice(0, Math.max(0, room))) {
      const localId = `p${++seq}`;
      onChange((items) => [...items, { localId, preview: '', status: 'resizing' }]);
      try {
        const r = await resizeImage(file);
        const preview = URL.createObjectURL(r.blob);
        previews.current.add(preview);
        patch(localId, { preview, blob: r.blob, width: r.width, height: r.height });
        await upload(localId, r.blob);
      } catch (e) {
        onChange((items) => items.filter((x) => x.localId !== localId));
        if (e instanceof NotAPhotoError)
          setError(new LocalError('photo.notPhoto.title', 'photo.notPhoto.hint', { name: e.fileName }));
        else if (e instanceof PhotoTooLargeError)
          setError(new LocalError('photo.tooLarge.title', 'photo.tooLarge.hint', { name: e.fileName }));
        else setError(e);
      }
    }
  };

  const remove = (item: PhotoItem) => {
    if (item.preview) {
      URL.revokeObjectURL(item.preview);
      previews.current.delete(item.preview);
    }
    onChange((items) => items.filter((x) => x.localId !== item.localId));
  };

  return (
    <div className="pt-photos">
      <div className="pt-photo-grid">
        {value.map((p, i) => (
          <div
            key={p.localId}
            className={`pt-photo pt-photo-${p.status}`}
            data-testid="photo-item"
            data-status={p.status}
            data-size={p.width && p.height ? `${p.width}x${p.height}` : undefined}
          >
            {p.preview ? (
              <img src={p.preview} alt={t('photo.alt', { n: i + 1 })} />
            ) : (
              <span className="pt-photo-state">{t('photo.resizing')}</span>
            )}
            {p.status === 'uploading' && <span className="pt-photo-state">{t('photo.uploading')}</span>}
            {p.status === 'error' && (
              <button
                type="button"
                className="pt-photo-retry"
                onClick={() => p.blob && void upload(p.localId, p.blob)}
              >
                {t('photo.retry')}
              </button>
            )}
            <button
              type="button"
              className="pt-photo-remove"
              aria-label={t('photo.remove', { n: i + 1 })}
              onClick={() => remove(p)}
            >
              <span className="pt-photo-x" aria-hidden="true">
                ×
              </span>
            </button>
          </div>
        ))}
        {value.length < MAX_PHOTOS && (
          <Button className="pt-photo-add" onClick={() => input.current?.click()} data-testid="photo-add">
            <span className="pt-photo-plus" aria-hidden="true">
              +
            </span>
            <span>{t('photo.add')}</span>
          </Button>
        )}
      </div>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          void add(files);
        }}
      />
      <div className="pt-help">{t('photo.help', { n: MAX_PHOTOS })}</div>
      {value.some((p) => p.status === 'error') && (
        <ErrorNotice error={value.find((p) => p.status === 'error')?.error} testId="photo-upload-error" />
      )}
      <ErrorNotice error={error} testId="photo-error" />
    </div>
  );
}
