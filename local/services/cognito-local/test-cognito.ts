/**
 * A local Cognito for this folder's tests: the fixture app's pools (local/fixtures/apps/cognito) with their trigger
 * functions running in the local Lambda runner, one accepted IAM user for Admin* calls, and helpers to call it, read
 * what it "sent" and read the codes the fixture's CreateAuthChallenge logs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IamCredentialStore } from '../../appsync/auth/credential-store.ts';
import { LOCAL_USER } from '../../iam-principals.ts';
import type { StackDescription, UserPoolClientConfig, UserPoolConfig } from '../../stack-description.ts';
import { startFunctions, type RunningFunctions } from '../../start-functions.ts';
import { readTemplateFile } from '../../template/template-file.ts';
import { cognitoRequest, type CognitoAnswer } from '../../test-support/cognito-request.ts';
import { startCognitoLocal, type CognitoLocal, type CognitoLocalOptions } from './cognito-local.ts';

export const REGION = 'eu-west-1';
export const CREDENTIALS = { accessKeyId: 'AKIALOCALCOGNITO0001', secretAccessKey: 'cognito-test-secret-access-key-000000000' };
export const FIXTURE_TEMPLATE = join(import.meta.dirname, '../../fixtures/apps/cognito/template.yaml');

/** The fixture template as stack `CognitoFixture` in eu-west-1, inline code written under `workDir`. */
export function readFixture(workDir: string): StackDescription {
  return readTemplateFile(FIXTURE_TEMPLATE, 'CognitoFixture', { region: REGION, accountId: '000000000000' }, workDir);
}

export interface TestCognito {
  cognito: CognitoLocal;
  config: StackDescription;
  pool(logicalId: string): UserPoolConfig;
  client(logicalId: string): UserPoolClientConfig;
  /** An unsigned call (the user's own operations). */
  call(operation: string, input: Record<string, unknown>): Promise<CognitoAnswer>;
  /** A call signed with CREDENTIALS (Admin* operations). */
  admin(operation: string, input: Record<string, unknown>): Promise<CognitoAnswer>;
  /** The last code the fixture's CreateAuthChallenge drew for `email`. */
  lastChallengeCode(email: string): string | undefined;
  /** The function log lines so far (the DEFINE lines show what DefineAuthChallenge was given). */
  logs(): readonly string[];
  /** The last confirmation code sent to `destination`. */
  confirmationCode(destination: string): string | undefined;
  stop(): Promise<void>;
}

export async function startTestCognito(options: Partial<CognitoLocalOptions> = {}): Promise<TestCognito> {
  const workDir = mkdtempSync(join(tmpdir(), 'cognito-fixture-'));
  const config = readFixture(workDir);
  const credentials = new IamCredentialStore();
  credentials.add({ ...CREDENTIALS, principal: LOCAL_USER });
  const lines: string[] = [];
  let functions: RunningFunctions | undefined;
  let cognito: CognitoLocal | undefined;
  const stop = async () => {
    await cognito?.stop();
    await functions?.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    functions = await startFunctions(config, {
      region: REGION,
      credentials: CREDENTIALS,
      principals: new IamCredentialStore(),
      // No stream mappings in the fixture: DynamoDB is never called.
      endpoints: { dynamodb: 'http://127.0.0.1:9' },
      failureDir: workDir,
      log: (line) => lines.push(line),
    });
    // A cold start of a trigger's container can exceed Cognito's 5 s on a loaded machine; the tests allow more.
    cognito = await startCognitoLocal({ region: REGION, credentials, pools: config.userPools ?? [], triggerTimeoutMs: 20_000, ...options });
  } catch (error) {
    await stop();
    throw error;
  }
  const started = cognito;
  const pools = config.userPools ?? [];
  return {
    cognito: started,
    config,
    pool: (logicalId) => pools.find((pool) => pool.logicalId === logicalId)!,
    client: (logicalId) => pools.flatMap((pool) => pool.clients).find((client) => client.logicalId === logicalId)!,
    call: (operation, input) => cognitoRequest({ url: started.url, operation, input, region: REGION }),
    admin: (operation, input) => cognitoRequest({ url: started.url, operation, input, region: REGION, credentials: CREDENTIALS }),
    lastChallengeCode: (email) =>
      lines
        .map((line) => /CHALLENGE-CODE (\S+) (\d{6})$/.exec(line))
        .filter((match) => match?.[1] === email)
        .at(-1)?.[2],
    logs: () => lines,
    confirmationCode: (destination) => started.messages().filter((message) => message.destination === destination).at(-1)?.code,
    stop,
  };
}
