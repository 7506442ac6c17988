import { useState } from 'react';
import { Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../admin/imports/api';
import { ImportWizard } from '../admin/imports/ImportWizard';
import { can, useCurrentUser } from '../auth/session';
import { tradeKeys } from './api';

/** The platform importer of daily index prices (server trade/index-importer.ts). The wizard's ImportKind names only the core's kinds. */
const INDEX_IMPORT = 'trade_index_prices' as string as ImportKind;

/** The operator's "import index prices" (trade.operate): the template, the per-row report, the confirm. */
export function IndexImportButton() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (!can(me, 'trade.operate')) return null;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="index-import">
        {t('trade.indexImport.open')}
      </Button>
      <ImportWizard
        kind={INDEX_IMPORT}
        what={t('trade.indexImport.what')}
        open={open}
        onClose={() => setOpen(false)}
        invalidate={[tradeKeys.all]}
        previewLabels={{ index: t('trade.indexImport.index'), day: t('trade.indexImport.day'), price: t('trade.indexImport.price') }}
      />
    </>
  );
}
