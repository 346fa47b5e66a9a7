"use client";

import { useState } from "react";

/**
 * Copies the text of the element with id `targetId` (a <pre>, say) to the
 * clipboard. Reads the text from the page rather than taking it as a prop,
 * so a long text is not sent to the browser twice. Falls back to a hidden
 * textarea where the Clipboard API is unavailable (plain-HTTP sites).
 */
export function CopyButton({ targetId, label = "Copy to clipboard" }: { targetId: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    const text = document.getElementById(targetId)?.textContent ?? "";
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
      } else {
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        const ok = document.execCommand("copy");
        area.remove();
        if (!ok) throw new Error("copy refused");
      }
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="inline-form">
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      <span role="status" aria-live="polite" className="small" data-testid="copy-status">
        {state === "copied"
          ? "Copied."
          : state === "failed"
            ? "Your browser refused to copy: select the text and copy it by hand."
            : ""}
      </span>
    </span>
  );
}
