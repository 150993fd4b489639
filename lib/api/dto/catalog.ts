import { z } from "zod";

import {
  type Category,
  MoneySchema,
  type Product,
  type ProductPage,
  type Suggestions,
  type Variant,
} from "@/lib/catalog";

import { ImageSchema, toImageDto } from "./media";

export const CategorySchema = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), parentId: z.string().nullable() })
  .meta({ id: "Category" });
export type CategoryDto = z.infer<typeof CategorySchema>;

export const VariantSchema = z
  .object({
    id: z.string(),
    sku: z.string(),
    options: z.record(z.string(), z.string()),
    price: MoneySchema,
    stock: z.int(),
    available: z.boolean().describe("In stock and the product is on sale"),
  })
  .meta({ id: "Variant" });
export type VariantDto = z.infer<typeof VariantSchema>;

export const ProductSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    price: MoneySchema.describe("The lowest variant price"),
    category: CategorySchema.nullable(),
    attributes: z.record(z.string(), z.string()),
    options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    variants: z.array(VariantSchema),
    images: z
      .array(z.string())
      .describe(
        "Image URLs in order: the uploaded photos' (largest rendition), or the generated placeholder's when there are none",
      ),
    photos: z.array(ImageSchema).describe("The uploaded photos in order; empty for a placeholder"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Product" });
export type ProductDto = z.infer<typeof ProductSchema>;

export const FacetsSchema = z
  .record(z.string(), z.record(z.string(), z.int()))
  .describe(
    "Per option name, per value: how many products match with that value (other filters applied)",
  );

export const ProductListSchema = z
  .object({
    items: z.array(ProductSchema),
    nextCursor: z.string().nullable(),
    facets: FacetsSchema,
    didYouMean: z
      .string()
      .optional()
      .describe("Only when nothing matched and the catalog has close words: the search with them"),
  })
  .meta({ id: "ProductList" });
export type ProductListDto = z.infer<typeof ProductListSchema>;

export const CategoryListSchema = z
  .object({ items: z.array(CategorySchema), nextCursor: z.null() })
  .meta({ id: "CategoryList" });

export function toCategoryDto(c: Category): CategoryDto {
  return { id: c.id, slug: c.slug, name: c.name, parentId: c.parentId };
}

export function toVariantDto(v: Variant): VariantDto {
  return {
    id: v.id,
    sku: v.sku,
    options: v.options,
    price: v.price,
    stock: v.stock,
    available: v.available,
  };
}

/** A product as clients see it: no status or featured flag (the store shows active ones only). */
export function toProductDto(p: Product): ProductDto {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    price: p.price,
    category: p.category ? toCategoryDto(p.category) : null,
    attributes: p.attributes,
    options: p.options,
    variants: p.variants.map(toVariantDto),
    images: p.images,
    photos: p.photos.map(toImageDto),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toProductListDto(page: ProductPage): ProductListDto {
  return {
    items: page.items.map(toProductDto),
    nextCursor: page.nextCursor,
    facets: page.facets,
    ...(page.didYouMean ? { didYouMean: page.didYouMean } : {}),
  };
}

export const SuggestionsSchema = z
  .object({
    products: z.array(
      z.object({
        name: z.string(),
        slug: z.string(),
        price: MoneySchema.describe("The lowest variant price"),
        image: z.string().nullable(),
      }),
    ),
    categories: z.array(CategorySchema),
  })
  .describe("At most 8 in all: up to 3 categories, products for the rest")
  .meta({ id: "Suggestions" });

export function toSuggestionsDto(s: Suggestions): z.infer<typeof SuggestionsSchema> {
  return {
    products: s.products.map((p) => ({
      name: p.name,
      slug: p.slug,
      price: p.price,
      image: p.image,
    })),
    categories: s.categories.map(toCategoryDto),
  };
}

export const SynonymGroupsOutSchema = z
  .object({
    groups: z
      .array(z.array(z.string()))
      .describe("Groups of terms searched as one another, in the order they were saved"),
  })
  .meta({ id: "SynonymGroups" });
