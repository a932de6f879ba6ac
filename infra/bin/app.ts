/**
 * The CDK app: `cdk deploy --app 'npx tsx infra/bin/app.ts'`, or synthesized offline by local/template/synth.ts.
 * Environment-agnostic (no account/region), so it synthesizes without credentials; bundling uses local esbuild.
 * The local stack runs it through appsync-local (appsync-local.config.ts).
 * The cdk-nag AwsSolutions checks run on every synthesis (offline: they only read the construct tree) and fail it on
 * any finding not acknowledged in infra/lib/nag-suppressions.ts — except when CDK_VALIDATION=false, the CDK's own
 * switch for its built-in template validation. The local stack sets it: its synth never deploys, and both checks
 * cost ~4 s of every first `npm start`; deploys and infra/lib/nag.test.ts keep them.
 */
import { App, Validations } from 'aws-cdk-lib/core';
import { buildAssets } from '../build/build-package.ts';
import { OtpStack } from '../lib/otp-stack.ts';

// In this repository the construct's code is built from resolvers/ and functions/ first, as the package's build does
// before it is packed (nothing is bundled while the asset store's stamp of those sources is unchanged, and this
// process's readers move to the build it returns); an app that installs the package gets it prebuilt.
buildAssets();
const app = new App();
if (process.env.CDK_VALIDATION !== 'false') {
  // cdk-nag 3 is a policy-validation plugin (it replaced the v2 Aspect API).
  const { AwsSolutionsChecks } = await import('cdk-nag');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
new OtpStack(app, 'OtpService', {
  description: 'Email one-time-password verification (AppSync, DynamoDB, Lambda, SES)',
});
app.synth();
