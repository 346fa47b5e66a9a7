-- Implementation evidence records the symbol provider (when the routine winner compiles to nothing),
-- the line of the definition, the system calls made, the internal functions a wrapper goes through
-- and the stub's flags (issue 20).
ALTER TABLE "implementation_evidence"
  ADD COLUMN "provider" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "line" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "syscalls" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "via" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "flags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
