// What the training page's tabs share: the create-or-edit form drawer and its save outcome, toasts, date and rule
// helpers.
import type { ReactNode } from 'react';
import { App as AntApp, Button, type Form } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../api/errors';
import { FormDrawer, useSaveOutcome } from '../../../shell/FormDrawer';

export const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
export const required = (t: TFunction, field: string) => [{ required: true, message: t('common.required', { field }) }];

export function useToast() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  return { ok: (text: string) => void message.success(text), fail: (err: unknown) => void message.error(errorText(err, t)) };
}

/** What a create-or-edit form drawer shows: nothing (closed), a new record, or the record to edit. */
export type FormTarget<T> = T | 'new' | null;
export const editedOf = <T,>(target: FormTarget<T>): T | null => (target && target !== 'new' ? target : null);

/** A class's, workshop's or post's form in the shared form drawer: "new" or the record being edited. */
export function TrainingDrawer({
  target,
  onClose,
  form,
  titles,
  saving,
  children,
}: {
  target: FormTarget<unknown>;
  onClose: () => void;
  form: ReturnType<typeof Form.useForm>[0];
  titles: [string, string];
  saving: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormDrawer open={!!target} onClose={onClose} title={t(titles[target === 'new' ? 0 : 1])} saving={saving} onSave={() => form.submit()} saveTestId="form-save">
      {children}
    </FormDrawer>
  );
}
/** A form's save outcome: field errors of a 400 onto their fields; a success toasts (created or updated) and closes. */
export function useSaved(form: ReturnType<typeof Form.useForm>[0], target: FormTarget<unknown>, onClose: () => void, done: [string, string]) {
  const { t } = useTranslation();
  const outcome = useSaveOutcome(form, onClose);
  return { onSuccess: () => outcome.saved(t(done[target === 'new' ? 0 : 1])), onError: outcome.failed };
}
export const EditButton = ({ onClick }: { onClick: () => void }) => {
  const { t } = useTranslation();
  return (
    <Button size="small" icon={<EditOutlined />} onClick={onClick} data-testid="record-edit">
      {t('common.edit')}
    </Button>
  );
};
