/**
 * The CDK app: `cdk deploy --app 'npx tsx infra/bin/app.ts'`, or synthesized offline by local/template/synth.ts.
 * Environment-agnostic (no account/region), so it synthesizes without credentials; bundling uses local esbuild.
 */
import { App } from 'aws-cdk-lib';
import { OtpStack } from '../lib/otp-stack.ts';

const app = new App();
new OtpStack(app, 'OtpService', {
  description: 'Email one-time-password verification (AppSync, DynamoDB, Lambda, SES)',
});
app.synth();
