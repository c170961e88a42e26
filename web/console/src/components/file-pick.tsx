// Pick one file (click or drop) and send it: the drop area, the chosen file with its size, and
// the button that starts the upload. Used by every import screen (grids, rolls …); what happens
// with the file, its progress and its error report stay with the screen.
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Typography, Upload } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';

export function FilePick({
  accept,
  file,
  busy,
  onPick,
  onSubmit,
  texts,
  testId,
}: {
  accept: string;
  file: File | null;
  busy: boolean;
  onPick: (file: File) => void;
  onSubmit: () => void;
  texts: { pick: string; hint: string; submit: string };
  /** Prefix of the parts' test ids: `-picker`, `-file`, `-submit`. */
  testId: string;
}) {
  const { fmt } = useI18n();
  return (
    <>
      <Upload.Dragger
        accept={accept}
        multiple={false}
        showUploadList={false}
        beforeUpload={(f) => {
          onPick(f);
          return false; // kept here until the user presses the button
        }}
        disabled={busy}
        data-testid={`${testId}-picker`}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{texts.pick}</p>
        <p className="ant-upload-hint">{texts.hint}</p>
      </Upload.Dragger>
      {file && (
        <Flex align="center" gap={12} wrap style={{ marginTop: 12 }}>
          <Typography.Text data-testid={`${testId}-file`}>
            {file.name}（{fmt.number(file.size / 1024, 1)} KB）
          </Typography.Text>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={busy}
            onClick={onSubmit}
            data-testid={`${testId}-submit`}
          >
            {texts.submit}
          </Button>
        </Flex>
      )}
    </>
  );
}
