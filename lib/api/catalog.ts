import { z } from "zod";

import {
  archiveProduct,
  createCategory,
  createProduct,
  updateProduct,
  updateVariant,
  getProductKept,
  listCategories,
  listProductsKept,
  CreateCategorySchema,
  CreateProductSchema,
  ListProductsQuerySchema,
  UpdateProductSchema,
  UpdateVariantSchema,
  getSynonyms,
  setSynonyms,
  suggest,
  SuggestQuerySchema,
  SynonymGroupsSchema,
} from "@/lib/catalog";
import { DomainError } from "@/lib/errors";
import { endpoint, json, noContent, problemSpec } from "@/lib/http";

import {
  CategoryListSchema,
  CategorySchema,
  ProductListSchema,
  ProductSchema,
  toCategoryDto,
  toProductDto,
  toProductListDto,
  toVariantDto,
  VariantSchema,
  SuggestionsSchema,
  SynonymGroupsOutSchema,
  toSuggestionsDto,
} from "./dto/catalog";

const IdParams = z.object({ id: z.string().min(1).max(100) });

export const listProductsEndpoint = endpoint({
  method: "GET",
  path: "/products",
  tag: "Catalog",
  summary:
    "Search and filter the catalog. Option filters (option.Color=Red) match products that offer the value; " +
    "repeat a filter for any of several values. Facets count matching products per option value.",
  access: "public",
  query: ListProductsQuerySchema,
  responses: {
    200: { description: "One page of products, with facets", schema: ProductListSchema },
    400: problemSpec("Invalid filter, sort, limit or cursor (errors names each)"),
  },
  async handler({ query }) {
    return json(toProductListDto(await listProductsKept(query)));
  },
});

export const getProductEndpoint = endpoint({
  method: "GET",
  path: "/products/{idOrSlug}",
  tag: "Catalog",
  summary: "One product, by id or slug",
  access: "public",
  params: z.object({ idOrSlug: z.string().min(1).max(200) }),
  responses: {
    200: { description: "The product", schema: ProductSchema },
    404: problemSpec("No such product"),
  },
  async handler({ params }) {
    const product = await getProductKept(params.idOrSlug!);
    if (!product) throw new DomainError("NOT_FOUND", "No such product.");
    return json(toProductDto(product));
  },
});

export const listCategoriesEndpoint = endpoint({
  method: "GET",
  path: "/categories",
  tag: "Catalog",
  summary: "All categories, parents before their children",
  access: "public",
  responses: { 200: { description: "Every category", schema: CategoryListSchema } },
  async handler() {
    return json({ items: (await listCategories()).map(toCategoryDto), nextCursor: null });
  },
});

const adminProblems = {
  401: problemSpec("Not signed in"),
  403: problemSpec("Signed in, but not an administrator"),
};

export const createProductEndpoint = endpoint({
  method: "POST",
  path: "/admin/products",
  tag: "Catalog admin",
  summary: "Create a product with its attributes, options and variants",
  access: "admin",
  body: CreateProductSchema,
  responses: {
    201: { description: "The new product", schema: ProductSchema },
    400: problemSpec(
      "Invalid fields; variants that do not name exactly the declared options, or share a combination",
    ),
    ...adminProblems,
    409: problemSpec("Slug or SKU taken (code CONFLICT)"),
  },
  async handler({ body }) {
    return json(toProductDto(await createProduct(body)), 201);
  },
});

export const updateProductEndpoint = endpoint({
  method: "PATCH",
  path: "/admin/products/{id}",
  tag: "Catalog admin",
  summary:
    "Change a product; variants are matched by sku (listed SKUs are updated or added, others removed)",
  access: "admin",
  params: IdParams,
  body: UpdateProductSchema,
  responses: {
    200: { description: "The product", schema: ProductSchema },
    400: problemSpec("Invalid fields or variants"),
    ...adminProblems,
    404: problemSpec("No such product"),
    409: problemSpec(
      "Slug or SKU taken; or a variant's stock or price is no longer the expectedStock/expectedPrice sent (variants lists the current values). Code CONFLICT; nothing is written",
    ),
  },
  async handler({ params, body }) {
    return json(toProductDto(await updateProduct(params.id!, body)));
  },
});

