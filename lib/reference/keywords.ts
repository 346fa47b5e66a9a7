/**
 * What the glibc manual's safety keywords mean ("MT-Safe locale | AS-Unsafe corrupt heap | …").
 *
 * Source: the GNU C Library manual, manual/intro.texi, nodes "POSIX Safety Concepts",
 * "Unsafe Features", "Conditionally Safe Features" and "Other Safety Remarks". It was read from
 * the bminor/glibc mirror at commit 0005e54f762b2ec65cee2c4ecf1e9d42612030f0. A copy at
 * 64d9ebae87731f1604a41e9df9bbe3c80c6cb5b8 has the same text. The meanings below are short
 * summaries in our own words, with a few short quotes. The manual is © FSF, GFDL 1.3 or later.
 */

export type SafetyLevel = "MT-Safe" | "MT-Unsafe" | "AS-Safe" | "AS-Unsafe" | "AC-Safe" | "AC-Unsafe";
/** The three safety contexts: Multi-Thread, Asynchronous Signal, Asynchronous Cancellation. */
export type SafetyContext = "MT" | "AS" | "AC";

export interface KeywordMeaning {
  keyword: string;
  title: string;
  /** 1–3 sentences that hold in any context the keyword appears in. */
  meaning: string;
  /** The manual's node that defines the keyword. */
  section: "Unsafe Features" | "Conditionally Safe Features" | "Other Safety Remarks";
  /**
   * A more precise meaning when the keyword is an issue in this context (MT, AS or AC) or
   * under this level. A full level such as "MT-Safe" is looked up before its context "MT".
   */
  byContext?: Partial<Record<SafetyContext | SafetyLevel, string>>;
}

export const SAFETY_LEVELS: Record<SafetyLevel, string> = {
  "MT-Safe":
    "Thread-Safe: safe to call while other threads are running (MT = Multi Thread). It does not mean the call is atomic. Two MT-Safe calls made one after the other are not atomic together, so other threads can still interfere between them.",
  "MT-Unsafe":
    "Not safe to call while other threads are running: calling it there is undefined behaviour. The manual says to treat any function that is not documented as MT-Safe as MT-Unsafe.",
  "AS-Safe":
    "Async-Signal-Safe: safe to call from an asynchronous signal handler (AS = Asynchronous Signal). It may still set errno or change the floating-point environment, so the handler must save those and restore them before it returns.",
  "AS-Unsafe":
    "Not safe to call from an asynchronous signal handler: calling it there is undefined behaviour. The manual says to treat any function that is not documented as AS-Safe as AS-Unsafe.",
  "AC-Safe":
    "Async-Cancel-Safe: safe to call while asynchronous thread cancellation is enabled (AC = Asynchronous Cancellation). POSIX makes only pthread_cancel, pthread_setcancelstate and pthread_setcanceltype AC-Safe. glibc guarantees nothing beyond those three: any other AC-Safe note describes the current implementation.",
  "AC-Unsafe":
    "Not safe to call while asynchronous thread cancellation is enabled: calling it then is undefined behaviour. The manual says to treat any function that is not documented as AC-Safe as AC-Unsafe.",
};

/** The "Preliminary" remark that the manual puts before almost every annotation. */
export const PRELIMINARY =
  "These safety properties describe glibc's current implementation. They may change in future releases, so do not rely on them.";

/** The two pieces of note syntax that the manual explains with the keywords. */
export const NOTE_SYNTAX = {
  ":identifier":
    "An identifier after a colon groups the functions that touch the same unguarded data (as in race and const) or gives more detail, such as the signal for sig. Functions that share an identifier need the same lock to be used safely.",
  "/condition":
    "A condition after a slash means the mark applies only when it holds, for example /hurd (Hurd kernel), /!linux!bsd (neither Linux nor BSD) or /!ps (argument ps is NULL). If every unsafe mark has a condition and none of them holds, the function can be regarded as safe.",
} as const;

