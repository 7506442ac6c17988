import { api } from '../../../api/client';
import type { ImportConfirmed, ImportReport } from '../../../api/types';
import { excelLang } from '../../../i18n';

export type ImportKind = 'organisations' | 'users';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const downloadTemplate = (kind: ImportKind) => api.download(`/imports/${kind}/template`, { lang: excelLang() }, `${kind}-template.xlsx`);

/** Sends the raw sheet; the server checks every row and stores a pending job. Nothing is written yet. */
export const uploadSheet = (kind: ImportKind, file: File) => api.upload<ImportReport>(`/imports/${kind}`, file, XLSX_MIME, { fileName: file.name });
export const confirmImport = (id: string) => api.post<ImportConfirmed>(`/imports/${id}/confirm`);
export const discardImport = (id: string) => api.delete(`/imports/${id}`);
