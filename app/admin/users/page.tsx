import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { DataTable } from "@/components/data-table";
import { requireActor } from "@/lib/server/gate/page";
import { listProjects } from "@/lib/projects/data";
import { setDisabledAction, setProjectsAction, setRoleAction } from "@/lib/users/actions";
import { listUsersForAdmin } from "@/lib/users/data";
import { ROLES } from "@/lib/users/roles";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  await requireActor({ action: "users.manage" });
  const [users, projects] = await Promise.all([listUsersForAdmin(), listProjects()]);
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        Grant roles, link representatives to their projects, disable accounts. Every change is audited.
      </p>
      <DataTable label="Users" columns={["User", "Role", "Projects represented", "Account"]}>
        {users.map((user) => (
          <tr key={user.id} data-testid={`user-${user.email}`}>
            <td>
              <strong>{user.name}</strong>
              <br />
              <span className="small muted">{user.email}</span>
            </td>
            <td>
              <ActionForm action={setRoleAction} label={`Role of ${user.email}`}>
                <input type="hidden" name="userId" value={user.id} />
                <select name="role" defaultValue={user.role} aria-label={`Role of ${user.email}`}>
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
                <button type="submit" className="button small">
                  Set role
                </button>
              </ActionForm>
            </td>
            <td>
              <ActionForm action={setProjectsAction} label={`Projects of ${user.email}`} className="">
                <input type="hidden" name="userId" value={user.id} />
                <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                  <legend className="sr-only">Projects {user.name} represents</legend>
                  {projects.map((project) => (
                    <label key={project.id} className="small" style={{ marginRight: "0.6rem", whiteSpace: "nowrap" }}>
                      <input
                        type="checkbox"
                        name="projectIds"
                        value={project.id}
                        defaultChecked={user.projects.some((p) => p.projectId === project.id)}
                      />{" "}
                      {project.name}
                    </label>
                  ))}
                </fieldset>
                <button type="submit" className="button small secondary">
                  Save projects
                </button>
              </ActionForm>
            </td>
            <td>
              <ActionForm action={setDisabledAction} label={`Account of ${user.email}`}>
                <input type="hidden" name="userId" value={user.id} />
                <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
                {user.disabled ? <span className="badge unsafe">disabled</span> : null}
                <button type="submit" className={`button small ${user.disabled ? "secondary" : "danger"}`}>
                  {user.disabled ? "Enable" : "Disable"}
                </button>
              </ActionForm>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
