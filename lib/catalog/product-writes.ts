import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";

import { type Tx, writeTransaction } from "@/db";
import {
  productAttributes,
  productOptions,
  productOptionValues,
  products,
  productVariants,
  variantOptionValues,
} from "@/db/schema";
import { newId } from "@/lib/ids";

import { assertCategory, categoryPath } from "./categories";
import { conflict, invalid, mapUniqueViolation, notFound } from "./problems";
import { getProduct, toVariant } from "./products";
import type { CreateProductInput, UpdateProductInput, UpdateVariantInput } from "./schemas";
import { nextSearchRowid, searchBody, writeFacetRows, writeSearchRow } from "./search-index";
import { freeSlug, slugify } from "./slugs";
import { resolveVariants } from "./variant-updates";
import type { Product, Variant } from "./types";
import { type OptionDecl, optionsKey, validateVariants } from "./variants";

type VariantInput = CreateProductInput["variants"][number];

async function assertSlugFree(tx: Tx, slug: string, exceptProduct: string | null): Promise<void> {
  const [row] = await tx
    .select({ id: products.id })
    .from(products)
    .where(
      exceptProduct
        ? and(eq(products.slug, slug), ne(products.id, exceptProduct))
        : eq(products.slug, slug),
    );
  if (row)
    throw conflict([{ path: "slug", message: `The slug "${slug}" is taken by another product.` }]);
}

async function assertSkusFree(
  tx: Tx,
  variants: readonly { sku: string }[],
  exceptProduct: string | null,
): Promise<void> {
  const skus = variants.map((v) => v.sku);
  const rows = await tx
    .select({ sku: productVariants.sku })
    .from(productVariants)
    .where(
      exceptProduct
        ? and(inArray(productVariants.sku, skus), ne(productVariants.productId, exceptProduct))
        : inArray(productVariants.sku, skus),
    );
  const taken = new Set(rows.map((r) => r.sku));
  const errors = variants.flatMap((v, i) =>
    taken.has(v.sku)
      ? [{ path: `variants.${i}.sku`, message: `SKU ${v.sku} is taken by another product.` }]
      : [],
  );
  if (errors.length > 0) throw conflict(errors);
}

async function writeAttributes(
  tx: Tx,
  productId: string,
  attributes: Record<string, string>,
): Promise<void> {
  await tx.delete(productAttributes).where(eq(productAttributes.productId, productId));
  const rows = Object.entries(attributes)
    .filter(([, value]) => value !== "")
    .map(([name, value], position) => ({ productId, name, value, position }));
  if (rows.length > 0) await tx.insert(productAttributes).values(rows);
}

/**
 * Rewrites options, values and variants. Variants are matched by SKU so a kept variant keeps its
 * id (cart lines and order links keep pointing at it); variants whose SKU is gone are deleted.
 */
async function writeOptionsAndVariants(
  tx: Tx,
  productId: string,
  options: readonly OptionDecl[],
  variants: readonly VariantInput[],
): Promise<void> {
  // Cascades to values and to the variant ↔ value pivot.
  await tx.delete(productOptions).where(eq(productOptions.productId, productId));
  const valueIds = new Map<string, string>();
  const optionRows = options.map((o, position) => ({
    id: newId("opt"),
    productId,
    name: o.name,
    position,
  }));
  const valueRows = options.flatMap((o, i) =>
    o.values.map((value, position) => {
      const id = newId("val");
      valueIds.set(`${o.name}\u0000${value}`, id);
      return { id, optionId: optionRows[i]!.id, value, position };
    }),
  );
  if (optionRows.length > 0) await tx.insert(productOptions).values(optionRows);
  if (valueRows.length > 0) await tx.insert(productOptionValues).values(valueRows);

  const existing = await tx
    .select({ id: productVariants.id, sku: productVariants.sku })
    .from(productVariants)
    .where(eq(productVariants.productId, productId));
  const idBySku = new Map(existing.map((v) => [v.sku, v.id]));
  const keep = new Set(variants.map((v) => v.sku));
  const gone = existing.filter((v) => !keep.has(v.sku)).map((v) => v.id);
  if (gone.length > 0) await tx.delete(productVariants).where(inArray(productVariants.id, gone));
  // Kept variants may swap combinations; park their keys first so the unique index never sees two.
  if (existing.length > gone.length) {
    await tx
      .update(productVariants)
      .set({ optionsKey: sql`'~' || ${productVariants.id}` })
      .where(eq(productVariants.productId, productId));
  }

  const pivot: { variantId: string; optionValueId: string }[] = [];
  const inserts: (typeof productVariants.$inferInsert)[] = [];
  for (const [position, v] of variants.entries()) {
    const fields = {
      priceAmount: v.price.amount,
      currency: v.price.currency,
      stock: v.stock,
      options: v.options,
      optionsKey: optionsKey(v.options),
      position,
    };
    let id = idBySku.get(v.sku);
    if (id) {
      await tx.update(productVariants).set(fields).where(eq(productVariants.id, id));
    } else {
      id = newId("var");
      inserts.push({ id, productId, sku: v.sku, ...fields });
    }
    for (const o of options) {
      const valueId = valueIds.get(`${o.name}\u0000${v.options[o.name]}`);
      if (valueId) pivot.push({ variantId: id, optionValueId: valueId });
    }
  }
  if (inserts.length > 0) await tx.insert(productVariants).values(inserts);
  if (pivot.length > 0) await tx.insert(variantOptionValues).values(pivot);
}

