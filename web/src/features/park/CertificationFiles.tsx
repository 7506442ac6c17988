import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, List, Popconfirm, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CERT_FILE_ACCEPT, CERT_FILE_LIMITS } from '@gearbridge/contracts/park/documents';
import { errorText, fieldText } from '../../api/errors';
import { isApiError } from '../../api/client';
import { can, useCurrentUser } from '../auth/session';
import { formatDateTime } from '../admin/common/format';
import { downloadCertFile, parkKeys, uploadCertFile, useCertFiles, useDeleteCertFile } from './api';
import type { CertFile, Certification } from './types';
import { usePhone } from '../shell/useViewport';

const MB = CERT_FILE_LIMITS.bytes / 1048576;

/**
 * A certification's documents as files: the enterprise itself and the park officer over it list, download, attach
 * and — while the certification is not decided — delete them (the server enforces all of it; this only hides what
 * it would refuse). Nobody else sees the card.
 */
export function CertificationFiles({ cert }: { cert: Certification }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const phone = usePhone();
  const qc = useQueryClient();
  const own = me.user.orgId === cert.orgId;
  const officer = !me.platformAdmin && can(me, 'park.manage');
  const mayRead = own || officer;
  const open = cert.status === 'applied' || cert.status === 'under_review';
  const mayChange = open && ((own && can(me, 'park.apply')) || officer);
  const list = useCertFiles(cert.id, mayRead);
  const remove = useDeleteCertFile();
  const [busy, setBusy] = useState(false);
  if (!mayRead || (list.error && isApiError(list.error) && list.error.status === 403)) return null;

  const upload = async (files: File[]) => {
    setBusy(true);
    try {
      for (const f of files) {
        if (f.size > CERT_FILE_LIMITS.bytes) {
          void message.error(t('park.files.tooLarge', { name: f.name, mb: MB }));
          continue;
        }
        try {
          await uploadCertFile(cert.id, f);
          void message.success(t('park.files.uploaded', { name: f.name }));
        } catch (e) {
          // The field's own message says what is wrong with the file (its type, its name); the summary only names the field.
          const reason = (isApiError(e) && (fieldText(e, 'file') ?? fieldText(e, 'fileName'))) || errorText(e, t);
          void message.error(t('park.files.failed', { name: f.name, reason }));
        }
      }
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: parkKeys.certFiles(cert.id) });
    }
  };
  const download = (f: CertFile) => downloadCertFile(f).catch((e) => void message.error(errorText(e, t)));
  return (
    <Card
      size="small"
      title={t('park.files.title')}
      style={{ marginTop: 16 }}
      data-testid="park-cert-files"
      extra={
        mayChange && (
          <Upload
            accept={CERT_FILE_ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file, all) => {
              // Called once per file: send the batch with the last one.
              if (file === all[all.length - 1]) void upload(all);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="park-cert-file-attach">
              {t('park.files.attach')}
            </Button>
          </Upload>
        )
      }
    >
      {mayChange && <Typography.Paragraph type="secondary">{t('park.files.hint', { mb: MB, max: CERT_FILE_LIMITS.perCertification })}</Typography.Paragraph>}
      {list.data && list.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('park.files.none')} />
      ) : (
        <List<CertFile>
          size="small"
          // On a phone the actions go under the name, which then has the card's width.
          itemLayout={phone ? 'vertical' : 'horizontal'}
          loading={list.isPending}
          dataSource={list.data ?? []}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button key="dl" type="link" size="small" icon={<DownloadOutlined />} onClick={() => void download(f)} data-testid="park-cert-file-download">
                  {t('park.files.download')}
                </Button>,
                ...(mayChange
                  ? [
                      <Popconfirm
                        key="del"
                        title={t('park.files.deleteConfirm', { name: f.fileName })}
                        okText={t('park.files.delete')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() =>
                          remove.mutateAsync({ certId: cert.id, id: f.id }).then(
                            () => void message.success(t('park.files.deleted', { name: f.fileName })),
                            (e) => void message.error(errorText(e, t)),
                          )
                        }
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="park-cert-file-delete">
                          {t('park.files.delete')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={<PaperClipOutlined />}
                title={<span className="gb-park-file-name">{f.fileName}</span>}
                description={`${f.kind.toUpperCase()} · ${t('park.files.kb', { n: Math.max(1, Math.round(f.sizeBytes / 1024)) })} · ${t('park.files.uploadedBy', { name: f.uploadedBy ?? '—', at: formatDateTime(f.uploadedAt) })}`}
              />
            </List.Item>
          )}
        />
      )}
      <Typography.Text type="secondary">{open ? t('park.files.readers') : t('park.files.sealed')}</Typography.Text>
    </Card>
  );
}
