import { DEFAULT_GUARANTEE, type NeedRow, type ProposalFields } from "@/lib/pages/fields";

export const SYSTEM_USER = { email: "system@afterfork.invalid", name: "Afterfork seed" };

export const PROJECTS = [
  {
    slug: "linted",
    name: "linted",
    homepage: "https://github.com/mstewartgallus/linted",
    description:
      "A small sandbox and process manager by Steven Stewart-Gallus. Its question on libc-help in 2014 " +
      "started this list.",
  },
  {
    slug: "systemd",
    name: "systemd",
    homepage: "https://systemd.io",
    description:
      "The system and service manager. PID 1 forks each service's child and sets it up (namespaces, " +
      "credentials, mounts) before exec.",
  },
  {
    slug: "lxc",
    name: "LXC",
    homepage: "https://linuxcontainers.org/lxc/",
    description:
      "Linux containers. liblxc sets up the container in a cloned child and is used from multithreaded " +
      "programs such as LXD and Incus.",
  },
  {
    slug: "docker",
    name: "Docker",
    homepage: "https://www.docker.com",
    description: "Docker's containers are started by runc, the OCI runtime; its needs list is runc's.",
  },
  {
    slug: "chrome",
    name: "Chrome",
    homepage: "https://www.chromium.org/developers/design-documents/sandbox/",
    description:
      "Chromium's process launcher and Linux namespace sandbox, which set up children between fork or clone and exec.",
  },
] as const;

const THREAD = "the 2014 libc-help thread on what glibc guarantees after fork() in a multithreaded program";

interface ThreadEstimate {
  name: string;
  fields: ProposalFields;
  text: string;
}

function estimate(
  name: string,
  implementationKind: ProposalFields["implementationKind"],
  asSafety: ProposalFields["asSafety"],
  implementationNote = "",
  extra = "",
): ThreadEstimate {
  const words = [implementationKind, implementationNote, asSafety].filter(Boolean).join(", ");
  return {
    name,
    fields: { guarantee: DEFAULT_GUARANTEE, implementationKind, implementationNote, asSafety },
    text:
      `linted asked for \`${name}\` to be safe in the child after \`fork()\` in a multithreaded ` +
      `program.\n\nThe maintainer's estimate in ${THREAD}: **${words}**.${extra ? `\n\n${extra}` : ""}`,
  };
}

/** The estimates as the maintainer wrote them in the thread. */
export const THREAD_ESTIMATES: ThreadEstimate[] = [
  estimate("unshare", "syscall stub", "AS-safe"),
  estimate("mount", "syscall stub", "AS-safe"),
  estimate(
    "syscall",
    "assembly stub",
    "AS-safe",
    "pure function",
    "linted needs it only to call `pivot_root`, which glibc has no wrapper for.",
  ),
  estimate("umount2", "syscall stub", "AS-safe"),
  estimate(
    "setgroups",
    "complex",
    "AS-unsafe",
    "",
    "glibc broadcasts the change to every thread of the process, which is more than a system call.",
  ),
  estimate(
    "cap_set_proc",
    "unknown",
    "unknown",
    "libcap, not glibc",
    "`cap_set_proc` belongs to libcap, not glibc; glibc cannot promise anything about it.",
  ),
  estimate("prctl", "syscall stub", "AS-safe"),
];

export const THREAD_SUMMARY = "Estimate as given in the 2014 libc-help thread";

const required = (fn: string, context = "", rationale = ""): NeedRow => ({
  function: fn,
  priority: "required",
  rationale,
  context,
});
const convenient = (fn: string, context = "", rationale = ""): NeedRow => ({
  function: fn,
  priority: "convenient",
  rationale,
  context,
});

/** linted's needs as its author listed them on libc-help in 2014. */
export const LINTED_2014 = {
  summary: "linted's needs as posted to libc-help (2014)",
  text: [
    "The functions linted's sandbox needs to be safe in the child after a `fork()` from a threaded " +
      "program, as listed on libc-help in 2014.",
    "",
    "linted also reads `errno` after each failing call, which in glibc means calling " +
      "`__errno_location`; it should be safe too.",
  ].join("\n"),
  rows: [
    required("unshare", "", "Creates the sandbox's new namespaces."),
    required("mount", "", "Sets up the sandbox's file system."),
    required("syscall", "for pivot_root only", "glibc has no pivot_root wrapper."),
    required("umount2", "", "Detaches the old root after pivot_root."),
    required("setgroups", "", "Drops supplementary groups."),
    required("cap_set_proc", "", "Drops capabilities (libcap)."),
    required("prctl", "", "Sets the no-new-privileges and death-signal flags."),
    convenient("assert"),
    convenient("memmove"),
    convenient("pthread_sigmask"),
    convenient("getpriority"),
    {
      function: "setpriority",
      priority: "can-work-around",
      rationale: "Annoying and difficult to work around.",
      context: "",
    },
  ] satisfies NeedRow[],
};

/** Sections of data/needs/linted-2017.txt mapped to priority and context. */
export const LINTED_2017_SECTIONS: Record<string, { priority: NeedRow["priority"]; context: string }> = {
  "called directly in the child (spawn.c)": { priority: "required", context: "called directly in the child (spawn.c)" },
  "via linted inline helpers": {
    priority: "required",
    context: "via linted's inline helpers (lntd_prctl_set_death_sig)",
  },
  "via lntd_io_write_all (error-report path: child writes errno to a pipe before _Exit)": {
    priority: "convenient",
    context: "error-report path: the child writes errno to a pipe before _Exit",
  },
};

export const LINTED_2017 = {
  summary:
    "Add what linted's spawn code actually called after vfork() in 2017: mstewartgallus/linted " +
    "src/spawn/spawn.c at 4d4cf9390353ea045b95671474ab278456793a35",
  text: [
    "The functions linted's sandbox needs to be safe in the child after a `fork()` from a threaded " +
      "program, as listed on libc-help in 2014, together with the libc functions reached on the child " +
      "side of linted's spawn after `vfork()`, read from the code (src/spawn/spawn.c at commit " +
      "4d4cf9390353ea045b95671474ab278456793a35, 2017-03-07, and the helpers it calls).",
    "",
    "The child also reads `errno` after each failing call (`__errno_location` in glibc) and `environ` " +
      "when envp is NULL.",
  ].join("\n"),
};
