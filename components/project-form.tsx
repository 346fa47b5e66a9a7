"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, SubmitButton } from "@/components/form-state";
import { submitWithoutReset } from "@/components/submit-without-reset";
import { idleState } from "@/lib/server/actions/state";
import { saveProjectAction } from "@/lib/projects/admin-actions";

interface Props {
  project?: { id: number; slug: string; name: string; homepage: string; description: string; caveats: string };
}

/** Create (no project) or edit a project. */
export function ProjectForm({ project }: Props) {
  const [state, formAction, pending] = useActionState(saveProjectAction, idleState);
  const id = project ? `p${project.id}` : "new";
  return (
    <form
      onSubmit={submitWithoutReset(formAction)}
      className="stack"
      aria-label={project ? `Edit ${project.name}` : "New project"}
    >
      <FormMessage state={state} />
      <input type="hidden" name="id" value={project?.id ?? ""} />
      <div className="field">
        <label htmlFor={`${id}-slug`}>Slug</label>
        <input id={`${id}-slug`} name="slug" defaultValue={project?.slug} required />
        <FieldError state={state} name="slug" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} name="name" defaultValue={project?.name} required />
        <FieldError state={state} name="name" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-homepage`}>Homepage</label>
        <input id={`${id}-homepage`} name="homepage" type="url" defaultValue={project?.homepage} />
        <FieldError state={state} name="homepage" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          name="description"
          defaultValue={project?.description}
          style={{ minHeight: "4rem" }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-caveats`}>Caveats shown beside its needs data</label>
        <textarea id={`${id}-caveats`} name="caveats" defaultValue={project?.caveats} style={{ minHeight: "4rem" }} />
      </div>
      <SubmitButton pending={pending}>{project ? "Save project" : "Create project"}</SubmitButton>
    </form>
  );
}
