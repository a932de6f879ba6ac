import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CloudFormationValidatePlugin, Validations } from 'aws-cdk-lib';
import { VALIDATE_AGAINST_DEFAULT_RULES } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtpStack } from './otp-stack.ts';

/** Synthesis bundles code: ~5 s on an idle machine, much longer on a busy one. */
const SYNTH_TIMEOUT_MS = 300_000;

// cdk-nag 3 runs as a policy-validation plugin: a finding that is neither fixed nor acknowledged makes synth throw
// and lands in <outdir>/validation-report.json (errors and warnings alike). The CDK's built-in CloudFormation
// validation runs too, here only (the other construct tests synthesize without it, see test-app.ts), and strict: its
// errors would be warnings without VALIDATE_AGAINST_DEFAULT_RULES.
let workDir: string;
let synthError: unknown;
let reportPath: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'otp-nag-test-'));
  const app = new App({ outdir: join(workDir, 'cdk.out'), context: { [VALIDATE_AGAINST_DEFAULT_RULES]: true } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  new OtpStack(app, 'OtpService');
  reportPath = join(workDir, 'cdk.out', 'validation-report.json');
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
}, SYNTH_TIMEOUT_MS);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('cdk-nag AwsSolutions checks', () => {
  it('report no unacknowledged error or warning on the stack', () => {
    const report = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
    const findings = [...report.matchAll(/AwsSolutions-[A-Z]+\d+(\[[^\]]*\])?/g)].map((match) => match[0]);
    expect(findings).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  it("report no finding of the CDK's built-in CloudFormation validation, warnings included", () => {
    // Strict, its errors already made synth throw (above); its warnings only show in the report, as a plugin report
    // of its own (the report lists only plugins that found something).
    expect(process.env.CDK_VALIDATION).not.toBe('false'); // the CDK's switch for it
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { pluginReports: { pluginName: string; violations: unknown[] }[] };
    expect(report.pluginReports.filter(({ pluginName }) => pluginName === CloudFormationValidatePlugin.PLUGIN_NAME)).toEqual([]);
  });
});
