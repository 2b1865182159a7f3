import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiFailure } from '../../contract';
import { errorMessage, findFormField, isUnauthenticated, messageForField, type FieldPath } from './apiErrors';

/**
 * Shows a failure where the user can act on it: on the form field the core named, otherwise as a
 * message. An ended session is left to the session watch, which returns to the login screen.
 */
export function useApiError() {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance, requestPrefix: FieldPath = []) => {
      if (isUnauthenticated(error)) return;
      if (form && error instanceof ApiFailure && error.field) {
        const registered = form.getFieldsError().map((f) => f.name as FieldPath);
        const target = findFormField(error.field, registered, requestPrefix);
        if (target) {
          form.setFields([{ name: target, errors: [messageForField(error.message, error.field)] }]);
          form.scrollToField(target, { block: 'center' });
          form.focusField(target);
          return;
        }
      }
      void message.error(errorMessage(error));
    },
    [message],
  );
}
