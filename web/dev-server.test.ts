import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from 'appsync-local';
import { cognitoDefines, startWebDevServer, type WebDevServer } from './dev-server.ts';

// A stub endpoint: nothing listens there, the test only checks that the app is configured with it.
const graphqlUrl = 'http://127.0.0.1:9/graphql';
const apiKey = 'da2-web-dev-server-test';

describe('startWebDevServer', () => {
  let web: WebDevServer;

  beforeAll(async () => {
    web = await startWebDevServer({ graphqlUrl, apiKey });
  });

  afterAll(async () => {
    await web?.stop();
  });

  it('serves the app page on 127.0.0.1', async () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}`);
    const response = await fetch(`${web.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<div id="app"></div>');
    expect(html).toContain('src="/src/main.ts"');
  });

  it('serves the app entry compiled to JavaScript', async () => {
    const response = await fetch(`${web.url}/src/main.ts`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    const code = await response.text();
    expect(code).toContain('createApp');
    expect(code).not.toContain('import type');
  });

  it('compiles the single-file components', async () => {
    const response = await fetch(`${web.url}/src/App.vue`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('VerifyEmailView');
  });

  it('hands the GraphQL URL and API key to the app without a .env file', async () => {
    const code = await (await fetch(`${web.url}/src/apollo.ts`)).text();
    expect(code).toContain(JSON.stringify(graphqlUrl));
    expect(code).toContain(JSON.stringify(apiKey));
  });
});

describe('cognitoDefines', () => {
  it('hands the local pool and its flow (the stack\'s SignInFlow output) to the sign-in pages', () => {
    expect(cognitoDefines({ endpoint: 'http://127.0.0.1:9229', userPoolId: 'us-east-1_Q1w2E3r4T', clientId: 'abc123' }, 'mfa')).toEqual({
      'import.meta.env.VITE_COGNITO_ENDPOINT': '"http://127.0.0.1:9229"',
      'import.meta.env.VITE_COGNITO_USER_POOL_ID': '"us-east-1_Q1w2E3r4T"',
      'import.meta.env.VITE_COGNITO_CLIENT_ID': '"abc123"',
      'import.meta.env.VITE_COGNITO_SIGN_IN_FLOW': '"mfa"',
    });
    // A stack without the output: defined empty (the app offers both pages), never web/.env's value.
    expect(cognitoDefines({ endpoint: 'http://127.0.0.1:9229', userPoolId: 'us-east-1_Q1w2E3r4T', clientId: 'abc123' })).toMatchObject({
      'import.meta.env.VITE_COGNITO_SIGN_IN_FLOW': '""',
    });
  });

  it('defines all four as empty without a pool, or without an app client, so web/.env cannot fill them in', () => {
    const empty = {
      'import.meta.env.VITE_COGNITO_ENDPOINT': '""',
      'import.meta.env.VITE_COGNITO_USER_POOL_ID': '""',
      'import.meta.env.VITE_COGNITO_CLIENT_ID': '""',
      'import.meta.env.VITE_COGNITO_SIGN_IN_FLOW': '""',
    };
    expect(cognitoDefines(undefined, 'mfa')).toEqual(empty);
    expect(cognitoDefines({ endpoint: 'http://127.0.0.1:9229', userPoolId: 'us-east-1_Q1w2E3r4T' }, 'mfa')).toEqual(empty);
  });
});

describe('startWebDevServer with a port', () => {
  let blocker: Server | undefined;

  afterAll(async () => {
    await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  });

  it('listens on the given port and stops', async () => {
    const port = await freePort();
    const web = await startWebDevServer({ port, graphqlUrl, apiKey });
    try {
      expect(web.url).toBe(`http://127.0.0.1:${port}`);
      expect((await fetch(`${web.url}/`)).status).toBe(200);
    } finally {
      await web.stop();
    }
    await expect(fetch(`${web.url}/`)).rejects.toThrow();
  });

  it('fails clearly when the port is taken', async () => {
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(port, '127.0.0.1', resolve));
    await expect(startWebDevServer({ port, graphqlUrl, apiKey })).rejects.toThrow(`Port ${port} (web app) is already in use`);
  });
});
