import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PRIORITIES, type NeedRow } from "@/lib/pages/fields";

/** Needs lists read from each project's code (data/needs/, sources in data/needs/README.md). */
export const PROJECT_NEEDS: { slug: string; files: string[]; summary: string; text: string; caveats: string }[] = [
  {
    slug: "docker",
    files: ["runc.tsv"],
    summary:
      "Needs read from runc's code (Docker's runtime): opencontainers/runc at " +
      "76d9cf5da5683ff449ae967db58fa8c5927ca54b (v1.5.0-rc.1-213), libcontainer/nsenter",
    text:
      "The libc functions runc's `nsexec()` calls in the children it creates with `clone()`, before " +
      "the hand-off to the Go runtime (libcontainer/nsenter/nsexec.c and helpers).",
    caveats:
      "runc's nsexec() runs as a cgo constructor before the Go runtime starts, so the parent of these " +
      "clone() children is single-threaded; that is why it can use malloc, realloc and asprintf freely. " +
      "The Go part after the hand-off (cgo threads, libseccomp, libpathrs) was not analysed.",
  },
  {
    slug: "lxc",
    files: ["lxc.tsv"],
    summary:
      "Needs read from LXC's code: lxc/lxc at e7b855a51b81a6a562d121aa60e8581993beb203, src/lxc/start.c " +
      "(do_start) and one level of helpers",
    text:
      "The libc functions LXC's `do_start` calls in the cloned container child (src/lxc/start.c, " +
      "with one level into sync.c, af_unix.c, utils.c, caps.c, file_utils.c, conf.c and log.c).",
    caveats:
      "liblxc runs in multithreaded programs (LXD, Incus), and its log code avoids localtime/gmtime " +
      "after fork because they deadlocked there. Helpers deeper than one level (network setup, console " +
      "allocation, idmapped mounts, seccomp, AppArmor/SELinux, libcap) were not expanded.",
  },
  {
    slug: "systemd",
    files: ["systemd.tsv", "systemd-safe_fork.tsv"],
    summary:
      "Needs read from systemd's code: systemd/systemd-stable v254.19 " +
      "(dfb007ffe0a9aa3a1d0f7930131b129fbaa2b3d9), exec_child and safe_fork_full",
    text:
      "The libc functions systemd v254's forked service child calls before `execve()` " +
      "(src/core/execute.c `exec_child` and helpers), and the generic child prologue of " +
      "`safe_fork_full` (src/basic/process-util.c).",
    caveats:
      "This is systemd v254, the last release in which PID 1 forks and sets up each service in the " +
      "child. From v255 the same work runs in systemd-executor after an exec, outside the fork-to-exec " +
      "window. Mount-namespace, seccomp, capability, SELinux/AppArmor and cgroup helpers were not " +
      "expanded, so calls such as mount, umount2, unshare and pivot_root made there are missing.",
  },
  {
    slug: "chrome",
    files: ["chromium.tsv"],
    summary:
      "Needs read from Chromium's code: base/process/launch_posix.cc at " +
      "778691eb62d4e165a818d10fe5009d2534bc1c42; sandbox/linux/services credentials.cc and " +
      "namespace_sandbox.cc at f24a8e130d36c035286d0b664743111ac6b10749",
    text:
      "The libc functions Chromium's process launcher and Linux namespace sandbox call in the child " +
      "between fork/clone and exec.",
    caveats:
      "The files were read at different commits. namespace_utils.cc, syscall_wrappers.cc, " +
      "file_descriptor_shuffle.cc and logging.cc were not read, so the sys_* wrappers (unshare, chroot, " +
      "capset, getresuid) are listed by their system call name and may be raw syscall() rather than the libc wrappers.",
  },
];

const rowSchema = z.tuple([z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.enum(PRIORITIES), z.string(), z.string()]);
const RANK: Record<NeedRow["priority"], number> = { required: 0, convenient: 1, "can-work-around": 2 };

/**
 * Reads one or more needs TSVs (function, priority, context, source_path) into rows; a function
 * listed twice keeps the higher priority and both contexts.
 */
export function readNeedsTsv(dir: string, files: string[]): NeedRow[] {
  const rows = new Map<string, NeedRow>();
  for (const file of files) {
    const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
    lines.slice(1).forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = rowSchema.safeParse(line.split("\t"));
      if (!parsed.success) throw new Error(`${file}:${i + 2}: expected function, priority, context, source_path`);
      const [fn, priority, context, source] = parsed.data;
      const row: NeedRow = { function: fn, priority, context, rationale: `Seen in ${source.replaceAll(";", "; ")}` };
      const existing = rows.get(fn);
      if (!existing) rows.set(fn, row);
      else {
        rows.set(fn, {
          function: fn,
          priority: RANK[priority] < RANK[existing.priority] ? priority : existing.priority,
          context: [existing.context, context].filter(Boolean).join("; "),
          rationale: `${existing.rationale}; ${row.rationale.replace(/^Seen in /, "")}`,
        });
      }
    });
  }
  return [...rows.values()];
}
