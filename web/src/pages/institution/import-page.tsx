// /institution/import: the staff spreadsheet (人员登记), written to registerStaffBatch for the admin's own
// institution (the file never names it).
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/page-title';
import { SpreadsheetUpload } from '../../components/spreadsheet-upload/spreadsheet-upload';
import { STAFF_TEMPLATE } from '../../components/spreadsheet-upload/templates';
import type { RegisterStaffInput } from '../../api/schema.generated';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { RegisterStaffBatchDocument } from './institution.generated';
import '../workplace.css';

/** registerStaffBatch's limit (rows per request). */
const MAX_STAFF_ROWS = 5000;

export default function InstitutionImportPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const client = useApolloClient();
  const institutionId = session?.user.institutionId ?? '';
  const [registerBatch] = useMutation(RegisterStaffBatchDocument);
  usePageTitle(t('institution.import.title'));
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('institution.import.title')}</h1>
        <Link to="/institution">{t('institution.import.back')}</Link>
      </div>
      <p className="intro">{t('institution.import.intro')}</p>
      <div className="panel">
        <SpreadsheetUpload
          template={STAFF_TEMPLATE}
          maxRows={MAX_STAFF_ROWS}
          send={async (rows, dryRun) => {
            const { data } = await registerBatch({
              variables: {
                dryRun,
                rows: rows.map((r) => ({ ...r, institutionId }) as unknown as RegisterStaffInput),
              },
            });
            return data!.registerStaffBatch;
          }}
          onWritten={() => void client.refetchQueries({ include: ['InstitutionHome', 'Staff'] })}
        />
      </div>
    </div>
  );
}
