// glibc's syscalls.list files: one line per system call stub that make-syscalls.sh generates.

export interface SyscallsListEntry {
  /** "File name" column: the object the stub is built as. */
  file: string;
  caller: string;
  syscall: string;
  args: string;
  strong: string;
  /** Weak names with any `@VERSION` suffix stripped. */
  weak: string[];
  /** 1-based line in the file. */
  line: number;
}

/**
 * Parse a syscalls.list: `# comments`, blank lines dropped; columns are white-space separated:
 * file, caller, syscall name, args, strong name, then zero or more weak names.
 */
export function parseSyscallsList(text: string): SyscallsListEntry[] {
  const out: SyscallsListEntry[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const words = raw
      .replace(/#.*$/, "")
      .trim()
      .split(/\s+/)
      .filter((w) => w);
    if (words.length < 5) continue;
    const [file, caller, syscall, args, strong, ...weak] = words as [
      string,
      string,
      string,
      string,
      string,
      ...string[],
    ];
    out.push({ file, caller, syscall, args, strong, weak: weak.map(stripVersion).filter((w) => w), line: i + 1 });
  }
  return out;
}

function stripVersion(name: string): string {
  const at = name.indexOf("@");
  return at < 0 ? name : name.slice(0, at);
}
