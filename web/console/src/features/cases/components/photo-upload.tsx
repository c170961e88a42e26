// Photo field of the case forms: each chosen image is uploaded at once (POST /photos, raw
// bytes) and the field's value is the list of uploaded photo ids. Failures show in the user's
// language and leave the photo out.
import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useShowError } from '../../../components/use-show-error.tsx';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { casesApi } from '../cases-api.ts';

const ACCEPT = 'image/jpeg,image/png,image/webp';
const MAX = 9;

export function PhotoUpload(props: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  testId?: string;
  id?: string;
}) {
  const { t } = useI18n();
  const showError = useShowError();
  const [files, setFiles] = useState<UploadFile[]>([]);
  // Photos the form no longer holds (it was reset) are not shown; uploads in flight are.
  const shown = files.filter(
    (f) => f.status !== 'done' || (typeof f.response === 'string' && !!props.value?.includes(f.response)),
  );
  const emit = (list: UploadFile[]) => {
    props.onChange?.(
      list
        .filter((f) => f.status === 'done' && typeof f.response === 'string')
        .map((f) => f.response as string),
    );
  };
  return (
    <div data-testid={props.testId} id={props.id}>
      <Upload
        accept={ACCEPT}
        listType="picture-card"
        multiple
        maxCount={MAX}
        fileList={shown}
        customRequest={({ file, onSuccess, onError }) => {
          casesApi.uploadPhoto(file as Blob).then(
            (r) => onSuccess?.(r.id),
            (e: unknown) => {
              showError(e);
              onError?.(e instanceof Error ? e : new Error(t('case.photo.failed')));
            },
          );
        }}
        onChange={({ fileList }) => {
          const kept = fileList.filter((f) => f.status !== 'error');
          setFiles(kept);
          emit(kept);
        }}
      >
        {shown.length >= MAX ? null : (
          <div>
            <PlusOutlined />
            <div style={{ marginTop: 6 }}>{t('case.photo.upload')}</div>
          </div>
        )}
      </Upload>
    </div>
  );
}
