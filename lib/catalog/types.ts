import type { ProductPhotoRecord } from "@/db/schema";
import type { Money } from "@/lib/money";

/** The catalog's values as the store works with them; lib/api shapes them for clients. */
export type Category = { id: string; slug: string; name: string; parentId: string | null };

export type Variant = {
  id: string;
  sku: string;
  options: Record<string, string>;
  price: Money;
  stock: number;
  /** In stock and its product is on sale. */
  available: boolean;
};

/** An uploaded photo as pages draw it: `url` is its largest rendition, `srcset` lists them all. */
export type ProductPhoto = ProductPhotoRecord;

export type ProductOption = { name: string; values: string[] };

export type ProductStatus = "active" | "archived";

export type Product = {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** The lowest variant price. */
  price: Money;
  category: Category | null;
  attributes: Record<string, string>;
  options: ProductOption[];
  variants: Variant[];
  /** Image URLs in order: the uploaded photos', or else the generated placeholder's. */
  images: string[];
  /** The uploaded photos in order (lib/media keeps them); empty for a placeholder. */
  photos: ProductPhoto[];
  status: ProductStatus;
  featured: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** Per option name, per value: how many products match with that value (other filters applied). */
export type Facets = Record<string, Record<string, number>>;

export type ProductPage = {
  items: Product[];
  nextCursor: string | null;
  facets: Facets;
  /** When nothing matched and the vocabulary has close words: the search with them. */
  didYouMean?: string;
  /** How many products match in all (only when asked for). */
  total?: number;
};

/** A row of the admin's product list. */
export type AdminProductRow = {
  id: string;
  slug: string;
  name: string;
  status: ProductStatus;
  price: Money;
  variantCount: number;
  stock: number;
  category: string | null;
  updatedAt: Date;
};
