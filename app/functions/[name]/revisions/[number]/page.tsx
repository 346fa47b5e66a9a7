import { notFound } from "next/navigation";
import { RevisionScreen } from "@/components/pages/screens";
import { functionPageRef } from "@/lib/pages/refs";

type Props = { params: Promise<{ name: string; number: string }> };

export default async function Page({ params }: Props) {
  const page = await functionPageRef(decodeURIComponent((await params).name));
  if (!page) notFound();
  return <RevisionScreen page={page} number={(await params).number} />;
}
