import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { removeTestAppFolders, testApp } from './test-app.ts';

describe('testApp', () => {
  it('synthesizes into a folder of its own, which removeTestAppFolders removes; an outdir it was given stays', () => {
    const given = mkdtempSync(join(tmpdir(), 'test-app-given-'));
    try {
      const apps = [testApp(), testApp(), testApp({ outdir: given })];
      for (const app of apps) new Topic(new Stack(app, 'Topics'), 'Topic');
      for (const app of apps) Template.fromStack(app.node.findChild('Topics') as Stack);
      const [first, second] = apps.map((app) => app.outdir);
      expect(first).not.toBe(second);
      for (const app of apps) expect(existsSync(join(app.outdir, 'Topics.template.json'))).toBe(true);

      removeTestAppFolders();
      expect([first, second].filter((folder) => existsSync(folder!))).toEqual([]);
      expect(existsSync(join(given, 'Topics.template.json'))).toBe(true);
    } finally {
      rmSync(given, { recursive: true, force: true });
    }
  });
});
