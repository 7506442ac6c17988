import { describe, expect, it } from 'vitest';
import { plantPpmTarget } from './quality.service';

describe("the plant's ppm target from its lines'", () => {
  it('weights each line by what it made, so the plant meets it exactly when the lines together meet theirs', () => {
    // 9,000 units allowed 100 ppm (0.9 NOK) and 1,000 allowed 10 ppm (0.01 NOK): 0.91 NOK in 10,000 = 91 ppm.
    expect(
      plantPpmTarget([
        { target: 100, made: 9_000 },
        { target: 10, made: 1_000 },
      ]),
    ).toBe(91);
    expect(
      plantPpmTarget([
        { target: 100, made: 3 },
        { target: 100, made: 7 },
      ]),
    ).toBe(100);
  });
  it('takes the strictest before anything was made, leaves out lines without one, and is null when none has one', () => {
    expect(
      plantPpmTarget([
        { target: 100, made: 0 },
        { target: 10, made: 0 },
      ]),
    ).toBe(10);
    expect(
      plantPpmTarget([
        { target: null, made: 500 },
        { target: 50, made: 100 },
      ]),
    ).toBe(50);
    expect(plantPpmTarget([{ target: null, made: 500 }])).toBeNull();
    expect(plantPpmTarget([])).toBeNull();
  });
});
