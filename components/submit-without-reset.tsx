"use client";

import { startTransition, type FormEvent } from "react";

/**
 * Submits a form to a server action without React's automatic form reset,
 * which would otherwise throw away an editor's work when the action answers
 * with an error or an edit conflict.
 */
export function submitWithoutReset(action: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
}
