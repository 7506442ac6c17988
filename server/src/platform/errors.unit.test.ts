import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineMessages } from '@gearbridge/contracts/messages';
import { DomainError, invalid, messageFor, messages, notFound, registerMessages, zodIssueMessage } from './errors';

const demo = defineMessages('demo', { 'demo.thing.not_found': 'Thing not found', 'demo.thing.too_late': 'The date cannot be after {{date}}' });
const m = messages(demo);

describe('DomainError', () => {
  it('carries the key, the parameters and the English text, per field too', () => {
    const e = invalid(m('demo.thing.too_late', { date: '2026-12-06' }), { date: m('demo.thing.too_late', { date: '2026-12-06' }) });
    expect(e).toBeInstanceOf(DomainError);
    expect(e.message).toBe('The date cannot be after 2026-12-06');
    expect(e.key).toBe('demo.thing.too_late');
    expect(e.params).toEqual({ date: '2026-12-06' });
    expect(e.fields).toEqual({ date: 'The date cannot be after 2026-12-06' });
    expect(e.fieldMessages).toEqual({ date: { key: 'demo.thing.too_late', params: { date: '2026-12-06' } } });
    expect(notFound(m('demo.thing.not_found')).code).toBe('not_found');
  });
});

describe('zodIssueMessage', () => {
  const issue = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('expected a failure');
    const { code, message, ...rest } = r.error.issues[0];
    return zodIssueMessage(code, message, { ...rest, input: value });
  };

  it('names zod issues by key with their limits', () => {
    expect(issue(z.string().min(1), '')).toMatchObject({ key: 'validation.required' });
    expect(issue(z.string().min(10), 'short')).toMatchObject({ key: 'validation.too_short', params: { minimum: 10 }, text: 'at least 10 characters' });
    expect(issue(z.string().max(3), 'long')).toMatchObject({ key: 'validation.too_long', params: { maximum: 3 } });
    expect(issue(z.number().max(5), 9)).toMatchObject({ key: 'validation.too_big', params: { maximum: 5 } });
    expect(issue(z.enum(['a', 'b']), 'c')).toMatchObject({ key: 'validation.invalid_option' });
    expect(issue(z.object({ a: z.string() }).shape.a, undefined)).toMatchObject({ key: 'validation.required' });
    expect(issue(z.email(), 'x')).toMatchObject({ key: 'validation.invalid_format', params: { format: 'email' } });
  });

  it('takes a custom message that is a registered key, with its English text', () => {
    expect(issue(z.string().regex(/^\d+$/, 'validation.mobile_phone'), 'x')).toMatchObject({ key: 'validation.mobile_phone', text: 'must be an 11-digit mainland mobile number' });
    registerMessages(demo);
    expect(
      issue(
        z.string().refine(() => false, 'demo.thing.not_found'),
        'x',
      ),
    ).toMatchObject({ key: 'demo.thing.not_found', text: 'Thing not found' });
    expect(messageFor('demo.thing.too_late', { date: 'x' })?.text).toBe('The date cannot be after x');
    expect(messageFor('demo.nothing')).toBeNull();
  });
});
