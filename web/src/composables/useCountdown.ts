import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { secondsUntil } from '../lib/countdown.ts';

/** How often the clock is read: under a second, so a displayed countdown never skips or lingers on a number. */
const TICK_MS = 250;

/**
 * Whole seconds left until a moment (epoch ms), updated while the component lives; 0 once it has passed
 * or when there is no moment. The timer stops by itself at 0 and when the component unmounts.
 *
 * @example const secondsLeft = useCountdown(() => Date.parse(session.expiresAt));
 */
export function useCountdown(target: () => number | null): Ref<number> {
  const secondsLeft = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  function update(): void {
    const at = target();
    secondsLeft.value = at === null ? 0 : secondsUntil(at, Date.now());
    if (secondsLeft.value === 0) stop();
  }

  // A new target (e.g. a new session) restarts the clock.
  watch(
    target,
    () => {
      stop();
      update();
      if (secondsLeft.value > 0) timer = setInterval(update, TICK_MS);
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return secondsLeft;
}
