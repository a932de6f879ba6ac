/**
 * The CDK app: `cdk deploy --app 'npx tsx infra/bin/app.ts'`, or synthesized offline by local/template/synth.ts.
 * Environment-agnostic (no account/region), so it synthesizes without credentials; bundling uses local esbuild.
 * The cdk-nag AwsSolutions checks run on every synthesis (offline: they only read the construct tree) and fail it on
 * any finding not acknowledged in infra/lib/nag-suppressions.ts.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OtpStack } from '../lib/otp-stack.ts';

const app = new App();
// cdk-nag 3 is a policy-validation plugin (it replaced the v2 Aspect API).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
new OtpStack(app, 'OtpService', {
  description: 'Email one-time-password verification (AppSync, DynamoDB, Lambda, SES)',
});
app.synth();
