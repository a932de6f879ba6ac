import { describe, expect, it } from 'vitest';
import { describeStartup } from './startup-summary.ts';

describe('describeStartup', () => {
  it('puts the parallel starts first, then the phases in the order they ran', () => {
    expect(describeStartup({ dynamodb: 1040, ses: 20, sms: 60, synth: 3110, read: 60, tables: 30, engines: 410, functions: 250 })).toBe(
      'dynamodb 1.0 s ∥ ses 0.0 s ∥ sms 0.1 s ∥ synth 3.1 s; then read 0.1 s, tables 0.0 s, engines 0.4 s, functions 0.3 s',
    );
  });
});
