"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <section className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-stone-600">Please try again.</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md border px-4 py-2 text-sm">
        Try again
      </button>
    </section>
  );
}
