import type { ReactNode } from 'react';
import { App as AntApp, Button, Drawer, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { drawerSize } from '../admin/common/format';
import { usePhone } from './useViewport';

/**
 * The drawer every create/edit form uses: full width on a phone, Cancel and Save at the bottom (Save shows that
 * it is busy). `readOnly` leaves only a Close button.
 */
export function FormDrawer({
  open,
  onClose,
  title,
  saving,
  onSave,
  saveTestId,
  cancelTestId,
  readOnly = false,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  saving: boolean;
  onSave: () => void;
  saveTestId?: string;
  cancelTestId?: string;
  readOnly?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const mobile = usePhone();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={drawerSize(mobile)}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} data-testid={cancelTestId}>
            {readOnly ? t('common.close') : t('common.cancel')}
          </Button>
          {!readOnly && (
            <Button type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}

/**
 * A save's outcome for a form: on success a message and `done` (close the drawer); on failure the server's field
 * errors on their fields, anything else as a message.
 */
export function useSaveOutcome(form: FormInstance, done: () => void) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  return {
    saved(text: string) {
      message.success(text);
      done();
    },
    failed(err: unknown) {
      if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
    },
  };
}
