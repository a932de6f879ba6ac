import { describe, expect, it } from 'vitest';
import { describeStartup } from './startup-summary.ts';

describe('describeStartup', () => {
  it('writes what ran side by side with ∥, one after the other with →, and after everything before with ; then', () => {
    const startup = { dynamodb: 560, tables: 310, modules: 290, ses: 20, sms: 60, synth: 3110, read: 40, 'issuers and KMS': 330, engines: 410, functions: 120, sidecars: 0 };
    expect(describeStartup(startup)).toBe(
      'dynamodb 0.6 s → tables 0.3 s ∥ modules 0.3 s → (ses 0.0 s ∥ sms 0.1 s ∥ synth 3.1 s → read 0.0 s → issuers and KMS 0.3 s); ' +
        'then engines 0.4 s ∥ functions 0.1 s; then sidecars 0.0 s',
    );
  });

  it('leaves out the parts a start did not run, and puts parts the layout does not know last', () => {
    expect(describeStartup({ dynamodb: 1040, tables: 30, modules: 300, synth: 0, read: 60, 'issuers and KMS': 200, engines: 250, functions: 90, extra: 1500 })).toBe(
      'dynamodb 1.0 s → tables 0.0 s ∥ modules 0.3 s → synth 0.0 s → read 0.1 s → issuers and KMS 0.2 s; then engines 0.3 s ∥ functions 0.1 s; then extra 1.5 s',
    );
  });
});
