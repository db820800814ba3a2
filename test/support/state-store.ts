// A StateStore for the handlers' tests: it gives back what it was given, once, as a real one does.
import type { StateData, StateStore } from "../../src/index.js";

export function memoryStateStore(): StateStore {
  const kept = new Map<string, StateData>();
  return {
    set: (state, value) => void kept.set(state, value),
    take: (state) => {
      const value = kept.get(state);
      kept.delete(state);
      return value;
    },
  };
}
