import { useRef, useState } from 'react';
import { Button, Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePostings } from '../api';
import { wageRange } from '../labels';
import type { Posting } from '../types';
import { useDebounced } from '../useDebounced';

/**
 * Open postings picked for a job-fair allocation among any number: searched (title, employer, work region,
 * occupation) and paged on the server, 50 at a time. "All N matching" hands the search text to the allocation's
 * posting filter instead, so the allocation takes every matching posting however many there are.
 */
export function PostingPicker({ value, onChange, onAllMatching, id }: { value?: string[]; onChange?: (v: string[]) => void; onAllMatching: (q: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const list = usePostings({ active: 'true', q: q || undefined, page: 1, pageSize: 50 });
  // Labels of postings chosen earlier stay known when a later search no longer lists them.
  const labels = useRef(new Map<string, string>());
  const label = (p: Posting) =>
    `${p.title} · ${p.orgName} · ${p.workRegionName ?? p.workRegionCode} · ${wageRange(p.wageMin, p.wageMax)} ${t('labor.yuan')} · ${t('labor.posting.openOf', { open: p.openHeadcount, total: p.headcount })}`;
  const options = (list.data?.items ?? []).map((p) => ({ value: p.id, label: label(p) }));
  for (const o of options) labels.current.set(o.value, o.label);
  for (const v of value ?? []) if (!options.some((o) => o.value === v)) options.push({ value: v, label: labels.current.get(v) ?? v });
  const total = list.data?.total ?? 0;
  return (
    <>
      <Select
        id={id}
        mode="multiple"
        value={value}
        onChange={onChange}
        showSearch={{ filterOption: false, onSearch: setInput, searchValue: input }}
        autoClearSearchValue={false}
        options={options}
        loading={list.isFetching}
        notFoundContent={list.isFetching ? <Spin size="small" /> : t('common.empty')}
        placeholder={t('laborPlacement.alloc.searchPostings')}
        maxTagCount="responsive"
        data-testid="alloc-postings"
      />
      <div className="gb-lp-picker-foot">
        <Typography.Text type="secondary" data-testid="alloc-postings-total">
          {q ? t('laborPlacement.alloc.matchingOf', { n: total, q }) : t('laborPlacement.alloc.activeOf', { n: total })}
          {total > options.length && ` · ${t('laborPlacement.alloc.showingFirst', { n: list.data?.items.length ?? 0 })}`}
        </Typography.Text>
        <Button size="small" type="link" disabled={!total} onClick={() => onAllMatching(q)} data-testid="alloc-all-matching">
          {t('laborPlacement.alloc.allMatching', { n: total })}
        </Button>
      </div>
    </>
  );
}
