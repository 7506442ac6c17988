import { describe, expect, it } from 'vitest';
import { occupationDemands, workerLimits } from './demands';

describe('what a kind of work demands, and what a worker cannot give', () => {
  it('building construction demands heavy physical work and hearing; a scaffolder sight as well', () => {
    expect(occupationDemands('6-29-01-01')).toEqual(['heavy_physical', 'hearing']); // bricklayer
    expect(occupationDemands('6-29-01-04')).toEqual(['heavy_physical', 'hearing']); // steel fixer
    expect(occupationDemands('6-29-01-05')).toEqual(['heavy_physical', 'hearing', 'sight']); // scaffolder
    expect(occupationDemands('6-30-05-01')).toEqual(['hearing', 'sight']); // forklift, cranes
  });

  it('livestock keeping, machining, catering and care work demand none of them', () => {
    for (const code of ['5-03-02-01', '6-18-01-01', '4-03-02-05', '4-10-01-05']) expect(occupationDemands(code)).toEqual([]);
    // A prefix matches whole segments only: 6-29-010 is not in 6-29-01.
    expect(occupationDemands('6-29-010')).toEqual([]);
  });

  it('partial ability rules out heavy physical work; each disability what it names, in Chinese or English', () => {
    expect(workerLimits('full', null)).toEqual([]);
    expect(workerLimits('partial', null)).toEqual(['heavy_physical']);
    expect(workerLimits('partial', '听力残疾四级')).toEqual(['heavy_physical', 'hearing']);
    expect(workerLimits('full', '视力残疾三级')).toEqual(['sight']);
    expect(workerLimits('full', '肢体残疾四级')).toEqual(['heavy_physical']);
    expect(workerLimits('full', 'hearing impaired')).toEqual(['hearing']);
    // A disability the table does not name rules out nothing by itself.
    expect(workerLimits('full', '言语残疾')).toEqual([]);
  });
});
