import { useEffect, useRef } from 'react';

/** Moves focus to a step's heading when the step appears, so screen readers announce where they are. */
export function useFocusHeading<T extends HTMLElement = HTMLHeadingElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
