import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  AwardInput,
  TradeDashboard,
  CertificateSummary,
  CertificateVerification,
  PlantDelivery,
  MilestoneDoneInput,
  Order,
  OrderProduction,
  Page,
  ProductionInput,
  SupplierPart,
  Product,
  ProductPage,
  Quote,
  QuoteInput,
  Rfq,
  RfqInput,
  RfqQuery,
  RoundInput,
  Storefront,
  SupplyContract,
  SupplyContractDetail,
  Ticket,
  TicketInput,
  TicketList,
  Vertical,
} from './types';

/** Every trade query starts with 'trade', so one invalidation after a change refreshes lists and pages. */
export const tradeKeys = { all: ['trade'] as const };

export interface CatalogueQuery {
  vertical?: Vertical;
  supplier?: string;
  q?: string;
  /** "key:value" filters. */
  attr: string[];
  page: number;
  pageSize: number;
}

/** The catalogue's query string: `attr` repeats, which the shared query helper does not do. */
function catalogueQs(q: CatalogueQuery): string {
  const p = new URLSearchParams();
  if (q.vertical) p.set('vertical', q.vertical);
  if (q.supplier) p.set('supplier', q.supplier);
  if (q.q) p.set('q', q.q);
  for (const a of q.attr) p.append('attr', a);
  p.set('page', String(q.page));
  p.set('pageSize', String(q.pageSize));
  return p.toString();
}

export function useProducts(q: CatalogueQuery, enabled: boolean) {
  return useQuery({
    queryKey: [...tradeKeys.all, 'products', q],
    queryFn: ({ signal }) => api.get<ProductPage>(`/trade/products?${catalogueQs(q)}`, undefined, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}
export const useProduct = (id: string | undefined) =>
  useQuery({ queryKey: [...tradeKeys.all, 'product', id], queryFn: () => api.get<Product>(`/trade/products/${id}`), enabled: !!id });
export const useStorefronts = (enabled: boolean) => useQuery({ queryKey: [...tradeKeys.all, 'suppliers'], queryFn: () => api.get<Storefront[]>('/trade/suppliers'), enabled });
export const useStorefront = (id: string | undefined) =>
  useQuery({ queryKey: [...tradeKeys.all, 'supplier', id], queryFn: () => api.get<Storefront>(`/trade/suppliers/${id}`), enabled: !!id });

export function useRfqs(q: RfqQuery, enabled: boolean) {
  return useQuery({
    queryKey: [...tradeKeys.all, 'rfqs', q],
    queryFn: ({ signal }) => api.get<Page<Rfq>>('/trade/rfqs', q, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}
export const useRfq = (id: string | undefined) => useQuery({ queryKey: [...tradeKeys.all, 'rfq', id], queryFn: () => api.get<Rfq>(`/trade/rfqs/${id}`), enabled: !!id });
export const useQuotes = (id: string | undefined) =>
  useQuery({ queryKey: [...tradeKeys.all, 'rfq', id, 'quotes'], queryFn: () => api.get<Quote[]>(`/trade/rfqs/${id}/quotes`), enabled: !!id });

function useTradeMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: tradeKeys.all }) });
}
export const useCreateRfq = () => useTradeMutation((input: RfqInput) => api.post<Rfq>('/trade/rfqs', input));
export const useSubmitQuote = () => useTradeMutation(({ id, input }: { id: string; input: QuoteInput }) => api.put<Quote>(`/trade/rfqs/${id}/quote`, input));
export const useOrders = (rfqId: string | undefined) =>
  useQuery({
    queryKey: [...tradeKeys.all, 'orders', rfqId],
    // An RFQ's orders: one per awarded supplier, all on one page.
    queryFn: async () => (await api.get<Page<Order>>('/trade/orders', { rfqId, pageSize: 500 })).items,
    enabled: !!rfqId,
  });
/** The caller's orders (buying side and own supplier organisation), by status. */
export const useOrderList = (q: { status?: Order['status']; q?: string; page: number; pageSize: number }) =>
  useQuery({ queryKey: [...tradeKeys.all, 'orders', 'list', q], queryFn: () => api.get<Page<Order>>('/trade/orders', q), placeholderData: keepPreviousData });
export const useOrder = (id: string | undefined) => useQuery({ queryKey: [...tradeKeys.all, 'order', id], queryFn: () => api.get<Order>(`/trade/orders/${id}`), enabled: !!id });
export const useMarkMilestone = () =>
  useTradeMutation(({ id, seq, input }: { id: string; seq: number; input: MilestoneDoneInput }) => api.post<Order>(`/trade/orders/${id}/milestones/${seq}/done`, input));
export const useAward = () => useTradeMutation(({ id, input }: { id: string; input: AwardInput }) => api.post<Order[]>(`/trade/rfqs/${id}/award`, input));

export const useSupplyContracts = () => useQuery({ queryKey: [...tradeKeys.all, 'supply'], queryFn: () => api.get<SupplyContract[]>('/trade/supply-contracts') });
export const useSupplyContract = (id: string | undefined) =>
  useQuery({ queryKey: [...tradeKeys.all, 'supply', id], queryFn: () => api.get<SupplyContractDetail>(`/trade/supply-contracts/${id}`), enabled: !!id });
export const useTickets = (id: string | undefined, month: string | undefined) =>
  useQuery({
    queryKey: [...tradeKeys.all, 'supply', id, 'tickets', month],
    queryFn: () => api.get<TicketList>(`/trade/supply-contracts/${id}/tickets`, { month }),
    enabled: !!id && !!month,
  });
export const useAddTicket = () => useTradeMutation(({ id, input }: { id: string; input: TicketInput }) => api.post<Ticket>(`/trade/supply-contracts/${id}/tickets`, input));
export const useSettle = () =>
  useTradeMutation(({ id, month }: { id: string; month: string }) => api.post<SupplyContractDetail>(`/trade/supply-contracts/${id}/settlements`, { month }));

export const useOrderProduction = (id: string) =>
  useQuery({ queryKey: [...tradeKeys.all, 'order', id, 'production'], queryFn: () => api.get<OrderProduction>(`/trade/orders/${id}/production`) });
export const useOrderParts = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...tradeKeys.all, 'order', id, 'parts'], queryFn: () => api.get<SupplierPart[]>(`/trade/orders/${id}/parts`), enabled });
export const useRequestProduction = () =>
  useTradeMutation(({ id, input }: { id: string; input: ProductionInput }) => api.post<OrderProduction>(`/trade/orders/${id}/production`, input));

