import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { type Explained, explainError } from '../../api/errors';
import { RegionsDocument } from '../../api/regions.generated';
import { usePageTitle } from '../../components/page-title';
import { PublicShell } from '../../components/public-shell';
import { useI18n } from '../../i18n';
import { LargeType } from '../volunteer/large-type';
import { SignUpVolunteerDocument } from './signup.generated';

interface Values {
  name: string;
  idNumber: string;
  phone: string;
  regionCode: string;
  username: string;
  password: string;
}

/**
 * A volunteer signs up, on a phone as easily as on a computer. Any mismatch gets the API's one generic answer (it
 * reveals nothing about whose ID number is stored); the page says what to check and what to do next.
 */
export default function SignupPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('volunteer.signup.title'));
  const regions = useQuery(RegionsDocument, { fetchPolicy: 'cache-first' });
  const [register, { loading }] = useMutation(SignUpVolunteerDocument);
  const [problem, setProblem] = useState<Explained | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const options = useMemo(
    () =>
      (regions.data?.regions ?? [])
        .filter((r) => r.kind !== 'FUNCTIONAL_ZONE')
        .map((r) => ({ value: r.code, label: lang === 'zh-CN' ? r.nameZh : r.nameEn })),
    [regions.data, lang],
  );
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('error.fieldRequired', { field }) },
  ];

  const onFinish = async (v: Values) => {
    setProblem(null);
    try {
      const { data } = await register({
        variables: {
          input: {
            name: v.name.trim(),
            idNumber: v.idNumber.trim().toUpperCase(),
            phone: v.phone.trim(),
            regionCode: v.regionCode,
            username: v.username.trim(),
            password: v.password,
          },
        },
      });
      if (data) setDone(data.registerVolunteer.username);
    } catch (error) {
      setProblem(explainError(error, t));
    }
  };

  return (
    <PublicShell>
      <LargeType>
        <div className="vt-card">
          <h1>{t('volunteer.signup.title')}</h1>
          {done ? (
            <div role="status">
              <p className="vt-confirm-effect">{t('volunteer.signup.done', { username: done })}</p>
              <p>{t('volunteer.signup.next1')}</p>
              <p>{t('volunteer.signup.next2')}</p>
              <Link className="vt-action vt-action-primary" to="/login">
                {t('volunteer.signup.toLogin')}
              </Link>
            </div>
          ) : (
            <>
              <p>{t('volunteer.signup.intro')}</p>
              {problem && problem.top.length > 0 && (
                <Alert
                  className="form-alert"
                  type="error"
                  showIcon
                  title={problem.top.join(' ')}
                  description={problem.code === 'BAD_USER_INPUT' ? t('volunteer.signup.mismatchHelp') : undefined}
                />
              )}
              <Form<Values> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={loading}>
                <Form.Item label={t('volunteer.signup.name')} name="name" rules={required(t('volunteer.signup.name'))}>
                  <Input size="large" autoComplete="name" />
                </Form.Item>
                <Form.Item
                  label={t('volunteer.signup.idNumber')}
                  name="idNumber"
                  rules={required(t('volunteer.signup.idNumber'))}
                  extra={t('volunteer.signup.idHint')}
                >
                  <Input size="large" autoComplete="off" maxLength={18} />
                </Form.Item>
                <Form.Item
                  label={t('volunteer.signup.phone')}
                  name="phone"
                  rules={required(t('volunteer.signup.phone'))}
                >
                  <Input size="large" type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
                </Form.Item>
                <Form.Item
                  label={t('volunteer.signup.region')}
                  name="regionCode"
                  rules={[
                    { required: true, message: t('error.fieldRequired', { field: t('volunteer.signup.region') }) },
                  ]}
                >
                  <Select
                    size="large"
                    showSearch={{ optionFilterProp: 'label' }}
                    options={options}
                    placeholder={t('volunteer.signup.regionPlaceholder')}
                  />
                </Form.Item>
                <Form.Item
                  label={t('volunteer.signup.username')}
                  name="username"
                  rules={required(t('volunteer.signup.username'))}
                  extra={t('volunteer.signup.usernameHint')}
                >
                  <Input size="large" autoComplete="username" autoCapitalize="none" />
                </Form.Item>
                <Form.Item
                  label={t('volunteer.signup.password')}
                  name="password"
                  rules={[...required(t('volunteer.signup.password')), { min: 8, message: t('password.tooShort') }]}
                  extra={t('volunteer.signup.passwordHint')}
                >
                  <Input.Password size="large" autoComplete="new-password" maxLength={128} />
                </Form.Item>
                <Button type="primary" htmlType="submit" size="large" block loading={loading}>
                  {t('volunteer.signup.submit')}
                </Button>
              </Form>
              <p className="vt-muted" style={{ marginTop: 16 }}>
                {t('volunteer.signup.noPhone')}
              </p>
              <p>
                <Link to="/login">{t('volunteer.signup.haveAccount')}</Link>
              </p>
            </>
          )}
        </div>
      </LargeType>
    </PublicShell>
  );
}