export const KEYWORDS: Record<string, KeywordMeaning> = {
  // ── Unsafe Features ─────────────────────────────────────────────────────────
  lock: {
    keyword: "lock",
    title: "Non-recursive lock",
    section: "Unsafe Features",
    meaning:
      "The function takes a non-recursive lock. A signal handler that interrupts it and takes the same lock deadlocks. If asynchronous cancellation interrupts it, the lock can stay taken, and every later attempt to take it blocks forever.",
    byContext: {
      AS: "The function can be interrupted by a signal while it holds a non-recursive lock. If the signal handler calls another function that takes the same lock, the program deadlocks.",
      AC: "If the function is cancelled asynchronously, it can fail to release a lock it holds. Every later attempt to take that lock then blocks forever.",
    },
  },
  corrupt: {
    keyword: "corrupt",
    title: "Data-structure corruption",
    section: "Unsafe Features",
    meaning:
      "The function updates internal data structures in steps. A signal handler that interrupts it, or asynchronous cancellation, can see or leave them partially updated, and later uses may misbehave.",
    byContext: {
      AS: "The function can corrupt data structures and misbehave if it interrupts, or is interrupted by, another such function. Its recursive locks prevent MT-Safety problems, but they do not stop a signal handler from seeing a partially updated structure.",
      AC: "If the function is cancelled asynchronously, it can leave data structures corrupt and partially updated, and later uses of them may misbehave.",
    },
  },
  heap: {
    keyword: "heap",
    title: "Uses malloc/free",
    section: "Unsafe Features",
    meaning:
      "The function can call heap functions of the malloc/free family and is only as safe as they are. The note is equivalent to “AS-Unsafe lock | AC-Unsafe lock fd mem”.",
  },
  dlopen: {
    keyword: "dlopen",
    title: "Dynamic loading",
    section: "Unsafe Features",
    meaning:
      "The function uses the dynamic loader to load shared libraries: it opens and maps files, allocates memory, resolves symbols and applies relocations while it holds the loader's internal locks. Those locks alone make it AS-Unsafe and AC-Unsafe. The keyword also stands for any other safety issue dlopen may cause.",
  },
  plugin: {
    keyword: "plugin",
    title: "Runs plugin code",
    section: "Unsafe Features",
    meaning:
      "The function can run code from plugins outside glibc, such as stack-unwinding libraries, NSS modules or iconv back-ends. The manual assumes plugin code is MT-Safe, AS-Unsafe and AC-Unsafe. Loading a plugin is marked dlopen; calling code from a plugin that is already loaded is marked plugin.",
  },
  i18n: {
    keyword: "i18n",
    title: "Uses gettext",
    section: "Unsafe Features",
    meaning:
      "The function can call internationalization functions of the gettext family and is only as safe as they are. The note is equivalent to “MT-Safe env | AS-Unsafe corrupt heap dlopen | AC-Unsafe corrupt”.",
  },
  timer: {
    keyword: "timer",
    title: "Sets an alarm",
    section: "Unsafe Features",
    meaning:
      "The function uses alarm or a similar call to set a time-out. In a multithreaded program the time-out signal can reach another thread, so the function is MT-Unsafe. It is also AS-Unsafe, because it can upset timers set by the code it interrupted, and AC-Unsafe, because cancellation may leave an earlier timer unrestored.",
    byContext: {
      "MT-Safe":
        "The function sets a timer, like alarm. In a multithreaded program the timer's signal can reach a thread other than the intended one. The manual still rates this function itself MT-Safe.",
    },
  },

  // ── Conditionally Safe Features ─────────────────────────────────────────────
  init: {
    keyword: "init",
    title: "First-call initialization",
    section: "Conditionally Safe Features",
    meaning:
      "The function initializes internal data the first time it is called. Call it once before you start threads, install signal handlers or enable asynchronous cancellation, and this problem goes away.",
    byContext: {
      MT: "The function performs MT-Unsafe initialization on its first call. Calling it once while the program still has one thread removes this reason for it to be MT-Unsafe.",
      AS: "The function initializes internal data through libc_once. A signal handler that interrupts this and needs the same kind of initialization can deadlock, or the initialization can run twice and leak or corrupt data. Do the initialization before you install signal handlers.",
      AC: "The function initializes internal data through libc_once. If cancellation interrupts the initialization, it can run again later and leak resources or corrupt internal data. Do the initialization before you enable asynchronous cancellation.",
    },
  },
  race: {
    keyword: "race",
    title: "Data race",
    section: "Conditionally Safe Features",
    meaning:
      "The function works on an object in a way that can cause data races with concurrent calls. If the object is internal to the library, such as a static return buffer, the function is MT-Unsafe and AS-Unsafe. If it is an opaque argument, such as a FILE stream, protecting it is the caller's job.",
    byContext: {
      "MT-Safe":
        "The function does not synchronize access to the opaque object you pass in, such as a stream for the *_unlocked functions. Avoiding concurrent use of that object is your job.",
      "MT-Unsafe":
        "The function uses an object owned by the library, such as an internal object or a static return buffer, without guarding it against concurrent use. That makes it MT-Unsafe and AS-Unsafe; the AS mark is left out as redundant.",
      AS: "The function uses an object controlled by the library, such as a static return buffer, without guarding it. A call from a signal handler can therefore interfere with the call it interrupted.",
    },
  },
  const: {
    keyword: "const",
    title: "Writes data treated as constant",
    section: "Conditionally Safe Features",
    meaning:
      "The function modifies, without atomicity, an internal object that much of glibc reads without synchronization as if it were constant. Only these writers are marked, as MT-Unsafe and AS-Unsafe. Functions that only read the object carry the bare identifier as a note and stay safe.",
  },
  sig: {
    keyword: "sig",
    title: "Temporary signal handler",
    section: "Conditionally Safe Features",
    meaning:
      "The function can briefly install a handler for a signal for its own use, which can interfere with other uses of that signal. That makes it MT-Unsafe and AS-Unsafe, and AC-Unsafe too because cancellation may leave the original handler unrestored. To call it safely, make sure nothing else uses the signal during the call.",
  },
  term: {
    keyword: "term",
    title: "Changes terminal settings",
    section: "Conditionally Safe Features",
    meaning:
      "The function changes terminal settings with tcgetattr, then tcsetattr. Between the two calls, changes made by other threads or signal handlers are lost. If cancelled, the function may also fail to restore the original settings.",
    byContext: {
      MT: "The function changes terminal settings with tcgetattr, then tcsetattr. Changes that other threads or signal handlers make between those two calls are lost, so the function is MT-Unsafe and AS-Unsafe. Hold one lock while you use the terminal and call these functions.",
      AC: "The function changes terminal settings for a moment and should restore them, but it may fail to if it is cancelled asynchronously.",
    },
  },

  // ── Other Safety Remarks ────────────────────────────────────────────────────
  locale: {
    keyword: "locale",
    title: "Reads the locale",
    section: "Other Safety Remarks",
    meaning:
      "The function reads the locale object without synchronization. If the locale changes during the call, the result can follow an unpredictable mix of locales. This does not make it unsafe, because functions that change the locale are marked const:locale and are themselves unsafe.",
  },
  env: {
    keyword: "env",
    title: "Reads the environment",
    section: "Other Safety Remarks",
    meaning:
      "The function reads the environment with getenv or a similar call, without guards against concurrent changes. This does not make it unsafe, because functions that change the environment are marked const:env and are themselves unsafe.",
  },
  hostid: {
    keyword: "hostid",
    title: "Reads the host ID",
    section: "Other Safety Remarks",
    meaning:
      "The function reads the system-wide “host ID”, which cannot generally be modified atomically. The host ID is not expected to change, so the reader (gethostid) counts as safe. The writer (sethostid) is marked const:hostid and needs coordination across the whole system.",
  },
  sigintr: {
    keyword: "sigintr",
    title: "Reads _sigintr",
    section: "Other Safety Remarks",
    meaning:
      "The function reads the internal _sigintr data structure without guards against concurrent changes. This does not make it unsafe, because functions that change _sigintr are marked const:sigintr and are themselves unsafe.",
  },
  fd: {
    keyword: "fd",
    title: "May leak file descriptors",
    section: "Other Safety Remarks",
    meaning:
      "Asynchronous thread cancellation can make the function leak file descriptors, because no operation can both allocate or release a descriptor and record it for a cleanup handler in one step. This alone does not make the function AC-Unsafe. If the leaks add up, suspend asynchronous cancellation around these calls.",
  },
  mem: {
    keyword: "mem",
    title: "May leak memory",
    section: "Other Safety Remarks",
    meaning:
      "Asynchronous thread cancellation can make the function leak memory, because no operation can both allocate or free memory and record it for a cleanup handler in one step. This alone does not make the function AC-Unsafe. If the leaks add up, disable asynchronous cancellation around these calls.",
  },
  cwd: {
    keyword: "cwd",
    title: "Changes the working directory",
    section: "Other Safety Remarks",
    meaning:
      "The function can change the current working directory for a moment. Other threads, signal handlers and cancellation handlers may then resolve relative pathnames in unexpected ways. This alone does not make the function unsafe. If the behaviour is optional, as with nftw and FTW_CHDIR, leaving it off is a good alternative.",
  },
  "!posix": {
    keyword: "!posix",
    title: "Differs from POSIX",
    section: "Other Safety Remarks",
    meaning:
      "The function's safety in glibc is known to differ from what POSIX specifies. For example, POSIX does not require it to be safe, but glibc's version is, or the other way round. Functions without this remark do not necessarily match POSIX.",
  },
};

