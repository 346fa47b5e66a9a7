import { createServer } from "node:http";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { MailSender } from "@/lib/mail/sender";
import { gracefulShutdown } from "@/lib/server/shutdown";

describe("shutdown with background work", () => {
  it("stops the mail sender at the signal and closes resources only after its round has finished", async () => {
    const events: string[] = [];
    let finishRound: () => void = () => {};
    // A database whose first query (the round's digest step) waits until the test lets it finish; the
    // round's other queries find nothing to send.
    let queries = 0;
    const db = {
      query: async () => {
        if (queries++ === 0) {
          events.push("round started");
          await new Promise<void>((resolve) => (finishRound = resolve));
          events.push("round finished");
        }
        return { rows: [], rowCount: 0 };
      },
    } as never;
    const sender = new MailSender({ db, secret: async () => "s", pollMs: 10 });
    sender.start();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const exited = new Promise<number>((resolve) => {
      const stop = gracefulShutdown(server, {
        timeoutMs: 5_000,
        logger: pino({ level: "silent" }),
        startDraining: () => events.push("draining"),
        stopBackground: () => sender.stop(),
        closeResources: async () => events.push("resources closed"),
        exit: resolve,
      });
      stop("SIGTERM");
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(["round started", "draining"]);
    finishRound();
    expect(await exited).toBe(0);
    expect(events.slice(2)).toEqual(["round finished", "resources closed"]);
  });
});
