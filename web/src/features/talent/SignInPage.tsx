import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyFieldErrors, errorText } from '../../api/errors';
import { chinaTime } from '../admin/common/format';
import type { PublicActivity, SignInInput, SignInResult } from './types';
import './talent.css';

/**
 * The page a QR code opens on a participant's phone: no account — name, unit and phone, once per phone. The server
 * refuses outside the activity's window and past its rate limits (docs/talent.md, "Activities and outcomes").
 */
export default function SignInPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [form] = Form.useForm<SignInInput>();
  const [done, setDone] = useState<SignInResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const activity = useQuery({ queryKey: ['talent', 'public', token], queryFn: () => api.get<PublicActivity>(`/talent/public/signin/${token}`), retry: false });
  const submit = useMutation({
    mutationFn: (v: SignInInput) => api.post<SignInResult>(`/talent/public/signin/${token}`, v),
    onMutate: () => setFailure(null),
    onSuccess: setDone,
    onError: (err) => {
      if (!applyFieldErrors(form, err)) setFailure(errorText(err, t));
    },
  });
  const a = activity.data;
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <div className="gb-talent-signin" data-testid="signin-page">
      <Card>
        {activity.isPending ? (
          <Spin />
        ) : !a ? (
          <Result status="warning" title={errorText(activity.error, t)} />
        ) : done ? (
          <Result
            status="success"
            title={done.already ? t('talent.signin.already') : t('talent.signin.done')}
            subTitle={t('talent.signin.count', { count: done.count })}
            data-testid="signin-done"
          />
        ) : (
          <>
            <h2 className="gb-talent-signin__title">{a.title}</h2>
            <div className="gb-muted">
              {t(`talent.activity.kind.${a.kind}`)} · {a.orgName} · {a.venue}
            </div>
            <div className="gb-muted">
              {chinaTime(a.startsAt, false)} — {chinaTime(a.endsAt, false)}
            </div>
            {a.state !== 'open' ? (
              <Alert
                type="warning"
                showIcon
                className="gb-talent-hint"
                message={
                  a.state === 'closed' ? t('talent.signin.closedAt', { time: chinaTime(a.closesAt, false) }) : t('talent.signin.opensAt', { time: chinaTime(a.opensAt, false) })
                }
              />
            ) : (
              <Form<SignInInput> form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} requiredMark={false} style={{ marginTop: 16 }}>
                <Form.Item name="name" label={t('talent.signin.name')} rules={[required(t('talent.signin.name'))]}>
                  <Input maxLength={30} autoComplete="name" data-testid="signin-name" />
                </Form.Item>
                <Form.Item name="unit" label={t('talent.signin.unit')} rules={[required(t('talent.signin.unit'))]}>
                  <Input maxLength={60} autoComplete="organization" data-testid="signin-unit" />
                </Form.Item>
                <Form.Item
                  name="phone"
                  label={t('talent.signin.phone')}
                  extra={t('talent.signin.phoneHint')}
                  rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('talent.person.phoneRule') }]}
                >
                  <Input inputMode="numeric" maxLength={11} autoComplete="tel" data-testid="signin-phone" />
                </Form.Item>
                {failure && <Alert type="error" showIcon className="gb-talent-hint" message={failure} data-testid="signin-error" />}
                <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending} data-testid="signin-submit">
                  {t('talent.signin.submit')}
                </Button>
              </Form>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
