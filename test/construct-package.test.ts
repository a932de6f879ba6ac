/**
 * The construct package as an adopter gets it: `npm pack` of infra/, installed into a fresh CDK app outside the
 * repository (its own dependencies from npm's cache where it has them), synthesizes the same template as the
 * construct does from its sources here, and type-checks against the package's declarations.
 *
 * The app's aws-cdk-lib and constructs (the package's peers, the adopter's own choice) are this repository's copies,
 * linked as `file:` dependencies: unpacking aws-cdk-lib from the cache was about a sixth of this file's CPU. The
 * package itself is installed from its tarball, so an import it does not declare still fails here: Node resolves
 * the package's imports from the app's node_modules, never from the repository's.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtpService } from '../infra/index.ts';
import { testApp } from '../infra/lib/test-app.ts';

const REPO = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const PROPS = { senderEmail: 'no-reply@example.com', apiName: 'adopter-otp' };
/** The adopter's app, in JavaScript (run with plain node) and in TypeScript (type-checked against the declarations). */
const APP_JS = `import { App, Stack } from 'aws-cdk-lib';
import { OtpService } from 'otp-appsync-cdk';

const app = new App();
new OtpService(new Stack(app, 'Adopter'), 'Otp', ${JSON.stringify(PROPS)});
app.synth();
`;
const APP_TS = `import { App, Stack } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { OtpService, type OtpServiceProps } from 'otp-appsync-cdk';

const props: OtpServiceProps = ${JSON.stringify(PROPS)};
const otp = new OtpService(new Stack(new App(), 'Adopter'), 'Otp', props);
export const grant: (grantee: IGrantable) => unknown = (grantee) => otp.grantVerificationLookup(grantee);
`;

let appDir: string;
const npm = async (args: string[], cwd: string) => (await promisify(execFile)('npm', args, { cwd, encoding: 'utf8', maxBuffer: 16 * 2 ** 20 })).stdout;
const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund'];

beforeAll(async () => {
  appDir = mkdtempSync(join(tmpdir(), 'otp-adopter-'));
  writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'adopter', private: true, type: 'module' }));
  writeFileSync(join(appDir, 'app.mjs'), APP_JS);
  writeFileSync(join(appDir, 'app.ts'), APP_TS);
  writeFileSync(
    join(appDir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true }, files: ['app.ts'] }),
  );
  // The adopter's peers are linked while prepack builds the package (assets, entry, declarations) as a publish
  // would; then the tarball joins them.
  const [tarball] = await Promise.all([
    npm(['pack', '--workspace', 'infra', '--pack-destination', appDir], REPO).then(() => readdirSync(appDir).find((name) => name.endsWith('.tgz'))),
    npm([...NPM_INSTALL, `file:${packageDir('aws-cdk-lib')}`, `file:${packageDir('constructs')}`], appDir),
  ]);
  if (!tarball) throw new Error('npm pack wrote no tarball');
  await npm([...NPM_INSTALL, `./${tarball}`], appDir);
}, 300_000);
afterAll(() => rmSync(appDir, { recursive: true, force: true }));

describe('the packed construct in an app of its own', () => {
  it('holds the built construct, its code and the schema, and nothing of the repository', () => {
    const files = execFileSync('tar', ['-tzf', join(appDir, readdirSync(appDir).find((name) => name.endsWith('.tgz')) ?? '')], { encoding: 'utf8' }).split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/types/index.d.ts', 'package/dist/assets/schema.graphql', 'package/dist/assets/resolvers/manifest.json']));
    expect(files.filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    // The repository's asset store (every recent build, content-addressed) stays out: the package has dist/assets.
    expect(files.filter((file) => file.includes('.assets-store'))).toEqual([]);
  });

  it('synthesizes the template the construct makes from its sources', () => {
    const outDir = join(appDir, 'cdk.out');
    execFileSync(process.execPath, ['app.mjs'], { cwd: appDir, env: { ...process.env, CDK_OUTDIR: outDir, CDK_VALIDATION: 'false' }, stdio: 'pipe' });
    const packed = JSON.parse(readFileSync(join(outDir, 'Adopter.template.json'), 'utf8')) as unknown;

    // Both sides synthesize without the CDK's built-in CloudFormation validation (CDK_VALIDATION above, testApp here):
    // it only warns, and infra/lib/nag.test.ts runs it strict on the stack that deploys.
    const stack = new Stack(testApp(), 'Adopter');
    new OtpService(stack, 'Otp', PROPS);
    expect(packed).toEqual(Template.fromStack(stack).toJSON());
  }, 120_000);

  it('type-checks an app against the package declarations', () => {
    // TypeScript 7, what `npm install typescript` gives an adopter now.
    const tsc = join(packageDir('@typescript/native'), 'bin', 'tsc');
    expect(() => execFileSync(process.execPath, [tsc, '-p', appDir], { stdio: 'pipe', encoding: 'utf8' })).not.toThrow();
  }, 120_000);
});
