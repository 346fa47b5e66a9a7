import { DiffScreen, functionPageOf, type FunctionRoute } from "@/components/pages/screens";

export default async function Page({ params, searchParams }: FunctionRoute) {
  return <DiffScreen page={await functionPageOf(params)} search={await searchParams} />;
}