/** Keeps the denormalized lowest price (used to filter and sort lists) equal to the variants'. */
async function refreshProductPrice(tx: Tx, productId: string): Promise<void> {
  await tx.run(sql`
    UPDATE products SET
      price_amount = COALESCE((SELECT MIN(price_amount) FROM product_variants WHERE product_id = ${productId}), 0),
      currency = COALESCE((SELECT currency FROM product_variants WHERE product_id = ${productId}
                           ORDER BY price_amount LIMIT 1), currency)
    WHERE id = ${productId}`);
}

/** The names of a category and its parents: searchable words of every product in it. */
async function categoryNamesOf(tx: Tx, categoryId: string | null): Promise<string[]> {
  return categoryId ? (await categoryPath(categoryId, 5, tx)).map((c) => c.name) : [];
}

/** Creates a product with its attributes, options and variants. 400 on invalid variants, 409 on a taken slug or SKU. */
export async function createProduct(input: CreateProductInput): Promise<Product> {
  const errors = validateVariants(input.options, input.variants);
  if (errors.length > 0) throw invalid(errors);
  const id = await mapUniqueViolation(() =>
    writeTransaction(async (tx) => {
      if (input.categoryId) await assertCategory(tx, input.categoryId);
      if (input.slug) await assertSlugFree(tx, input.slug, null);
      await assertSkusFree(tx, input.variants, null);
      const slug = input.slug ?? (await freeSlug(tx, products, slugify(input.name)));
      const id = newId("prd");
      const searchRowid = await nextSearchRowid(tx);
      await tx.insert(products).values({
        id,
        slug,
        name: input.name,
        description: input.description,
        categoryId: input.categoryId ?? null,
        featured: input.featured ?? false,
        images: input.images ?? [`/images/products/${slug}.svg`],
        searchRowid,
      });
      await writeAttributes(tx, id, input.attributes);
      await writeOptionsAndVariants(tx, id, input.options, input.variants);
      await refreshProductPrice(tx, id);
      const categoryNames = await categoryNamesOf(tx, input.categoryId ?? null);
      await writeSearchRow(tx, searchRowid, input.name, searchBody({ ...input, categoryNames }));
      await writeFacetRows(tx, searchRowid, true, input.options);
      return id;
    }),
  );
  return (await getProduct(id, { includeArchived: true }))!;
}

async function currentShape(tx: Tx, productId: string) {
  const optionRows = await tx
    .select({ name: productOptions.name, value: productOptionValues.value })
    .from(productOptions)
    .innerJoin(productOptionValues, eq(productOptionValues.optionId, productOptions.id))
    .where(eq(productOptions.productId, productId))
    .orderBy(asc(productOptions.position), asc(productOptionValues.position));
  const options: { name: string; values: string[] }[] = [];
  for (const r of optionRows) {
    const last = options.at(-1);
    if (last?.name === r.name) last.values.push(r.value);
    else options.push({ name: r.name, values: [r.value] });
  }
  const variantRows = await tx
    .select()
    .from(productVariants)
    .where(eq(productVariants.productId, productId))
    .orderBy(asc(productVariants.position));
  const variants: VariantInput[] = variantRows.map((v) => ({
    sku: v.sku,
    options: v.options,
    price: { amount: v.priceAmount, currency: v.currency },
    stock: v.stock,
  }));
  const attributeRows = await tx
    .select()
    .from(productAttributes)
    .where(eq(productAttributes.productId, productId))
    .orderBy(asc(productAttributes.position));
  const attributes = Object.fromEntries(attributeRows.map((a) => [a.name, a.value]));
  return { options, variants, attributes };
}

