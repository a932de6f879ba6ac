/**
 * The recorded AppSync outputs of local/fixtures/runtime/recorded-cases.ts, evaluated through EvaluateCode: locally
 * (the pure `evaluateCode`) by default, or against AppSync's own EvaluateCode (not in CI; needs AWS credentials):
 *   APPSYNC_EVALUATE_AGAINST_AWS=1 AWS_REGION=eu-west-1 AWS_PROFILE=… npx vitest run local/appsync/evaluate-code
 */
import { AppSyncClient, EvaluateCodeCommand } from '@aws-sdk/client-appsync';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORDED_CASES, recordedCaseCode, type RecordedCase, type RecordedOutcome } from '../../fixtures/runtime/recorded-cases.ts';
import { evaluateCode, type EvaluateCodeResponse } from './evaluate-code.ts';

const AGAINST_AWS = process.env.APPSYNC_EVALUATE_AGAINST_AWS === '1';
const client = AGAINST_AWS ? new AppSyncClient({ region: process.env.AWS_REGION ?? 'us-east-1' }) : undefined;

afterAll(() => client?.destroy());

async function evaluate(testCase: RecordedCase): Promise<EvaluateCodeResponse> {
  const request = {
    runtime: { name: 'APPSYNC_JS' as const, runtimeVersion: '1.0.0' },
    code: recordedCaseCode(testCase),
    context: '{}',
    function: 'request',
  };
  if (!client) return evaluateCode(request);
  const output = await client.send(new EvaluateCodeCommand(request));
  return { evaluationResult: output.evaluationResult, error: output.error && { message: output.error.message ?? '' } };
}

/** The answer in the form the fixture records: a thrown error's `code.js:<line>:<col>: ` position is not compared. */
function outcome(testCase: RecordedCase, response: EvaluateCodeResponse): RecordedOutcome {
  if (response.error) return { error: response.error.message.replace(/^code\.js:\d+:\d+: /, '') };
  const result: unknown = JSON.parse(response.evaluationResult ?? 'null');
  return { result: testCase.parseResult && typeof result === 'string' ? JSON.parse(result) : result };
}

describe(`recorded AppSync outputs (${AGAINST_AWS ? 'AppSync EvaluateCode' : 'local runtime'})`, () => {
  const cases = RECORDED_CASES.filter((testCase) => AGAINST_AWS || !testCase.localDifference);
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_, testCase) => {
    expect(outcome(testCase, await evaluate(testCase))).toEqual(testCase.expected);
  });

  // A deliberate local difference must still be one: when it stops differing, the note (and README entry) goes.
  it.skipIf(AGAINST_AWS).each(RECORDED_CASES.filter((testCase) => testCase.localDifference).map((testCase) => [testCase.name, testCase] as const))(
    'known local difference: %s',
    async (_, testCase) => {
      expect(outcome(testCase, await evaluate(testCase))).not.toEqual(testCase.expected);
    },
  );

  it('covers every module the issue names', () => {
    const text = RECORDED_CASES.map((testCase) => testCase.expression).join('\n');
    for (const name of ['ddb.update', 'ddb.operations', 'util.transform.toDynamoDBFilterExpression', 'util.transform.toSubscriptionFilter', 'util.transform.toElasticsearchQueryDSL', 'rds.select', 'util.unauthorized']) {
      expect(text).toContain(name);
    }
  });
});
