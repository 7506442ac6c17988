import { describe, expect, it } from 'vitest';
import { initialDates, planStageChange } from './stages';

/** The pipeline's rules: forward filling passed stages, never in the future or before the current stage; back only with a reason. */
describe('planStageChange', () => {
  const today = '2026-12-07';
  const signed = { lead: '2026-01-05', negotiating: '2026-02-01', signed: '2026-03-10', construction: null, production: null };

  it('moves forward to the next stage on the given day', () => {
    expect(planStageChange('signed', signed, 'construction', { on: '2026-04-01', today })).toEqual({
      ok: true,
      direction: 'forward',
      effectiveOn: '2026-04-01',
      dates: { ...signed, construction: '2026-04-01' },
    });
  });

  it('skips forward filling the stages passed with the same day (signed and started at one ceremony)', () => {
    const lead = initialDates('lead', '2026-01-05');
    const out = planStageChange('lead', lead, 'construction', { on: '2026-05-20', today });
    expect(out).toMatchObject({ ok: true, dates: { lead: '2026-01-05', negotiating: '2026-05-20', signed: '2026-05-20', construction: '2026-05-20', production: null } });
  });

  it('refuses the same stage, a future day and a day before the current stage began', () => {
    expect(planStageChange('signed', signed, 'signed', { today })).toEqual({ ok: false, error: 'unchanged' });
    expect(planStageChange('signed', signed, 'construction', { on: '2026-12-08', today })).toEqual({ ok: false, error: 'in_future' });
    expect(planStageChange('signed', signed, 'construction', { on: '2026-03-09', today })).toEqual({ ok: false, error: 'before_current', date: '2026-03-10' });
  });

  it('goes back only with a reason, clearing the later stages’ dates', () => {
    expect(planStageChange('signed', signed, 'negotiating', { today })).toEqual({ ok: false, error: 'reason_required' });
    expect(planStageChange('signed', signed, 'negotiating', { reason: '   ', today })).toEqual({ ok: false, error: 'reason_required' });
    expect(planStageChange('signed', signed, 'lead', { reason: '投资方撤回协议', today })).toEqual({
      ok: true,
      direction: 'back',
      effectiveOn: today,
      dates: { lead: '2026-01-05', negotiating: null, signed: null, construction: null, production: null },
    });
  });
});
