/** Every test file's set-up (vitest.config.ts): the CDK apps a file made with testApp leave no folder behind. */
import { afterAll } from 'vitest';
import { removeTestAppFolders } from '../../infra/lib/test-app.ts';

afterAll(removeTestAppFolders);
