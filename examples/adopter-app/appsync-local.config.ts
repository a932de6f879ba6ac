/** `npm start` here: appsync-local runs this app — both APIs, both tables, the functions and a local SES — offline. */
import { defineConfig } from 'appsync-local';

export default defineConfig({
  name: 'members app',
  app: 'node --import tsx bin/app.ts',
  sources: ['bin', 'lib', 'functions', 'resolvers', 'members.graphql'],
});