/** KEYWORDS[key], but only for its own keys, so that "constructor" or "__proto__" is not found. */
export function lookupKeyword(keyword: string): KeywordMeaning | undefined {
  return Object.hasOwn(KEYWORDS, keyword) ? KEYWORDS[keyword] : undefined;
}

export interface NoteParts {
  keyword: string;
  identifier?: string;
  condition?: string;
}

/**
 * Splits "race:tcattr(filedes)/bsd" into keyword "race", identifier "tcattr(filedes)" and
 * condition "bsd". The keyword ends at the first ":" or "/". The identifier ends at the first
 * "/" outside parentheses. Everything after that slash is the condition.
 */
export function parseNote(note: string): NoteParts {
  const s = note.trim();
  const keywordEnd = s.search(/[:/]/);
  const keyword = keywordEnd === -1 ? s : s.slice(0, keywordEnd);
  if (keywordEnd === -1) return { keyword };
  let rest = s.slice(keywordEnd);
  let identifier: string | undefined;
  if (rest.startsWith(":")) {
    let depth = 0;
    let end = rest.length;
    for (let i = 1; i < rest.length; i++) {
      const c = rest[i];
      if (c === "(") depth++;
      else if (c === ")") depth = Math.max(0, depth - 1);
      else if (c === "/" && depth === 0) {
        end = i;
        break;
      }
    }
    identifier = rest.slice(1, end);
    rest = rest.slice(end);
  }
  const condition = rest.startsWith("/") ? rest.slice(1) : undefined;
  const parts: NoteParts = { keyword };
  if (identifier) parts.identifier = identifier;
  if (condition) parts.condition = condition;
  return parts;
}

