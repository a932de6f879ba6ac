/**
 * Compiles email-layout.mjml with MJML (responsive tables, inlined styles, Outlook conditionals) into
 * email-layout.generated.ts, once per variant: with a logo section and without (the plain one loads no remote
 * resource). The function fills the `{{placeholders}}` at send time; MJML is a build-time tool only.
 *
 * `npm run codegen` writes the file; `--check` fails when it is out of date (part of `npm test`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mjml2html from 'mjml';

const SOURCE = fileURLToPath(new URL('./email-layout.mjml', import.meta.url));
const TARGET = fileURLToPath(new URL('./email-layout.generated.ts', import.meta.url));
const LOGO_MARKER = '<!-- LOGO -->';
const LOGO_SECTION =
  '<mj-section padding="8px 0"><mj-column><mj-image src="{{logoUrl}}" alt="{{appName}}" width="120px" padding="8px 24px" /></mj-column></mj-section>';
/** MJML checks colours, so the layout names a stand-in the brand colour replaces after compiling. */
const BRAND_COLOR_STAND_IN = '#0a0b0c';

async function compile(withLogo: boolean): Promise<string> {
  const source = readFileSync(SOURCE, 'utf8').replace(LOGO_MARKER, withLogo ? LOGO_SECTION : '');
  const { html, errors } = await mjml2html(source, { validationLevel: 'strict', keepComments: false });
  if (errors.length > 0) throw new Error(`email-layout.mjml: ${errors.map((error) => error.formattedMessage).join('; ')}`);
  if (!html.includes(BRAND_COLOR_STAND_IN)) throw new Error('The compiled layout lost the brand colour stand-in.');
  return html.split(BRAND_COLOR_STAND_IN).join('{{color}}');
}

export async function generateEmailLayout(): Promise<string> {
  const [plain, withLogo] = await Promise.all([compile(false), compile(true)]);
  return [
    '// Generated from email-layout.mjml by generate-email-layout.ts (npm run codegen). Do not edit.',
    `export const EMAIL_LAYOUT = ${JSON.stringify(plain)};`,
    `export const EMAIL_LAYOUT_WITH_LOGO = ${JSON.stringify(withLogo)};`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const generated = await generateEmailLayout();
  if (process.argv.includes('--check')) {
    if (readFileSync(TARGET, 'utf8') !== generated) {
      console.error(`${TARGET} is out of date: run npm run codegen.`);
      process.exit(1);
    }
  } else {
    writeFileSync(TARGET, generated);
  }
}
