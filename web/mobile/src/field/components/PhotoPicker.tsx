// Photos from the camera or the album, shrunk on the phone (lib/photo.ts) and kept as Blobs until
// they are sent; thumbnails with a remove button.
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { PhotoError, shrinkPhoto } from '../lib/photo.ts';
import { Icon } from './icons.tsx';

export function PhotoPicker({
  value,
  onChange,
  max = 9,
  testId,
}: {
  value: Blob[];
  onChange: (next: Blob[]) => void;
  max?: number;
  testId: string;
}) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const urls = useMemo(() => value.map((b) => URL.createObjectURL(b)), [value]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);

  const add = async (files: File[]) => {
    if (!files.length) return;
    setProblem(null);
    setBusy(true);
    const next = [...value];
    try {
      for (const f of files) {
        if (next.length >= max) {
          setProblem(t('photo.max', { n: max }));
          break;
        }
        try {
          next.push(await shrinkPhoto(f));
        } catch (e) {
          setProblem(t(e instanceof PhotoError && e.reason === 'tooBig' ? 'photo.tooBig' : 'photo.bad'));
        }
      }
    } finally {
      setBusy(false);
      onChange(next);
    }
  };

  return (
    <>
      <div className="field-photos" data-testid={testId}>
        {urls.map((u, i) => (
          <div className="field-photo" key={u}>
            <img src={u} alt="" />
            <button
              type="button"
              className="field-photo-remove"
              aria-label={t('photo.remove')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              <span>×</span>
            </button>
          </div>
        ))}
        {value.length < max && (
          <>
            <label className="field-photo-add" aria-busy={busy}>
              <span className="icon">
                <Icon name="camera" />
              </span>
              {t('photo.take')}
              <input
                type="file"
                accept="image/*"
                capture="environment"
                data-testid={`${testId}-camera`}
                onChange={(e) => {
                  const files = Array.from(e.currentTarget.files ?? []);
                  e.currentTarget.value = '';
                  void add(files);
                }}
              />
            </label>
            <label className="field-photo-add">
              <span className="icon">
                <Icon name="picture" />
              </span>
              {t('photo.album')}
              <input
                type="file"
                accept="image/jpeg,image/png,image/webp,image/*"
                multiple
                data-testid={`${testId}-album`}
                onChange={(e) => {
                  const files = Array.from(e.currentTarget.files ?? []);
                  e.currentTarget.value = '';
                  void add(files);
                }}
              />
            </label>
          </>
        )}
      </div>
      {problem && (
        <div className="field-hint field-field-error" role="alert">
          {problem}
        </div>
      )}
    </>
  );
}
