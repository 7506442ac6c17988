import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { ClusterOutlined, LockOutlined, SafetyCertificateOutlined, ShopOutlined, SolutionOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { clearSessionExpired, sessionExpired } from '../../api/queryClient';
import { errorText } from '../../api/errors';
import type { LoginInput } from '../../api/types';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { Logo } from '../shell/Brand';
import { useLogin, useMe } from './session';

/** Only same-site paths: `next` comes from the address bar and must not send anyone elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginInput>();
  // Kept as data, not text, so the message follows a language switch.
  const [failure, setFailure] = useState<{ kind: 'wrong' } | { kind: 'limited'; minutes: number | null } | { kind: 'other'; err: unknown } | null>(null);
  const next = safeNext(params.get('next'));
  const [expired] = useState(sessionExpired);
  useEffect(() => clearSessionExpired(), []);

  if (me) return <Navigate to={next} replace />;

  const submit = (values: LoginInput) => {
    setFailure(null);
    login.mutate(values, {
      onSuccess: () => navigate(next, { replace: true }),
      onError: (err) => {
        if (isApiError(err) && err.status === 429) {
          setFailure({ kind: 'limited', minutes: err.retryAfter ? Math.max(1, Math.ceil(err.retryAfter / 60)) : null });
        } else if (isApiError(err) && err.status === 401) {
          setFailure({ kind: 'wrong' });
          form.setFieldValue('password', '');
        } else {
          setFailure({ kind: 'other', err });
        }
      },
    });
  };

  const failureText =
    failure?.kind === 'wrong'
      ? t('auth.wrongCredentials')
      : failure?.kind === 'limited'
        ? failure.minutes
          ? t('auth.tooMany', { minutes: failure.minutes })
          : t('auth.tooManySoon')
        : failure
          ? errorText(failure.err, t)
          : null;

  const features = [
    { icon: <ClusterOutlined />, text: t('auth.heroItems.factory') },
    { icon: <TeamOutlined />, text: t('auth.heroItems.labor') },
    { icon: <SolutionOutlined />, text: t('auth.heroItems.talent') },
    { icon: <ShopOutlined />, text: t('auth.heroItems.park') },
  ];

  return (
    <div className="gb-login">
      <aside className="gb-login__hero">
        <div className="gb-login__brand">
          <Logo size={40} />
          <div>
            <div className="gb-login__product">{t('app.name')}</div>
            <div className="gb-login__product-sub">{t('app.shortName')}</div>
          </div>
        </div>
        <div className="gb-login__pitch">
          <h1 className="gb-login__title">{t('auth.heroTitle')}</h1>
          <p className="gb-login__tagline">{t('app.tagline')}</p>
          <ul className="gb-login__features">
            {features.map((f) => (
              <li key={f.text}>
                <span className="gb-login__feature-icon">{f.icon}</span>
                <span>{f.text}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="gb-login__foot">
          <SafetyCertificateOutlined /> {t('auth.openSource')}
        </div>
      </aside>
      <main className="gb-login__panel">
        <div className="gb-login__lang">
          <LanguageSwitch variant="segmented" />
        </div>
        <div className="gb-login__card">
          <div className="gb-login__mobile-brand">
            <Logo size={36} />
            <div>
              <div className="gb-login__product gb-login__product--dark">{t('app.fullName')}</div>
              <div className="gb-login__tagline gb-login__tagline--dark">{t('app.tagline')}</div>
            </div>
          </div>
          <Typography.Title level={2} className="gb-login__welcome">
            {t('auth.welcome')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="gb-login__welcome-sub">
            {t('auth.welcomeSub')}
          </Typography.Paragraph>
          {expired && !failureText && <Alert type="info" showIcon title={t('auth.sessionExpired')} className="gb-login__error" />}
          {failureText && <Alert type="error" showIcon title={failureText} className="gb-login__error" data-testid="login-error" role="alert" />}
          <Form<LoginInput>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            size="large"
            data-testid="login-form"
            onValuesChange={() => failure && setFailure(null)}
          >
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernamePlaceholder') }]}>
              <Input prefix={<UserOutlined />} placeholder={t('auth.usernamePlaceholder')} autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordPlaceholder') }]}>
              <Input.Password prefix={<LockOutlined />} placeholder={t('auth.passwordPlaceholder')} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('auth.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="gb-login__hint">
            {t('auth.noAccount')}
          </Typography.Paragraph>
        </div>
        <footer className="gb-login__copyright">{t('app.footer')}</footer>
      </main>
    </div>
  );
}
