import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client';
import { ME_KEY } from '../../api/queryClient';
import type { Locale, LoginInput, Me, PasswordChange } from '../../api/types';
import { changeLocale, currentLocale, storedLocale } from '../../i18n';
import type { Permission } from './permissions';

export type { Permission } from './permissions';

/** The UI only hides what a user cannot do; the server enforces every permission anyway. */
export function can(me: Me | null | undefined, permission: Permission): boolean {
  if (!me) return false;
  return me.platformAdmin || me.permissions.includes('*') || me.permissions.includes(permission);
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.get<Me>('/auth/me');
      } catch (err) {
        if (isApiError(err) && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user inside the shell, where RequireAuth guarantees there is one. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data;
}

/**
 * After sign-in the language follows the choice made in this browser; a browser with no choice yet takes the
 * language the user saved on the server.
 */
function reconcileLocale(me: Me) {
  const chosen = storedLocale();
  if (!chosen) changeLocale(me.user.locale, false);
  else if (chosen !== me.user.locale) void saveLocale(chosen);
}

export async function saveLocale(locale: Locale): Promise<void> {
  try {
    await api.put('/auth/locale', { locale });
  } catch {
    // The language still applies in this browser; the server copy is only a convenience.
  }
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Me>('/auth/login', input),
    onSuccess: (me) => {
      qc.clear();
      reconcileLocale(me);
      qc.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (input: PasswordChange) => api.post('/auth/password', input) });
}

/** Switches the language; when signed in, the server remembers it for the next browser too. */
export function useSwitchLocale() {
  const { data: me } = useMe();
  const qc = useQueryClient();
  return (locale: Locale) => {
    if (locale === currentLocale()) return;
    changeLocale(locale);
    if (me) {
      void saveLocale(locale);
      qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, user: { ...old.user, locale } } : old));
    }
  };
}