function contextOf(level: SafetyLevel | undefined): SafetyContext | undefined {
  return level ? (level.slice(0, 2) as SafetyContext) : undefined;
}

/** The meaning of a known keyword in a context: the level's text, else the context's, else the general one. */
export function keywordMeaning(entry: KeywordMeaning, level?: SafetyLevel): string {
  const ctx = contextOf(level);
  return (level && entry.byContext?.[level]) ?? (ctx && entry.byContext?.[ctx]) ?? entry.meaning;
}

/** What an identifier such as "tcattr(filedes)" or "buf(arg)" names. */
function describeIdentifier(id: string): string {
  const m = /^([A-Za-z_][\w-]*)\(([^()]*)\)$/.exec(id);
  if (!m) return `'${id}'`;
  const [, what, arg] = m;
  if (what === "tcattr") return `'${id}' (the terminal attributes of file descriptor ${arg})`;
  if (what === "buf") return `'${id}' (a buffer associated with argument ${arg})`;
  return `'${id}' (${what} associated with argument ${arg})`;
}

function identifierSentence(keyword: string, id: string, level: SafetyLevel | undefined): string {
  const named = describeIdentifier(id);
  switch (keyword) {
    case "race":
      if (level === "MT-Safe") {
        return `Here ${named} is the argument that the caller must keep from concurrent use.`;
      }
      return `The identifier ${named} stands for the unguarded object and groups every function marked race:${id}. Holding one non-recursive mutex for '${id}' around all those calls, and while a returned buffer is still in use, removes the MT-Safety issue; calls from signal handlers stay unsafe.`;
    case "const":
      return `Here the object is ${named}, and its readers are marked '${id}'. To call this function safely, use one non-recursive rwlock for '${id}': take the write lock around every const:${id} call and the read lock around every call marked '${id}'. Calls from signal handlers stay unsafe.`;
    case "sig": {
      const signal = /^SIG/.test(id) ? id : `SIG${id}`;
      return `Here the signal is ${signal}. Hold a mutex around every call that uses it, block it before the call and restore its handler afterwards.`;
    }
    default:
      return `The identifier ${named} groups the functions affected by the same issue, which need the same synchronization to be used safely.`;
  }
}

