import { describe, expect, it } from 'vitest';
import { erfc, normalQuantile, studentTCdf, studentTQuantile, Z975 } from '../../../../src/core/stats/distributions';

// Reference values: R 4.x `qnorm`, `qt`, `pt`, and Abramowitz & Stegun Table 7.1 for erfc.
describe('distributions', () => {
  it('normal quantiles', () => {
    expect(Z975).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167814, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
  it('erfc', () => {
    expect(erfc(0)).toBeCloseTo(1, 14);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 14);
    expect(erfc(-0.5)).toBeCloseTo(1.520499877813047, 14);
  });
  it("Student's t quantiles: qt(0.975, df)", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.70620473617471, 9);
    expect(studentTQuantile(0.975, 11)).toBeCloseTo(2.200985160082949, 9);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045229642132703, 9);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-2.570581835636314, 9);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 5);
  });
  it("Student's t distribution: pt(2, 3) = 0.930337", () => {
    expect(studentTCdf(2, 3)).toBeCloseTo(0.930337, 6);
    expect(studentTCdf(-2, 3)).toBeCloseTo(1 - 0.930337, 6);
  });
});