export const useCertificates = (orderId: string) =>
  useQuery({ queryKey: [...tradeKeys.all, 'order', orderId, 'certificates'], queryFn: () => api.get<CertificateSummary[]>(`/trade/orders/${orderId}/certificates`) });
export const useOrderDeliveries = (orderId: string, enabled: boolean) =>
  useQuery({ queryKey: [...tradeKeys.all, 'order', orderId, 'deliveries'], queryFn: () => api.get<PlantDelivery[]>(`/trade/orders/${orderId}/deliveries`), enabled });
export const useIssueCertificate = () =>
  useTradeMutation(({ orderId, deliveryId }: { orderId: string; deliveryId: string }) => api.post<CertificateSummary>(`/trade/orders/${orderId}/certificates`, { deliveryId }));
export const useVerification = (token: string | undefined) =>
  useQuery({ queryKey: [...tradeKeys.all, 'verify', token], queryFn: () => api.get<CertificateVerification>(`/trade/verify/${token}`), enabled: !!token, retry: false });
export const useTradeDashboard = (days: number) =>
  useQuery({ queryKey: [...tradeKeys.all, 'dashboard', days], queryFn: () => api.get<TradeDashboard>('/trade/dashboard', { days }), placeholderData: keepPreviousData });
export const useRequestRound = () => useTradeMutation(({ id, input }: { id: string; input: RoundInput }) => api.post<Rfq>(`/trade/rfqs/${id}/rounds`, input));
