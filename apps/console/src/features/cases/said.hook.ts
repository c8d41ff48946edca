import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Words the page says, read at render time so they follow the language switch (a stored string would not). */
export type Words = () => string;

/** A status line the page sets after an action ("Reply sent."), as text for now and a setter taking words. */
export function useSaid(): [string, (words: Words | null) => void] {
  // Subscribes to language changes, so the words are read again.
  useTranslation();
  const [said, setSaid] = useState<Words | null>(null);
  return [said ? said() : '', (words) => setSaid(() => words)];
}
