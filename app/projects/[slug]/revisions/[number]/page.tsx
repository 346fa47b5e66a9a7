import { notFound } from "next/navigation";
import { RevisionScreen } from "@/components/pages/screens";
import { projectPageRef } from "@/lib/pages/refs";

type Props = { params: Promise<{ slug: string; number: string }> };

export default async function Page({ params }: Props) {
  const page = await projectPageRef((await params).slug);
  if (!page) notFound();
  return <RevisionScreen page={page} number={(await params).number} />;
}
