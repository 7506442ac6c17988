import { useEffect, useState } from 'react';
import { Input } from 'antd';

/** A search box that applies after a short pause, and at once on Enter. */
export function SearchInput({
  value,
  onChange,
  placeholder,
  className,
  testId,
}: {
  value?: string;
  onChange: (v: string) => void;
  placeholder: string;
  className?: string;
  testId?: string;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (text === (value ?? '')) return;
    const h = setTimeout(() => onChange(text.trim()), 350);
    return () => clearTimeout(h);
  }, [text, value, onChange]);
  return (
    <Input.Search
      className={className}
      allowClear
      value={text}
      placeholder={placeholder}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onChange(v.trim())}
      data-testid={testId}
    />
  );
}
