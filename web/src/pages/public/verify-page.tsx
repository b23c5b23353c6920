import { useApolloClient } from '@apollo/client/react';
import { Alert, Button, Descriptions, Form, Input } from 'antd';
import { useState } from 'react';
import { type Explained, explainError } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { PublicShell } from '../../components/public-shell';
import { formatDate } from '../../format';
import { enumLabel, type Lang, type Translate, useI18n } from '../../i18n';
import { VerifyCertificateDocument, type VerifyCertificateQuery } from './verify.generated';

type Verification = VerifyCertificateQuery['verifyCertificate'];

/** The answer in words, starting 有效 / 已过期 / 已撤销 / 未查到 (pages.md). */
function verdict(result: Verification, t: Translate, lang: Lang): string {
  if (!result.matched || !result.status) return t('verify.notFound');
  const employerRecorded = result.source === 'EMPLOYER_RECORDED';
  let text: string;
  if (result.status === 'VALID') text = t(employerRecorded ? 'verify.validEmployerRecorded' : 'verify.valid');
  else if (result.status === 'EXPIRED')
    text = t('verify.expired', { date: result.expiresOn ? formatDate(result.expiresOn, lang) : '' });
  else text = result.supersededBy ? t('verify.superseded', { number: result.supersededBy }) : t('verify.revoked');
  return employerRecorded && result.status !== 'VALID' ? `${text} ${t('verify.employerRecorded')}` : text;
}

/** Public: anyone checks a certificate by its number and the holder's name, and reads the answer in words. */
export default function VerifyPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('verify.title'));
  const client = useApolloClient();
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [problem, setProblem] = useState<Explained | null>(null);
  const [form] = Form.useForm<{ certificateNumber: string; name: string }>();

  const onFinish = async ({ certificateNumber, name }: { certificateNumber: string; name: string }) => {
    setLoading(true);
    setProblem(null);
    setResult(null);
    try {
      const { data } = await client.query({
        query: VerifyCertificateDocument,
        variables: { certificateNumber: certificateNumber.trim(), name: name.trim() },
        fetchPolicy: 'network-only',
      });
      if (data) setResult(data.verifyCertificate);
    } catch (error) {
      setProblem(explainError(error, t, ['certificateNumber', 'name']));
    } finally {
      setLoading(false);
    }
  };

  const checkReplacement = (number: string) => {
    form.setFieldValue('certificateNumber', number);
    form.submit();
  };
  return (
    <PublicShell>
      <div className="panel narrow-card">
        <h1>{t('verify.title')}</h1>
        <p className="intro">{t('verify.intro')}</p>
        {problem && problem.top.length > 0 && (
          <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
        )}
        <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={loading}>
          <Form.Item
            label={t('verify.number')}
            name="certificateNumber"
            rules={[
              { required: true, whitespace: true, message: t('error.fieldRequired', { field: t('verify.number') }) },
            ]}
            validateStatus={problem?.fields.certificateNumber ? 'error' : undefined}
            help={problem?.fields.certificateNumber}
          >
            <Input size="large" autoComplete="off" spellCheck={false} maxLength={64} />
          </Form.Item>
          <Form.Item
            label={t('verify.name')}
            name="name"
            rules={[
              { required: true, whitespace: true, message: t('error.fieldRequired', { field: t('verify.name') }) },
            ]}
            validateStatus={problem?.fields.name ? 'error' : undefined}
            help={problem?.fields.name}
          >
            <Input size="large" autoComplete="off" maxLength={64} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={loading}>
            {t('verify.submit')}
          </Button>
        </Form>
        <div role="status" aria-live="polite" className="verdict">
          {result && (
            <div className={`verdict-box verdict-${result.matched ? result.status?.toLowerCase() : 'none'}`}>
              <p className="verdict-text">{verdict(result, t, lang)}</p>
              {result.supersededBy && (
                <p>
                  <Button type="primary" ghost onClick={() => checkReplacement(result.supersededBy!)}>
                    {t('verify.checkReplacement', { number: result.supersededBy })}
                  </Button>
                </p>
              )}
              {result.matched && (
                <Descriptions column={1} size="small" bordered>
                  {result.kind && (
                    <Descriptions.Item label={t('verify.kind')}>
                      {enumLabel(t, 'CertificateKind', result.kind)}
                    </Descriptions.Item>
                  )}
                  {result.levelName && (
                    <Descriptions.Item label={t('verify.level')}>{result.levelName}</Descriptions.Item>
                  )}
                  {result.holderNameMasked && (
                    <Descriptions.Item label={t('verify.holder')}>{result.holderNameMasked}</Descriptions.Item>
                  )}
                  {result.issuingBodyName && (
                    <Descriptions.Item
                      label={t(result.source === 'EMPLOYER_RECORDED' ? 'verify.issuerAsRecorded' : 'verify.issuer')}
                    >
                      {result.issuingBodyName}
                    </Descriptions.Item>
                  )}
                  {result.issuedOn && (
                    <Descriptions.Item label={t('verify.issuedOn')}>
                      {formatDate(result.issuedOn, lang)}
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('verify.expiresOn')}>
                    {result.expiresOn ? formatDate(result.expiresOn, lang) : t('verify.noExpiry')}
                  </Descriptions.Item>
                  {result.supersededBy && (
                    <Descriptions.Item label={t('verify.replacement')}>{result.supersededBy}</Descriptions.Item>
                  )}
                </Descriptions>
              )}
            </div>
          )}
        </div>
        <p className="hint">{t('verify.rateLimitNote')}</p>
      </div>
    </PublicShell>
  );
}
