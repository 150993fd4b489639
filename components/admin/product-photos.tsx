"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { ProductPhoto } from "@/lib/catalog";
import { ACCEPTED_TYPES, MEDIA_LIMITS } from "@/lib/media/schemas";

type Problem = { detail?: string; errors?: { path: string; message: string }[] };

/** The API's own words for a refusal (its problem document is written for people). */
async function problemText(res: Response): Promise<string> {
  try {
    const p = (await res.json()) as Problem;
    return p.errors?.[0]?.message ?? p.detail ?? `The store answered ${res.status}.`;
  } catch {
    return res.status === 413
      ? `The file is over ${MEDIA_LIMITS.fileBytes / (1024 * 1024)} MB.`
      : `The store answered ${res.status}.`;
  }
}

/**
 * The product's photos: upload with alt text, relabel, reorder and delete. It talks to the JSON API
 * (same origin, the admin's session cookie) rather than a server action, so an upload meets the
 * one bounded multipart reader and its 10 MB limit, counted while reading.
 */
export function ProductPhotos({
  productId,
  photos,
}: {
  productId: string;
  photos: ProductPhoto[];
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [pending, startTransition] = useTransition();
  const base = `/api/v1/admin/products/${encodeURIComponent(productId)}/images`;

  function run(work: () => Promise<string | null>, done: string) {
    setMessage(null);
    startTransition(async () => {
      try {
        const failure = await work();
        setMessage(failure ? { text: failure, tone: "error" } : { text: done, tone: "info" });
        if (!failure) router.refresh();
      } catch {
        setMessage({ text: "The store could not be reached. Try again.", tone: "error" });
      }
    });
  }

  function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setMessage({ text: "Choose a photo to upload.", tone: "error" });
      return;
    }
    if (file.size > MEDIA_LIMITS.fileBytes) {
      setMessage({
        text: `The file is over ${MEDIA_LIMITS.fileBytes / (1024 * 1024)} MB.`,
        tone: "error",
      });
      return;
    }
    run(async () => {
      const res = await fetch(base, { method: "POST", body: data });
      if (!res.ok) return problemText(res);
      form.reset();
      return null;
    }, "Photo uploaded.");
  }

  const patch = (id: string, body: { alt?: string; position?: number }, done: string) =>
    run(async () => {
      const res = await fetch(`${base}/${encodeURIComponent(id)}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return res.ok ? null : problemText(res);
    }, done);

  const remove = (id: string) =>
    run(async () => {
      const res = await fetch(`${base}/${encodeURIComponent(id)}`, { method: "DELETE" });
      return res.ok ? null : problemText(res);
    }, "Photo deleted.");

  return (
    <section aria-labelledby="photos-heading" className="flex flex-col gap-4" aria-busy={pending}>
      <h2 id="photos-heading" className="text-lg font-semibold">
        Photos
      </h2>
      {photos.length === 0 ? (
        <p className="text-sm text-stone-600">
          No photos yet: the store shows a generated picture of the name.
        </p>
      ) : (
        <ol className="flex flex-col gap-3" aria-label="Photos in the order shoppers see them">
          {photos.map((photo, i) => (
            <li
              key={photo.id}
              className="flex flex-wrap items-end gap-3 rounded-md border border-stone-200 bg-white p-3"
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- a stored rendition, already sized */}
              <img
                src={photo.url}
                srcSet={photo.srcset}
                sizes="6rem"
                width={photo.width}
                height={photo.height}
                alt={photo.alt}
                className="h-24 w-24 rounded object-cover"
              />
              <form
                className="flex flex-1 flex-wrap items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  const alt = String(new FormData(e.currentTarget).get("alt") ?? "");
                  patch(photo.id, { alt }, "Alt text saved.");
                }}
              >
                <Field
                  label={`Alt text of photo ${i + 1}`}
                  id={`photo-alt-${photo.id}`}
                  name="alt"
                  defaultValue={photo.alt}
                  maxLength={MEDIA_LIMITS.altChars}
                  size="sm"
                  className="min-w-48 flex-1"
                />
                <Button type="submit" variant="secondary" disabled={pending}>
                  Save alt text
                </Button>
              </form>
              <div className="flex gap-1">
                <Button
                  type="button"
                  variant="ghost"
                  disabled={pending || i === 0}
                  aria-label={`Move photo ${i + 1} earlier`}
                  onClick={() => patch(photo.id, { position: i - 1 }, "Photo moved.")}
                >
                  ↑
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  disabled={pending || i === photos.length - 1}
                  aria-label={`Move photo ${i + 1} later`}
                  onClick={() => patch(photo.id, { position: i + 1 }, "Photo moved.")}
                >
                  ↓
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  disabled={pending}
                  aria-label={`Delete photo ${i + 1}`}
                  onClick={() => remove(photo.id)}
                >
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={upload} className="flex flex-wrap items-end gap-3" noValidate>
        <Field
          label="Photo"
          name="file"
          type="file"
          accept={Object.keys(ACCEPTED_TYPES).join(",")}
          hint={`JPEG, PNG, WebP or AVIF, up to ${MEDIA_LIMITS.fileBytes / (1024 * 1024)} MB.`}
        />
        <Field
          label="Alt text"
          id="new-photo-alt"
          name="alt"
          maxLength={MEDIA_LIMITS.altChars}
          hint="What the photo shows, for people who cannot see it."
          className="min-w-64 flex-1"
        />
        <Button type="submit" disabled={pending || photos.length >= MEDIA_LIMITS.imagesPerProduct}>
          {pending ? "Working…" : "Upload photo"}
        </Button>
      </form>
      {message ? <FormMessage message={message.text} tone={message.tone} /> : null}
    </section>
  );
}
