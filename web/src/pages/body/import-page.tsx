// /body/import: the certificate spreadsheet (证书报送), written to submitCertificates as the body's own.
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import type { CertificateInput } from '../../api/schema.generated';
import { usePageTitle } from '../../components/page-title';
import { SpreadsheetUpload } from '../../components/spreadsheet-upload/spreadsheet-upload';
import { CERTIFICATE_TEMPLATE } from '../../components/spreadsheet-upload/templates';
import { useI18n } from '../../i18n';
import { SubmitCertificatesDocument } from './body.generated';
import '../workplace.css';

/** submitCertificates' limit (rows per request). */
const MAX_CERTIFICATE_ROWS = 10000;

export default function BodyImportPage() {
  const { t } = useI18n();
  const client = useApolloClient();
  const [submit] = useMutation(SubmitCertificatesDocument);
  usePageTitle(t('body.import.title'));
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('body.import.title')}</h1>
        <Link to="/body">{t('body.import.back')}</Link>
      </div>
      <p className="intro">{t('body.import.intro')}</p>
      <div className="panel">
        <SpreadsheetUpload
          template={CERTIFICATE_TEMPLATE}
          maxRows={MAX_CERTIFICATE_ROWS}
          send={async (rows, dryRun) => {
            const { data } = await submit({ variables: { dryRun, rows: rows as unknown as CertificateInput[] } });
            return data!.submitCertificates;
          }}
          onWritten={() => void client.refetchQueries({ include: ['CertificatesIssued'] })}
        />
      </div>
    </div>
  );
}
