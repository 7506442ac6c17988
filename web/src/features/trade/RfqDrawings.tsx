import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, List, Popconfirm, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_ACCEPT, ATTACHMENT_LIMITS } from '@gearbridge/contracts/trade/drawings';
import { errorText, fieldText } from '../../api/errors';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../admin/common/format';
import { tradeKeys } from './api';
import { downloadAttachment, uploadAttachment, useAttachments, useDeleteAttachment } from './files';
import type { Attachment, Rfq } from './types';

const MB = ATTACHMENT_LIMITS.bytes / 1048576;

/**
 * Uploads drawings one after the other, with a message for each: used by the RFQ form (after the RFQ is posted) and
 * the RFQ page. A file over the limit is refused before it is sent; the server checks the type by its content.
 */
export function useDrawingUpload() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = async (rfqId: string, files: File[]) => {
    setBusy(true);
    try {
      for (const f of files) {
        if (f.size > ATTACHMENT_LIMITS.bytes) {
          void message.error(t('trade.files.tooLarge', { name: f.name, mb: MB }));
          continue;
        }
        try {
          await uploadAttachment(rfqId, f);
          void message.success(t('trade.files.uploaded', { name: f.name }));
        } catch (e) {
          // The field's own message says what is wrong with the file (its type, its name); the summary only names the field.
          const reason = (isApiError(e) && (fieldText(e, 'file') ?? fieldText(e, 'fileName'))) || errorText(e, t);
          void message.error(t('trade.files.failed', { name: f.name, reason }));
        }
      }
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: tradeKeys.all });
    }
  };
  return { run, busy };
}

/** The RFQ's drawings with their downloads; the buyer attaches more while the RFQ is open. */
export function RfqDrawings({ rfq, mayRead, mayAttach }: { rfq: Rfq; mayRead: boolean; mayAttach: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const list = useAttachments(rfq.id, mayRead);
  const upload = useDrawingUpload();
  const remove = useDeleteAttachment();
  // The operator sees the RFQ but not its drawings (403): no card then.
  if (!mayRead || (list.error && isApiError(list.error) && list.error.status === 403)) return null;
  const download = (a: Attachment) => downloadAttachment(a).catch((e) => void message.error(errorText(e, t)));
  return (
    <Card
      size="small"
      title={t('trade.files.title')}
      data-testid="rfq-drawings"
      extra={
        mayAttach && (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file, all) => {
              // Called once per file: send the batch with the last one.
              if (file === all[all.length - 1]) void upload.run(rfq.id, all);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.busy} data-testid="drawing-attach">
              {t('trade.files.attach')}
            </Button>
          </Upload>
        )
      }
    >
      {mayAttach && <Typography.Paragraph type="secondary">{t('trade.files.hint', { mb: MB, max: ATTACHMENT_LIMITS.perRfq })}</Typography.Paragraph>}
      {list.data && list.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trade.files.none')} />
      ) : (
        <List<Attachment>
          size="small"
          loading={list.isPending}
          dataSource={list.data ?? []}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button key="dl" type="link" size="small" icon={<DownloadOutlined />} onClick={() => void download(a)} data-testid="drawing-download">
                  {t('trade.files.download')}
                </Button>,
                // Before the deadline the buyer deletes a drawing attached by mistake; from it on they are sealed.
                ...(mayAttach
                  ? [
                      <Popconfirm
                        key="del"
                        title={t('trade.files.deleteConfirm', { name: a.fileName })}
                        okText={t('trade.files.delete')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() =>
                          remove.mutateAsync({ rfqId: rfq.id, id: a.id }).then(
                            () => void message.success(t('trade.files.deleted', { name: a.fileName })),
                            (e) => void message.error(errorText(e, t)),
                          )
                        }
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="drawing-delete">
                          {t('trade.files.delete')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={<PaperClipOutlined />}
                title={<span className="gb-trade-file-name">{a.fileName}</span>}
                description={`${a.kind.toUpperCase()} · ${t('trade.files.kb', { n: Math.max(1, Math.round(a.sizeBytes / 1024)) })} · ${t('trade.files.uploadedBy', { name: a.uploadedBy ?? '—', at: formatDateTime(a.uploadedAt) })}`}
              />
            </List.Item>
          )}
        />
      )}
      <Typography.Text type="secondary">{t('trade.files.readers')}</Typography.Text>
    </Card>
  );
}
