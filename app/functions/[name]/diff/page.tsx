import { notFound } from "next/navigation";
import { DiffScreen } from "@/components/pages/screens";
import { functionPageRef } from "@/lib/pages/refs";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: Props) {
  const page = await functionPageRef(decodeURIComponent((await params).name));
  if (!page) notFound();
  return <DiffScreen page={page} search={await searchParams} />;
}
