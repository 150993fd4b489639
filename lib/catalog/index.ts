// The catalog module's front door: products with their options and variants, categories, search,
// stock. Browser code imports only `./schemas` (no database behind it).
export { insertProducts, insertProductsIn, type BulkProduct } from "./bulk";
export { categoryPath, createCategory, createCategoryIn, listCategories } from "./categories";
export { getVariantSnapshots, returnStock, takeStock, type VariantSnapshot } from "./inventory";
export {
  ListProductsQuerySchema,
  parseStorefrontSearch,
  type ListProductsQuery,
  type OptionFilters,
  type StorefrontSearch,
} from "./list-query";
export { parsePhotos, productExists, setProductPhotos } from "./photos";
export { archiveProduct, createProduct, updateProduct, updateVariant } from "./product-writes";
export {
  getProduct,
  listAdminProducts,
  listFeaturedProducts,
  listSitemapEntries,
} from "./products";
export { effectiveSort, listProducts } from "./search";
export { suggest, SUGGESTIONS, type ProductSuggestion, type Suggestions } from "./suggest";
export { getSynonyms, setSynonyms, setSynonymsIn } from "./synonyms";
export { getProductKept, listProductsKept, readCacheStats } from "./read-cache";
export { listProductsOffThread, listWorkerStats, stopListWorkers } from "./off-thread";
export { catalogVersion } from "./version";
export { slugify } from "./slugs";
export type * from "./types";
export * from "./schemas";
