import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGION, startTestSns, type TestSns } from '../../local/services/sns-local/test-sns.ts';
import { isPermanentSnsError } from './sns-errors.ts';

function named(name: string): Error {
  return Object.assign(new Error('Invalid parameter: PhoneNumber Reason: +447400123456 is not valid to publish to'), { name });
}

/** What the SDK throws for a Publish, or undefined when it succeeds. */
async function publishError(client: SNSClient, input: ConstructorParameters<typeof PublishCommand>[0]): Promise<unknown> {
  return client.send(new PublishCommand(input)).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('isPermanentSnsError', () => {
  it('is true for refusals of this text: an invalid number, an attribute SNS refuses', () => {
    for (const name of ['InvalidParameter', 'InvalidParameterException', 'ParameterValueInvalid', 'InvalidParameterValueException']) {
      expect(isPermanentSnsError(named(name)), name).toBe(true);
    }
  });

  it('is false for throttling, outages, account-wide states (KMS, authorization, opt-out checks) and the unknown', () => {
    for (const name of [
      'ThrottledException',
      'Throttled',
      'InternalErrorException',
      'InternalError',
      'ServiceUnavailable',
      'AuthorizationErrorException',
      'KMSThrottlingException',
      'KMSDisabledException',
      'InvalidClientTokenId',
      'TimeoutError',
      'Error',
    ]) {
      expect(isPermanentSnsError(named(name)), name).toBe(false);
    }
    // Only Errors: a bare string or object with the right name is not an SDK error.
    expect(isPermanentSnsError('InvalidParameter')).toBe(false);
    expect(isPermanentSnsError({ name: 'InvalidParameter' })).toBe(false);
  });
});

// The classification against what AWS's own client throws for the local SNS's real answers.
describe('isPermanentSnsError on the errors the SDK throws for the local SNS', () => {
  let sns: TestSns;

  beforeAll(async () => {
    sns = await startTestSns({ invalidNumbers: ['+447400900001'] });
  });
  afterAll(async () => {
    await sns?.stop();
  });

  it('a number SNS cannot route is permanent (InvalidParameterException)', async () => {
    const error = await publishError(sns.client, { PhoneNumber: '+447400900001', Message: '123456 is your code.' });
    expect(error).toMatchObject({ name: 'InvalidParameterException' });
    expect(isPermanentSnsError(error)).toBe(true);
  });

  it('a sender ID SNS refuses is permanent (InvalidParameterValueException)', async () => {
    const error = await publishError(sns.client, {
      PhoneNumber: '+447400123456',
      Message: '123456 is your code.',
      MessageAttributes: { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'no spaces allowed' } },
    });
    expect(error).toMatchObject({ name: 'InvalidParameterValueException' });
    expect(isPermanentSnsError(error)).toBe(true);
  });

  it('refused credentials are not: they are the deployment\'s fault, for the DLQ alarm, not one session\'s', async () => {
    const stranger = new SNSClient({
      endpoint: sns.sns.url,
      region: REGION,
      credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'unknown-secret-access-key-000000000000000' },
      maxAttempts: 1,
    });
    try {
      const error = await publishError(stranger, { PhoneNumber: '+447400123456', Message: '123456 is your code.' });
      expect(error).toMatchObject({ name: 'InvalidClientTokenId' });
      expect(isPermanentSnsError(error)).toBe(false);
    } finally {
      stranger.destroy();
    }
  });

  it('an opted-out number is no error at all: SNS accepts the Publish and drops the text', async () => {
    await fetch(`${sns.sns.url}/opt-outs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phoneNumber: '+447400900002' }) });
    expect(await publishError(sns.client, { PhoneNumber: '+447400900002', Message: '123456 is your code.' })).toBeUndefined();
    expect(sns.sns.inbox().failedDeliveries.map((sms) => sms.phoneNumber)).toContain('+447400900002');
  });
});
