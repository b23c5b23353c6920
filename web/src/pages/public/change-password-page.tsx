import { useMutation } from '@apollo/client/react';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { type Explained, explainError } from '../../api/errors';
import { ChangePasswordDocument } from '../../api/session.generated';
import { AppShell } from '../../components/app-shell';
import { usePageTitle } from '../../components/page-title';
import { useI18n } from '../../i18n';
import { homeOf, sessionStore, useSession } from '../../session';

const FIELDS = ['oldPassword', 'newPassword'] as const;

/** Any signed-in user; the only page for one whose password was reset, until it is changed. */
export default function ChangePasswordPage() {
  const { t } = useI18n();
  usePageTitle(t('password.title'));
  const navigate = useNavigate();
  const { session } = useSession();
  const [problem, setProblem] = useState<Explained | null>(null);
  const [change, { loading }] = useMutation(ChangePasswordDocument);
  if (!session) return <Navigate to="/login" replace state={{ from: '/change-password' }} />;

  const onFinish = async ({ oldPassword, newPassword }: { oldPassword: string; newPassword: string }) => {
    setProblem(null);
    try {
      const { data } = await change({ variables: { oldPassword, newPassword } });
      if (!data) return;
      // The API ends every other session and hands this one a new token.
      sessionStore.signIn(data.changePassword.accessToken, data.changePassword.user);
      navigate(homeOf(data.changePassword.user), { replace: true, state: { notice: 'passwordChanged' } });
    } catch (error) {
      setProblem(explainError(error, t, FIELDS));
    }
  };

  return (
    <AppShell>
      <div className="panel narrow-card">
        <h1>{t('password.title')}</h1>
        {session.user.mustChangePassword && (
          <Alert className="form-alert" type="warning" showIcon title={t('password.mustChange')} />
        )}
        {problem && problem.top.length > 0 && (
          <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
        )}
        <Form layout="vertical" requiredMark={false} onFinish={onFinish} disabled={loading}>
          <Form.Item
            label={t('password.old')}
            name="oldPassword"
            rules={[{ required: true, message: t('error.fieldRequired', { field: t('password.old') }) }]}
            validateStatus={problem?.fields.oldPassword ? 'error' : undefined}
            help={problem?.fields.oldPassword}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Form.Item
            label={t('password.new')}
            name="newPassword"
            dependencies={['oldPassword']}
            extra={t('password.newHint')}
            rules={[
              { required: true, message: t('error.fieldRequired', { field: t('password.new') }) },
              { min: 8, message: t('password.tooShort') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value && value === getFieldValue('oldPassword')
                    ? Promise.reject(new Error(t('password.sameAsOld')))
                    : Promise.resolve(),
              }),
            ]}
            validateStatus={problem?.fields.newPassword ? 'error' : undefined}
            help={problem?.fields.newPassword}
          >
            <Input.Password autoComplete="new-password" size="large" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={loading}>
            {t('password.submit')}
          </Button>
        </Form>
      </div>
    </AppShell>
  );
}
