import { App, type AppProps } from 'aws-cdk-lib/core';

/**
 * An App for the construct's unit tests, without the CDK's built-in CloudFormation validation. That validation
 * cannot fail a test (the CDK turns its errors into warnings unless an app opts in) yet it cost most of these tests'
 * CPU: ~4 s to start its engine in every test worker, then 0.4–2 s per synthesized stack (13 of the 24 CPU seconds
 * of infra/lib's tests). nag.test.ts keeps it on, made strict, on the stack that deploys.
 */
export function testApp(props: AppProps = {}): App {
  return new App({ ...props, builtinCloudFormationValidation: false });
}
