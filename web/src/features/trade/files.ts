import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { excelLang } from '../../i18n';
import { tradeKeys, type CatalogueQuery } from './api';
import type { Attachment, CancelInput, Rfq, RfqQuery } from './types';

/** Drawings, cancelling and the Excel exports of the trade lists (server: rfq-files.routes.ts). */
export const useAttachments = (rfqId: string | undefined, enabled = true) =>
  useQuery({ queryKey: [...tradeKeys.all, 'rfq', rfqId, 'attachments'], queryFn: () => api.get<Attachment[]>(`/trade/rfqs/${rfqId}/attachments`), enabled: !!rfqId && enabled });
/** The buyer deletes a drawing before the deadline (sealed after it: 409); the lists refresh. */
export function useDeleteAttachment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ rfqId, id }: { rfqId: string; id: string }) => api.delete<{ ok: true }>(`/trade/rfqs/${rfqId}/attachments/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: tradeKeys.all }),
  });
}
/** The raw file as the body; the server finds its type by its content. */
export const uploadAttachment = (rfqId: string, file: File) =>
  api.upload<Attachment>(`/trade/rfqs/${rfqId}/attachments`, file, 'application/octet-stream', { fileName: file.name });
export const downloadAttachment = (a: Attachment) => api.download(`/trade/rfqs/${a.rfqId}/attachments/${a.id}`, undefined, a.fileName);
export const cancelRfq = (rfqId: string, input: CancelInput) => api.post<Rfq>(`/trade/rfqs/${rfqId}/cancel`, input);

const lang = () => ({ lang: excelLang() });
/** The catalogue's filters as the export's query (attr repeats). */
export function exportProducts(q: Omit<CatalogueQuery, 'page' | 'pageSize'>) {
  const p = new URLSearchParams();
  if (q.vertical) p.set('vertical', q.vertical);
  if (q.supplier) p.set('supplier', q.supplier);
  if (q.q) p.set('q', q.q);
  for (const a of q.attr) p.append('attr', a);
  p.set('lang', excelLang());
  return api.download(`/trade/products/export?${p.toString()}`, undefined, 'products.xlsx');
}
export const exportRfqs = (q: RfqQuery) => api.download('/trade/rfqs/export', { vertical: q.vertical, view: q.view, status: q.status, q: q.q, ...lang() }, 'rfqs.xlsx');
export const exportQuotes = (rfqId?: string) => api.download('/trade/quotes/export', { rfqId, ...lang() }, 'quotes.xlsx');
export const exportTickets = (contractId: string, month?: string) => api.download(`/trade/supply-contracts/${contractId}/tickets/export`, { month, ...lang() }, 'tickets.xlsx');
export const exportMonths = (contractId: string) => api.download(`/trade/supply-contracts/${contractId}/months/export`, lang(), 'settlements.xlsx');
