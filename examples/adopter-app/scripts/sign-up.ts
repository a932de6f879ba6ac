/**
 * Signs a member up from the terminal: `npm run sign-up -- <email> <name>` while `npm start` runs. It asks for the
 * code the email brought (the local SES inbox shows it at the endpoints file's `sesUrl`).
 */
import { readFileSync } from 'node:fs';
import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { appEndpoints, requestCode, signUp, verifyCode } from './sign-up-flow.ts';

const [email, name] = process.argv.slice(2);
if (!email || !name) {
  console.error('Usage: npm run sign-up -- <email> <name>');
  process.exit(2);
}
const endpoints = appEndpoints(JSON.parse(readFileSync(new URL('../.local/endpoints.json', import.meta.url), 'utf8')));
const terminal = createInterface({ input: stdin, output: stdout });
try {
  const sessionId = await requestCode(endpoints, email);
  for (;;) {
    const code = (await terminal.question(`Code sent to ${email}: `)).trim();
    if (await verifyCode(endpoints, sessionId, code)) break;
    console.log('That code is not right; try again.');
  }
  const member = await signUp(endpoints, sessionId, name);
  console.log(`Welcome, ${member.name} (${member.email}), member since ${member.joinedAt}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  terminal.close();
}
