import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

// The options are built per request: the signing secret can rotate and cookies follow the request's protocol.
async function handler(request: NextRequest, context: Context): Promise<Response> {
  // next-auth's types predate async params; it awaits them itself.
  return NextAuth(request, context as unknown as { params: { nextauth: string[] } }, await authOptions());
}

export { handler as GET, handler as POST };
