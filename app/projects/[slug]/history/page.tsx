import { notFound } from "next/navigation";
import { HistoryScreen } from "@/components/pages/screens";
import { projectPageRef } from "@/lib/pages/refs";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: Props) {
  const page = await projectPageRef((await params).slug);
  if (!page) notFound();
  return <HistoryScreen page={page} search={await searchParams} />;
}
