import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors';
import { fromConstraint, refuseIfUsed } from './plant-model.shared';

describe('fromConstraint', () => {
  it('names the field of a duplicate code, by constraint (pg) or by the message (PGlite without `constraint`)', () => {
    const pg = fromConstraint({ code: '23505', constraint: 'factory_lines_code_key', message: 'duplicate key' }) as DomainError;
    expect(pg).toMatchObject({ code: 'conflict', message: 'A line with this code already exists in this organisation', fields: { code: 'already taken' } });
    const lite = fromConstraint({ code: '23505', message: 'duplicate key value violates unique constraint "factory_sparkplug_groups_pkey"' }) as DomainError;
    expect(lite).toMatchObject({ code: 'conflict', fields: { groupId: 'already taken' } });
    expect(fromConstraint({ code: '23505', constraint: 'other_key' })).toMatchObject({ code: 'conflict', message: 'A record with these values already exists', fields: undefined });
  });

  it('turns a foreign key lost to a concurrent change into a conflict, and leaves other errors alone', () => {
    // A child inserted between the delete's check and its DELETE, or a parent deleted under a create.
    expect(fromConstraint({ code: '23503', constraint: 'factory_lines_area_id_fkey' })).toMatchObject({ code: 'conflict', message: 'The equipment model changed meanwhile; reload and try again' });
    const other = new Error('connection lost');
    expect(fromConstraint(other)).toBe(other);
    const domain = new DomainError('forbidden', 'no');
    expect(fromConstraint(domain)).toBe(domain);
  });
});

describe('refuseIfUsed', () => {
  it('passes when nothing is left, and names what is left otherwise, in the order given', () => {
    expect(() => refuseIfUsed('line', [[0, 'work cell', 'work cells'], [0, 'device', 'devices']])).not.toThrow();
    expect(() => refuseIfUsed('line', [[0, 'work cell', 'work cells'], [1, 'device', 'devices']])).toThrow('This line still has 1 device; move or remove them first');
    expect(() => refuseIfUsed('site', [[2, 'area', 'areas'], [3, 'device', 'devices'], [1, 'Sparkplug group', 'Sparkplug groups']])).toThrow(
      'This site still has 2 areas, 3 devices and 1 Sparkplug group; move or remove them first',
    );
  });
});
