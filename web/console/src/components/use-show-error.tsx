// Shows a failure in the user's language: the server's message and each field issue in a
// notification, and — given an antd form — the issues on the form fields they name.
// A lost session is not shown here: the auth provider already returns to the login.
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, fieldName } from '../api/api-error.ts';
import { errorText } from '../api/error-text.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function useShowError(): (err: unknown, form?: FormInstance) => void {
  const { notification } = App.useApp();
  const { lang, t } = useI18n();
  return useCallback(
    (err, form) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (err instanceof ApiError && err.status === 401 && err.code !== 'LOGIN_FAILED') return;
      if (form && err instanceof ApiError && err.issues.length) {
        const known = new Set(Object.keys(form.getFieldsValue(true) as object));
        const fields = err.issues
          .filter((i) => known.has(fieldName(i.field)))
          .map((i) => ({ name: fieldName(i.field), errors: [lang === 'en' ? i.en : i.zh] }));
        if (fields.length) form.setFields(fields);
      }
      const { title, lines } = errorText(err, { lang, t });
      notification.error({
        message: t('error.title'),
        description: (
          <>
            <div>{title}</div>
            {lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </>
        ),
      });
    },
    [notification, lang, t],
  );
}
