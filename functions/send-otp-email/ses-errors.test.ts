import { describe, expect, it } from 'vitest';
import { isPermanentSesError } from './ses-errors.ts';

function named(name: string): Error {
  const error = new Error('Email address is not verified: someone@example.com');
  error.name = name;
  return error;
}

describe('isPermanentSesError', () => {
  it('is true for refusals of this message: rejected recipient, malformed address, sender identity', () => {
    for (const name of [
      'MessageRejected',
      'InvalidParameterValue',
      'MailFromDomainNotVerifiedException',
      'FromEmailAddressNotVerifiedException',
    ]) {
      expect(isPermanentSesError(named(name)), name).toBe(true);
    }
  });

  it('is false for account-level states, misconfigured configuration sets, throttling, outages and the unknown', () => {
    for (const name of [
      'AccountSendingPausedException',
      'ProductionAccessNotGrantedException',
      'ConfigurationSetDoesNotExistException',
      'ConfigurationSetSendingPausedException',
      'Throttling',
      'InternalFailure',
      'ServiceUnavailable',
      'TimeoutError',
      'Error',
    ]) {
      expect(isPermanentSesError(named(name)), name).toBe(false);
    }
    expect(isPermanentSesError('MessageRejected')).toBe(false);
  });
});
