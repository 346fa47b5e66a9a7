import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { ImportForm } from "@/components/import-form";
import { requireActor } from "@/lib/server/gate/page";
import { listReferenceImports } from "@/lib/reference/data";

export const metadata: Metadata = { title: "Reference imports" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ImportsPage() {
  await requireActor({ action: "reference.import" });
  const imports = await listReferenceImports();
  return (
    <>
      <h1>Reference imports</h1>
      <p className="muted">
        Runs the same importer as <code>npm run import</code>. An import is one transaction: a malformed file is refused
        with its file and line, and nothing changes.
      </p>
      <ImportForm />
      <h2>Past imports</h2>
      <DataTable
        label="Past imports"
        columns={["#", "Kind", "Source", "Added", "Changed", "Removed", "When", "By"]}
        empty="Nothing has been imported yet."
      >
        {imports.map((i) => (
          <tr key={i.id}>
            <td>{i.id}</td>
            <td>{i.kind.replace("_", "-")}</td>
            <td className="small">{i.source}</td>
            <td>{i.added}</td>
            <td>{i.changed}</td>
            <td>{i.removed}</td>
            <td className="small">{when.format(i.createdAt)} UTC</td>
            <td className="small">{i.importedBy?.name ?? "seed / command line"}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
