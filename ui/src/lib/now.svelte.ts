// A clock that ticks every second while the calling component is mounted.

export interface Now {
  readonly value: number;
}

/** Call during component initialisation. */
export function useNow(intervalMs = 1000): Now {
  let now = $state(Date.now());
  $effect(() => {
    now = Date.now();
    const id = setInterval(() => {
      now = Date.now();
    }, intervalMs);
    return () => clearInterval(id);
  });
  return {
    get value() {
      return now;
    },
  };
}
