// The catalog module's front door: products with their options and variants, categories, search,
// stock. Browser code imports only `./schemas` (no database behind it).
export {
  archiveProduct,
  createCategory,
  createProduct,
  slugify,
  updateProduct,
  updateVariant,
} from "./admin";
export { getVariantSnapshots, returnStock, takeStock, type VariantSnapshot } from "./inventory";
export {
  effectiveSort,
  getProduct,
  getProductDetail,
  listAdminProducts,
  listCategories,
  listFeaturedProducts,
  listProducts,
  toCategoryDto,
  toVariantDto,
  type AdminProductRow,
  type ProductDetail,
} from "./queries";
export { recountFacets, searchBody } from "./search-index";
export * from "./schemas";
