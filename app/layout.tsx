import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

// Every page reads the live database; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Afterfork", template: "%s · Afterfork" },
  description:
    "Which C library functions are safe to call in the child after fork() in a multithreaded program: " +
    "requests, estimates, review and the agreed list.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main">{children}</main>
        <footer className="site-footer">
          Afterfork records what glibc maintainers agree is safe after <code>fork()</code> in a multithreaded program.
          Reference facts come from the glibc manual and the Linux man-pages; see each page for its source.{" "}
          <a href="/api">JSON API</a> · <a href="/audit">Audit trail</a>
        </footer>
      </body>
    </html>
  );
}
