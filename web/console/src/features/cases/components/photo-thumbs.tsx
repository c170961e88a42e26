// Thumbnails of case photos (served by GET /photos/:id with the session cookie), with preview.
import { Image, Space } from 'antd';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { casesApi } from '../cases-api.ts';

export function PhotoThumbs({ ids, size = 72, testId }: { ids: string[]; size?: number; testId?: string }) {
  const { t } = useI18n();
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size={8} data-testid={testId}>
        {ids.map((id) => (
          <Image
            key={id}
            src={casesApi.photoUrl(id)}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
            alt={t('case.detail.photos')}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
