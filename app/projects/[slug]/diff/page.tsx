import { DiffScreen, projectPageOf, type ProjectRoute } from "@/components/pages/screens";

export default async function Page({ params, searchParams }: ProjectRoute) {
  return <DiffScreen page={await projectPageOf(params)} search={await searchParams} />;
}
