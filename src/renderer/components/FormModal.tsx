import { Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';

export interface FormModalProps {
  open: boolean;
  title: ReactNode;
  okText: string;
  isDanger?: boolean;
  isPending: boolean;
  // The form's value type does not matter here: the modal only submits it and focuses a field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormInstance<any>;
  /** The field that takes focus when the modal opens, so typing can start at once. */
  focusField?: string;
  width?: number;
  onClose: () => void;
  children: ReactNode;
}

/** The modal around one form: OK submits it (as Enter does), the first field gets focus, closing forgets it. */
export function FormModal({ open, title, okText, isDanger, isPending, form, focusField, width, onClose, children }: FormModalProps) {
  return (
    <Modal
      title={title}
      open={open}
      width={width}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={isDanger ? { danger: true } : undefined}
      confirmLoading={isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen && focusField) form.focusField(focusField);
      }}
      forceRender
    >
      {children}
    </Modal>
  );
}