export const archiveProductEndpoint = endpoint({
  method: "DELETE",
  path: "/admin/products/{id}",
  tag: "Catalog admin",
  summary: "Archive a product: hidden from the store, kept for order history",
  access: "admin",
  params: IdParams,
  responses: {
    204: { description: "Archived" },
    ...adminProblems,
    404: problemSpec("No such product"),
  },
  async handler({ params }) {
    await archiveProduct(params.id!);
    return noContent();
  },
});

export const updateVariantEndpoint = endpoint({
  method: "PATCH",
  path: "/admin/variants/{id}",
  tag: "Catalog admin",
  summary: "Set a variant's stock and/or price",
  access: "admin",
  params: IdParams,
  body: UpdateVariantSchema,
  responses: {
    200: { description: "The variant", schema: VariantSchema },
    400: problemSpec("Invalid stock or price"),
    ...adminProblems,
    404: problemSpec("No such variant"),
  },
  async handler({ params, body }) {
    return json(toVariantDto(await updateVariant(params.id!, body)));
  },
});

export const createCategoryEndpoint = endpoint({
  method: "POST",
  path: "/admin/categories",
  tag: "Catalog admin",
  summary: "Create a category, optionally under a parent",
  access: "admin",
  body: CreateCategorySchema,
  responses: {
    201: { description: "The new category", schema: CategorySchema },
    400: problemSpec("Invalid fields or unknown parent"),
    ...adminProblems,
    409: problemSpec("Slug taken (code CONFLICT)"),
  },
  async handler({ body }) {
    return json(toCategoryDto(await createCategory(body)), 201);
  },
});

export const suggestEndpoint = endpoint({
  method: "GET",
  path: "/search/suggest",
  tag: "Catalog",
  summary:
    "Suggestions while the shopper types: products (name matches first) and categories matching the words so far, synonyms included",
  access: "public",
  query: SuggestQuerySchema,
  responses: {
    200: {
      description: "At most 8 suggestions; none for an empty text",
      schema: SuggestionsSchema,
    },
    400: problemSpec("Text longer than 500 characters, or an unknown parameter"),
  },
  async handler({ query }) {
    return json(toSuggestionsDto(await suggest(query.q)), 200, {
      "cache-control": "public, max-age=60",
    });
  },
});

export const getSynonymsEndpoint = endpoint({
  method: "GET",
  path: "/admin/search/synonyms",
  tag: "Catalog admin",
  summary: "The search's synonym groups",
  access: "admin",
  responses: {
    200: { description: "Every group", schema: SynonymGroupsOutSchema },
    ...adminProblems,
  },
  async handler() {
    return json({ groups: await getSynonyms() });
  },
});

export const putSynonymsEndpoint = endpoint({
  method: "PUT",
  path: "/admin/search/synonyms",
  tag: "Catalog admin",
  summary:
    "Replace the synonym groups: a search for any term of a group also finds the others (terms of up to three words, e.g. t-shirt)",
  access: "admin",
  body: SynonymGroupsSchema,
  responses: {
    200: {
      description: "The groups as saved (blank and repeated terms dropped)",
      schema: SynonymGroupsOutSchema,
    },
    400: problemSpec("Invalid groups (errors names each)"),
    ...adminProblems,
  },
  async handler({ body }) {
    return json({ groups: await setSynonyms(body.groups) });
  },
});

export const catalogEndpoints = [
  listProductsEndpoint,
  getProductEndpoint,
  listCategoriesEndpoint,
  suggestEndpoint,
];
export const adminCatalogEndpoints = [
  createProductEndpoint,
  updateProductEndpoint,
  archiveProductEndpoint,
  updateVariantEndpoint,
  createCategoryEndpoint,
  getSynonymsEndpoint,
  putSynonymsEndpoint,
];
