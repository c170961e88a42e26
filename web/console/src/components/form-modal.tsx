// A form in a modal dialog, the console's one way to edit a record: Save submits the form, the
// server's answer is awaited with the button spinning, success is announced and the caller told,
// and a refusal is shown — with each issue under its own field when the form has that field.
import { App, Modal, type FormInstance } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useShowError } from './use-show-error.tsx';

/**
 * Runs `save` with the form's values: `saving` while it runs; on success a message (the string
 * `save` returns, or "saved") and `onSaved`; on failure the error, mapped onto the form's fields.
 */
export function useFormSave<V>(
  form: FormInstance<V>,
  save: (values: V) => Promise<string | void>,
  onSaved?: () => void,
): { saving: boolean; submit: (values: V) => void } {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const submit = useCallback(
    (values: V) => {
      setSaving(true);
      save(values)
        .then((text) => {
          void message.success(text ?? t('admin.common.saved'));
          onSaved?.();
        })
        .catch((e: unknown) => showError(e, form))
        .finally(() => setSaving(false));
    },
    [form, save, onSaved, message, showError, t],
  );
  return { saving, submit };
}

export function FormModal({
  title,
  form,
  saving,
  onClose,
  width = 600,
  okText,
  okTestId,
  children,
}: {
  title: ReactNode;
  form: FormInstance;
  saving: boolean;
  onClose: () => void;
  width?: number;
  okText?: string;
  okTestId?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={width}
      okButtonProps={okTestId ? { 'data-testid': okTestId } : {}}
    >
      {children}
    </Modal>
  );
}