const KERNELS: Record<string, string> = { linux: "Linux", hurd: "the Hurd", bsd: "a BSD kernel" };

function joinOr(items: string[], word: "or" | "nor"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${word} ${items[items.length - 1]}`;
}

/** "hurd" → "only when the underlying kernel is the Hurd"; "!ps" → "only when ps is NULL (or zero)"; and so on. */
function conditionSentence(condition: string): string {
  const terms = /^(?:!?[A-Za-z_]\w*)+$/.test(condition) ? (condition.match(/!?[A-Za-z_]\w*/g) ?? []) : [];
  let when: string;
  const negated = terms.filter((t) => t.startsWith("!")).map((t) => t.slice(1));
  const plain = terms.filter((t) => !t.startsWith("!"));
  const isKernel = (t: string) => Object.hasOwn(KERNELS, t);
  if (terms.length > 0 && terms.every((t) => isKernel(t.replace(/^!/, "")))) {
    if (plain.length === 0)
      when = `the underlying kernel is neither ${joinOr(
        negated.map((k) => KERNELS[k]!),
        "nor",
      )}`;
    else if (negated.length === 0)
      when = `the underlying kernel is ${joinOr(
        plain.map((k) => KERNELS[k]!),
        "or",
      )}`;
    else when = `'${condition}' holds for the underlying kernel`;
  } else if (terms.length === 1 && negated.length === 1) {
    when = `${negated[0]} is NULL (or zero)`;
  } else if (terms.length === 1) {
    when = `${plain[0]} is non-zero (not NULL)`;
  } else {
    when = `the condition '${condition}' holds`;
  }
  return `This mark applies only when ${when}.`;
}

/**
 * Explains one note as written in an annotation, such as "race:stream", "const:locale",
 * "lock/hurd" or "sig:ALRM". Pass the level it appears under (e.g. "AS-Unsafe") to get the
 * meaning for that context. `text` is "note — explanation"; `explanation` is the same text
 * without the note in front. Unknown keywords get a generic text; this never throws.
 */
export function explainNote(
  note: string,
  level?: SafetyLevel,
): { keyword: string; identifier?: string; condition?: string; text: string; explanation: string } {
  const label = note.trim();
  const parts = parseNote(label);
  const entry = lookupKeyword(parts.keyword);
  const sentences: string[] = [];
  if (entry) {
    sentences.push(keywordMeaning(entry, level));
  } else if (parts.keyword === "") {
    sentences.push("This note has no keyword, so the glibc manual gives no meaning for it.");
  } else {
    sentences.push(
      `'${parts.keyword}' is not one of the keywords defined in the glibc manual's “POSIX Safety Concepts” section; see the manual's entry for this function.`,
    );
  }
  if (parts.identifier) sentences.push(identifierSentence(parts.keyword, parts.identifier, level));
  if (parts.condition) sentences.push(conditionSentence(parts.condition));
  const explanation = sentences.join(" ");
  return { ...parts, text: `${label || "(empty note)"} — ${explanation}`, explanation };
}
