import { useI18n } from 'vue-i18n';
import type { Message } from '../i18n/messages.ts';
import { renderMessage } from '../i18n/renderMessage.ts';

/**
 * Turns the messages pure logic returns (lib/: API problems, verification outcomes) into text in the page's language.
 * Call the function while rendering, so the text follows a change of language.
 *
 * @example const text = useMessageText(); // in the template: {{ text(outcome.message) }}
 */
export function useMessageText(): (message: Message) => string {
  const translator = useI18n();
  return (message) => renderMessage(message, translator);
}
