import { HistoryScreen, functionPageOf, type FunctionRoute } from "@/components/pages/screens";

export default async function Page({ params, searchParams }: FunctionRoute) {
  return <HistoryScreen page={await functionPageOf(params)} search={await searchParams} />;
}
