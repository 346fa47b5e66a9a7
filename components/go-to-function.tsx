"use client";

import { useEffect, useRef, useState } from "react";

/** Whether a key press goes to a field the user is typing in, where "/" is just a character. */
const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]") !== null;

/**
 * The header's "Go to function" box: `/` focuses it from anywhere but a field; Enter submits the plain GET form
 * to /go, which opens an exact catalog name's page or the catalog filtered by the name. Completion comes from
 * /go/names, loaded on first focus.
 */
export function GoToFunction() {
  const input = useRef<HTMLInputElement>(null);
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  const loadNames = () => {
    if (names !== null) return;
    setNames([]);
    fetch("/go/names")
      .then((response) => (response.ok ? (response.json() as Promise<string[]>) : []))
      .then(setNames, () => setNames(null));
  };
  return (
    <form action="/go" method="get" role="search" aria-label="Go to function" className="go-to">
      <label htmlFor="go-to-function" className="sr-only">
        Go to function
      </label>
      <input
        ref={input}
        id="go-to-function"
        name="name"
        type="search"
        list="function-names"
        placeholder="Go to function ( / )"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        onFocus={loadNames}
      />
      <datalist id="function-names">
        {names?.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </form>
  );
}
