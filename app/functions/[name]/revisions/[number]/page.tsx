import { RevisionScreen, functionPageOf, type FunctionRoute } from "@/components/pages/screens";

export default async function Page({ params }: FunctionRoute<{ number: string }>) {
  return <RevisionScreen page={await functionPageOf(params)} number={(await params).number} />;
}
