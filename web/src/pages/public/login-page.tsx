import { useMutation } from '@apollo/client/react';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { type Explained, explainError } from '../../api/errors';
import { LoginDocument } from '../../api/session.generated';
import { usePageTitle } from '../../components/page-title';
import { PublicShell } from '../../components/public-shell';
import { useI18n } from '../../i18n';
import { HOME, homeOf, sessionStore, type SessionUser, useSession } from '../../session';

const FIELDS = ['username', 'password'] as const;

/** Back to the page the user asked for before signing in, when it belongs to their role. */
function destination(user: SessionUser, from: unknown): string {
  const home = homeOf(user);
  if (user.mustChangePassword || typeof from !== 'string') return home;
  return from === HOME[user.role] || from.startsWith(`${HOME[user.role]}/`) || from.startsWith(`${HOME[user.role]}?`)
    ? from
    : home;
}

export default function LoginPage() {
  const { t } = useI18n();
  usePageTitle(t('login.title'));
  const location = useLocation();
  const { session, ended } = useSession();
  const [notice] = useState(ended);
  const [problem, setProblem] = useState<Explained | null>(null);
  const [login, { loading }] = useMutation(LoginDocument);
  useEffect(() => sessionStore.acknowledge(), []);

  const from = (location.state as { from?: unknown } | null)?.from;
  if (session) return <Navigate to={destination(session.user, from)} replace />;

  const onFinish = async ({ username, password }: { username: string; password: string }) => {
    setProblem(null);
    try {
      const { data } = await login({ variables: { username: username.trim(), password } });
      if (!data) return;
      // The page re-renders signed in and goes on to the destination.
      sessionStore.signIn(data.login.accessToken, data.login.user);
    } catch (error) {
      setProblem(explainError(error, t, FIELDS, { UNAUTHENTICATED: 'login.wrongCredentials' }));
    }
  };

  return (
    <PublicShell>
      <div className="panel narrow-card">
        <h1>{t('login.title')}</h1>
        <p className="intro">{t('login.intro')}</p>
        {notice === 'expired' && !problem && (
          <Alert className="form-alert" type="warning" showIcon title={t('error.sessionEnded')} />
        )}
        {notice === 'signedOut' && !problem && (
          <Alert className="form-alert" type="info" showIcon title={t('error.signedOut')} />
        )}
        {problem && problem.top.length > 0 && (
          <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
        )}
        <Form layout="vertical" requiredMark={false} onFinish={onFinish} disabled={loading}>
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[
              { required: true, whitespace: true, message: t('error.fieldRequired', { field: t('login.username') }) },
            ]}
            validateStatus={problem?.fields.username ? 'error' : undefined}
            help={problem?.fields.username}
          >
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('error.fieldRequired', { field: t('login.password') }) }]}
            validateStatus={problem?.fields.password ? 'error' : undefined}
            help={problem?.fields.password}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={loading}>
            {t('login.submit')}
          </Button>
        </Form>
        <div className="login-help">
          <h2>{t('volunteer.forgot.title')}</h2>
          <p>{t('volunteer.forgot.volunteers')}</p>
          <p>{t('volunteer.forgot.after')}</p>
          <p className="hint">{t('login.forgotPassword')}</p>
        </div>
        <p>
          <Link to="/signup">{t('volunteer.signup.link')}</Link>
        </p>
        <p>
          <Link to="/verify">{t('login.verifyLink')}</Link>
        </p>
      </div>
    </PublicShell>
  );
}
