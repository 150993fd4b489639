import type { Metadata } from "next";
import Link from "next/link";

import { addAddress, changeAddress } from "@/app/_actions/profile";
import { requireUser } from "@/app/_lib/session";
import { AddressForm } from "@/components/account/profile-forms";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { listAddresses, MAX_ADDRESSES } from "@/lib/accounts";
import { COUNTRIES } from "@/lib/orders";

export const metadata: Metadata = { title: "Address book" };

export default async function AddressesPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string | string[] }>;
}) {
  const user = await requireUser("/account/addresses");
  const { notice } = await searchParams;
  const list = await listAddresses(user.id);
  return (
    <section className="flex max-w-xl flex-col gap-6">
      <Link href="/account" className="text-sm text-brand-700 underline">
        ← Your account
      </Link>
      <h1 className="text-2xl font-semibold">Address book</h1>
      {typeof notice === "string" ? (
        <FormMessage message={notice.slice(0, 200)} tone="info" />
      ) : null}
      {list.length === 0 ? (
        <p className="text-stone-600">No saved addresses yet.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {list.map((a) => (
            <li key={a.id} className="rounded-md border border-stone-200 bg-white p-3 text-sm">
              <p className="font-medium">
                {a.name}
                {a.isDefault ? <span className="ml-2 text-brand-700">(default)</span> : null}
              </p>
              <p className="text-stone-700">
                {[a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, a.country]
                  .filter(Boolean)
                  .join(", ")}
                {a.phone ? ` · ${a.phone}` : ""}
              </p>
              <div className="mt-2 flex gap-2">
                {a.isDefault ? null : (
                  <form action={changeAddress}>
                    <input type="hidden" name="addressId" value={a.id} />
                    <input type="hidden" name="op" value="default" />
                    <Button type="submit" variant="ghost">
                      Make default
                    </Button>
                  </form>
                )}
                <form action={changeAddress}>
                  <input type="hidden" name="addressId" value={a.id} />
                  <input type="hidden" name="op" value="delete" />
                  <Button type="submit" variant="ghost" aria-label={`Delete ${a.name}, ${a.line1}`}>
                    Delete
                  </Button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      )}
      {list.length < MAX_ADDRESSES ? (
        <section className="flex flex-col gap-3" aria-labelledby="add">
          <h2 id="add" className="text-lg font-semibold">
            Add an address
          </h2>
          <AddressForm action={addAddress} countries={COUNTRIES} />
        </section>
      ) : (
        <p className="text-stone-600">
          Your address book is full ({MAX_ADDRESSES}). Delete one to add another.
        </p>
      )}
    </section>
  );
}