/**
 * Changes any fields of a product. Variants are matched by SKU: a listed SKU is updated or added,
 * an existing SKU that is not listed is removed. Orders keep their own copies, so history is
 * untouched.
 */
export async function updateProduct(id: string, patch: UpdateProductInput): Promise<Product> {
  await mapUniqueViolation(() =>
    writeTransaction(async (tx) => {
      const [row] = await tx.select().from(products).where(eq(products.id, id));
      if (!row) throw notFound("product");
      const current = await currentShape(tx, id);
      const options = patch.options ?? current.options;
      const variants = patch.variants
        ? resolveVariants(patch.variants, current.variants)
        : current.variants;
      const attributes = patch.attributes ?? current.attributes;
      if (patch.options || patch.variants) {
        const errors = validateVariants(options, variants);
        if (errors.length > 0) throw invalid(errors);
      }
      if (patch.categoryId) await assertCategory(tx, patch.categoryId);
      if (patch.slug && patch.slug !== row.slug) await assertSlugFree(tx, patch.slug, id);
      if (patch.variants) await assertSkusFree(tx, patch.variants, id);

      const name = patch.name ?? row.name;
      const description = patch.description ?? row.description;
      let searchRowid = row.searchRowid;
      searchRowid ??= await nextSearchRowid(tx);
      await tx
        .update(products)
        .set({
          name,
          description,
          slug: patch.slug ?? row.slug,
          ...(patch.categoryId !== undefined ? { categoryId: patch.categoryId } : {}),
          ...(patch.images ? { images: patch.images } : {}),
          ...(patch.featured !== undefined ? { featured: patch.featured } : {}),
          ...(patch.status ? { status: patch.status } : {}),
          searchRowid,
          updatedAt: new Date(),
        })
        .where(eq(products.id, id));
      if (patch.attributes) await writeAttributes(tx, id, attributes);
      if (patch.options || patch.variants) {
        await writeOptionsAndVariants(tx, id, options, variants);
        await refreshProductPrice(tx, id);
      }
      const categoryNames = await categoryNamesOf(
        tx,
        patch.categoryId !== undefined ? patch.categoryId : row.categoryId,
      );
      await writeSearchRow(
        tx,
        searchRowid,
        name,
        searchBody({ name, description, attributes, options, categoryNames }),
      );
      await writeFacetRows(tx, searchRowid, (patch.status ?? row.status) === "active", options);
    }),
  );
  return (await getProduct(id, { includeArchived: true }))!;
}

/** Hides a product from the store; it stays in the database for order history. Idempotent. */
export async function archiveProduct(id: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const [row] = await tx
      .update(products)
      .set({ status: "archived", updatedAt: new Date() })
      .where(eq(products.id, id))
      .returning({ searchRowid: products.searchRowid });
    if (!row) throw notFound("product");
    if (row.searchRowid !== null) await writeFacetRows(tx, row.searchRowid, false, []);
  });
}

/** Sets a variant's stock and/or price (in the currency the product already uses). */
export async function updateVariant(id: string, patch: UpdateVariantInput): Promise<Variant> {
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .select({ variant: productVariants, status: products.status })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(eq(productVariants.id, id));
    if (!row) throw notFound("variant");
    if (patch.price && patch.price.currency !== row.variant.currency) {
      throw invalid([
        {
          path: "price.currency",
          message: `All variants of a product use one currency (${row.variant.currency})`,
        },
      ]);
    }
    const [v] = await tx
      .update(productVariants)
      .set({
        ...(patch.stock !== undefined ? { stock: patch.stock } : {}),
        ...(patch.price ? { priceAmount: patch.price.amount } : {}),
        updatedAt: new Date(),
      })
      .where(eq(productVariants.id, id))
      .returning();
    if (patch.price) await refreshProductPrice(tx, row.variant.productId);
    await tx
      .update(products)
      .set({ updatedAt: new Date() })
      .where(eq(products.id, row.variant.productId));
    return toVariant(v!, row.status === "active");
  });
}
