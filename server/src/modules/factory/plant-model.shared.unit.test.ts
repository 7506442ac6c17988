import { describe, expect, it } from 'vitest';
import { factoryMessages } from '@gearbridge/contracts/messages';
import { DomainError, pm } from '../../platform/errors';
import { CHILDREN, fromConstraint, refuseIfUsed, type Level } from './plant-model.shared';

describe('fromConstraint', () => {
  it('names the field of a duplicate code, by constraint (pg) or by the message (PGlite without `constraint`)', () => {
    const pg = fromConstraint({ code: '23505', constraint: 'factory_lines_code_key', message: 'duplicate key' }) as DomainError;
    expect(pg).toMatchObject({ code: 'conflict', message: 'A line with this code already exists in this organisation', fields: { code: 'already taken' } });
    expect(pg).toMatchObject({ key: 'factory.model.line_code_taken', fieldMessages: { code: { key: 'platform.record.field_taken' } } });
    const lite = fromConstraint({ code: '23505', message: 'duplicate key value violates unique constraint "factory_sparkplug_groups_pkey"' }) as DomainError;
    expect(lite).toMatchObject({ code: 'conflict', fields: { groupId: 'already taken' } });
    expect(fromConstraint({ code: '23505', constraint: 'other_key' })).toMatchObject({ code: 'conflict', message: 'A record with these values already exists', fields: undefined });
  });

  it('turns a foreign key lost to a concurrent change into a conflict, and leaves other errors alone', () => {
    // A child inserted between the delete's check and its DELETE, or a parent deleted under a create.
    expect(fromConstraint({ code: '23503', constraint: 'factory_lines_area_id_fkey' })).toMatchObject({
      code: 'conflict',
      message: 'The equipment model changed meanwhile; reload and try again',
    });
    const other = new Error('connection lost');
    expect(fromConstraint(other)).toBe(other);
    const domain = new DomainError('forbidden', pm('platform.authz.forbidden'));
    expect(fromConstraint(domain)).toBe(domain);
  });
});

describe('refuseIfUsed', () => {
  it('passes when nothing is left, and names what is left otherwise, in the order of the level', () => {
    expect(() => refuseIfUsed('line', { cells: 0, devices: 0 })).not.toThrow();
    expect(() => refuseIfUsed('line', { cells: 0, devices: 1 })).toThrow('This line still has 1 device; move or remove them first');
    expect(() => refuseIfUsed('site', { areas: 2, devices: 3, groups: 1 })).toThrow('This site still has 2 areas, 3 devices and 1 Sparkplug group; move or remove them first');
  });

  it('names the level and the kinds left by key, with their counts', () => {
    expect(caughtAny(() => refuseIfUsed('site', { areas: 0, devices: 180, groups: 1 }))).toMatchObject({
      key: 'factory.model.in_use.site.devices_groups',
      params: { devices: 180, devices_word: 'devices', groups: 1, groups_word: 'Sparkplug group' },
      message: 'This site still has 180 devices and 1 Sparkplug group; move or remove them first',
    });
    expect(caughtAny(() => refuseIfUsed('cell', { devices: 2 })).message).toBe('This work cell still has 2 devices; move or remove them first');
  });

  it('has a message for every level and every set of kinds left', () => {
    for (const [level, kinds] of Object.entries(CHILDREN) as [Level, readonly string[]][]) {
      for (let mask = 1; mask < 1 << kinds.length; mask++) {
        const counts = Object.fromEntries(kinds.map((k, i) => [k, mask & (1 << i) ? 1 : 0]));
        const err = caughtAny(() => refuseIfUsed(level, counts as never));
        expect(err.key in factoryMessages, err.key).toBe(true);
        expect(err.message, err.key).not.toMatch(/\{\{/);
      }
    }
  });
});

function caughtAny(f: () => void): DomainError {
  try {
    f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('did not throw');
}
