import { HistoryScreen, projectPageOf, type ProjectRoute } from "@/components/pages/screens";

export default async function Page({ params, searchParams }: ProjectRoute) {
  return <HistoryScreen page={await projectPageOf(params)} search={await searchParams} />;
}
