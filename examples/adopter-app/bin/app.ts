/** The adopter's CDK app: `npx cdk deploy --app 'npx tsx bin/app.ts'`, or offline with `npm start` (appsync-local). */
import { App } from 'aws-cdk-lib';
import { MembersStack } from '../lib/members-stack.ts';

const app = new App();
new MembersStack(app, 'MembersApp', {
  senderEmail: app.node.tryGetContext('senderEmail') ?? 'no-reply@example.com',
});
app.synth();
