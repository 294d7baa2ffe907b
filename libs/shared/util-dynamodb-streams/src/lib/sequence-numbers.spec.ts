import { compareSequenceNumbers } from './sequence-numbers';

describe('compareSequenceNumbers', () => {
  it('compares as numbers, not as text', () => {
    expect(compareSequenceNumbers('9', '10')).toBe(-1);
    expect(compareSequenceNumbers('10', '9')).toBe(1);
  });

  it('handles the 40-digit numbers AWS gives, past Number precision', () => {
    const a = '4955907480315432423581287413934549385718399090120';
    const b = '4955907480315432423581287413934549385718399090121';

    expect(compareSequenceNumbers(a, b)).toBe(-1);
    expect(compareSequenceNumbers(b, a)).toBe(1);
    expect(compareSequenceNumbers(a, a)).toBe(0);
  });
});
