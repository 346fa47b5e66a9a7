import { RevisionScreen, projectPageOf, type ProjectRoute } from "@/components/pages/screens";

export default async function Page({ params }: ProjectRoute<{ number: string }>) {
  return <RevisionScreen page={await projectPageOf(params)} number={(await params).number} />;
}
