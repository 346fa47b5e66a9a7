import { z } from "zod";
import { HAZARD_KINDS, ROUTES } from "@/lib/reachability/hazards";

// A function's reachability in the API: what it reaches through direct calls in the analysed libc build.

export const reachabilitySchema = z
  .object({
    hazards: z
      .array(
        z.object({
          kind: z.enum(HAZARD_KINDS).describe("lock, malloc, or setxid (the set*id broadcast to all threads)."),
          route: z
            .enum(ROUTES)
            .describe(
              "normal: a path avoids the fatal-error and cancellation functions; cancellation: only paths " +
                "through cancellation or unwinding; fatal: only paths through a fatal-error function.",
            ),
          path: z.array(z.string()).describe("One shortest call path of that route, from the function itself."),
        }),
      )
      .describe("Normal-route hazards first; an empty list means none is reached by direct calls."),
    indirectCalls: z
      .number()
      .int()
      .describe("Functions with an indirect call among those reachable by the normal route: not followed, not safe."),
    source: z
      .object({ package: z.string(), buildId: z.string(), library: z.string() })
      .describe("The build the evidence was read from."),
  })
  .nullable()
  .describe("What the function reaches in the analysed C library; null when that library does not define it.");

export type ReachabilityJson = z.infer<typeof reachabilitySchema>;
