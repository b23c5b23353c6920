import { useApolloClient } from '@apollo/client/react';
import { Alert, Button, Descriptions, Form, Input } from 'antd';
import { useState } from 'react';
import { type Explained, explainError } from '../../api/errors';
import { usePageTitle } from '../../components/page-title';
import { PublicShell } from '../../components/public-shell';
import { formatDate } from '../../format';
import { enumLabel, type MessageKey, useI18n } from '../../i18n';
import { VerifyCertificateDocument, type VerifyCertificateQuery } from './verify.generated';

type Verification = VerifyCertificateQuery['verifyCertificate'];

const VERDICT: Record<string, MessageKey> = {
  VALID: 'verify.valid',
  EXPIRED: 'verify.expired',
  REVOKED: 'verify.revoked',
};

/** Public: anyone checks a certificate by its number and the holder's name, and reads the answer in words. */
export default function VerifyPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('verify.title'));
  const client = useApolloClient();
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [problem, setProblem] = useState<Explained | null>(null);

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

  const verdict = result && (result.matched && result.status ? t(VERDICT[result.status]) : t('verify.notFound'));
  return (
    <PublicShell>
      <div className="panel narrow-card">
        <h1>{t('verify.title')}</h1>
        <p className="intro">{t('verify.intro')}</p>
        {problem && problem.top.length > 0 && (
          <Alert className="form-alert" type="error" showIcon title={problem.top.join(' ')} />
        )}
        <Form layout="vertical" requiredMark={false} onFinish={onFinish} disabled={loading}>
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
              <p className="verdict-text">{verdict}</p>
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
                    <Descriptions.Item label={t('verify.issuer')}>{result.issuingBodyName}</Descriptions.Item>
                  )}
                  {result.issuedOn && (
                    <Descriptions.Item label={t('verify.issuedOn')}>
                      {formatDate(result.issuedOn, lang)}
                    </Descriptions.Item>
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
