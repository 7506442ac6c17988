import { useMemo } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTalentOrgs } from './api';
import type { TalentOrg } from './types';

/**
 * An organisation of either side, from those the user reads (GET /talent/orgs), grouped by side, narrowed by `only`
 * (the owner of a new record: those the user edits for; a host: the partner side's). The server checks again.
 */
export function TalentOrgPicker({
  value,
  onChange,
  only,
  placeholder,
  allowClear,
  id,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  only: (o: TalentOrg) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const orgs = useTalentOrgs();
  const options = useMemo(() => {
    const groups = (['west', 'east'] as const).map((side) => ({
      label: t(`talent.side.${side}`),
      options: (orgs.data ?? []).filter((o) => o.side === side && only(o)).map((o) => ({ value: o.id, label: o.name })),
    }));
    return groups.filter((g) => g.options.length);
  }, [orgs.data, only, t]);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      loading={orgs.isPending}
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={testId}
    />
  );
}
