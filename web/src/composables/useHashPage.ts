import { onScopeDispose, ref, type Ref } from 'vue';
import { pageFromHash, type AppPage } from '../lib/pageRoute.ts';

/**
 * The page named by `location.hash`, following the links, the back button and typed addresses.
 *
 * @example const page = useHashPage(availablePages('either'));
 */
export function useHashPage(available: readonly AppPage[]): Ref<AppPage> {
  const page = ref<AppPage>(pageFromHash(window.location.hash, available));
  const update = (): void => {
    page.value = pageFromHash(window.location.hash, available);
  };
  window.addEventListener('hashchange', update);
  onScopeDispose(() => window.removeEventListener('hashchange', update));
  return page;
}
