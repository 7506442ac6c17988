import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Accounting, Box, Delivery, Pallet, PalletStatus, StockRow, TransferOrder, UnitPlace } from '@gearbridge/contracts/factory';
import { api } from '../../../api/client';
import type { Page } from '../../../api/types';

/** How often the board polls: AGV orders change within seconds, the rest as people pack. */
export const ORDERS_MS = 2_000;
export const BOARD_MS = 5_000;
const P = '/factory/logistics';
const keys = { all: ['factory', 'logistics'] as const };

export function useAccounting(q: { lineId?: string; place?: UnitPlace; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys.all, 'accounting', q],
    queryFn: ({ signal }) => api.get<Accounting>(`${P}/accounting`, q, signal),
    placeholderData: keepPreviousData,
    refetchInterval: BOARD_MS,
    enabled: !!q.lineId,
  });
}
export function useOpenBoxes(lineId: string | undefined) {
  return useQuery({
    queryKey: [...keys.all, 'boxes', lineId],
    queryFn: ({ signal }) => api.get<Box[]>(`${P}/boxes`, { lineId, loose: true }, signal),
    enabled: !!lineId,
    refetchInterval: BOARD_MS,
  });
}
export function usePallets(q: { lineId?: string; status?: PalletStatus; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys.all, 'pallets', q],
    queryFn: ({ signal }) => api.get<Page<Pallet>>(`${P}/pallets`, q, signal),
    placeholderData: keepPreviousData,
    refetchInterval: BOARD_MS,
  });
}
export function useTransferOrders(q: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys.all, 'orders', q],
    queryFn: ({ signal }) => api.get<Page<TransferOrder>>(`${P}/transfer-orders`, q, signal),
    placeholderData: keepPreviousData,
    refetchInterval: ORDERS_MS,
  });
}
export function useStock() {
  return useQuery({ queryKey: [...keys.all, 'stock'], queryFn: ({ signal }) => api.get<StockRow[]>(`${P}/stock`, undefined, signal), refetchInterval: BOARD_MS });
}
export function useDeliveries(q: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys.all, 'deliveries', q],
    queryFn: ({ signal }) => api.get<Page<Delivery>>(`${P}/deliveries`, q, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every change on the board refreshes all of it: a packed unit moves between lists and counts. */
function useAct<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: keys.all }) });
}
export const useCreateBox = () => useAct((lineId: string) => api.post<Box>(`${P}/boxes`, { lineId }));
export const useCreatePallet = () => useAct((lineId: string) => api.post<Pallet>(`${P}/pallets`, { lineId }));
export const usePack = () =>
  useAct((i: { kind: 'box' | 'pallet'; id: string; serial: string }) =>
    api.post<{ packed: number; units: number }>(`${P}/${i.kind === 'box' ? 'boxes' : 'pallets'}/${i.id}/units`, { serials: [i.serial] }),
  );
export const useCloseContainer = () => useAct((i: { kind: 'box' | 'pallet'; id: string }) => api.post(`${P}/${i.kind === 'box' ? 'boxes' : 'pallets'}/${i.id}/close`));
export const useBoxOntoPallet = () => useAct((i: { palletId: string; boxId: string }) => api.post<Pallet>(`${P}/pallets/${i.palletId}/boxes`, { boxId: i.boxId }));
export const useOrderTransfer = () => useAct((palletId: string) => api.post<TransferOrder>(`${P}/transfer-orders`, { palletId }));
export const useShip = () => useAct((i: { number?: string; customer: string; palletIds: string[] }) => api.post<Delivery>(`${P}/deliveries`, i));

/** Labels open as PDFs in a new tab (the session cookie goes with the request), ready to print. */
export const openPdf = (path: string) => window.open(`/api${P}${path}`, '_blank', 'noopener');
