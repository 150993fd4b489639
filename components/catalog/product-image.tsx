import type { ProductPhoto } from "@/lib/catalog";

/**
 * A product's picture: its uploaded photo with every stored width in `srcset` (the browser picks
 * by `sizes`), or else the generated placeholder drawn from the slug. `eager` for what is in view
 * at once (the first row, the product's main photo): loaded at high priority instead of lazily.
 */
export function ProductImage({
  photo,
  slug,
  fallbackSrc,
  alt,
  sizes,
  size,
  eager = false,
  className,
}: {
  photo: ProductPhoto | null | undefined;
  /** Names the placeholder when there is no photo. */
  slug: string;
  /** A picture to show instead of the placeholder when there is no photo (a product's `images`). */
  fallbackSrc?: string;
  alt: string;
  /** The `sizes` attribute: how wide the picture is drawn, so the right file is fetched. */
  sizes: string;
  /** The placeholder's drawn size (it is square); a photo brings its own width and height. */
  size: number;
  eager?: boolean;
  className?: string;
}) {
  const loading = eager ? "eager" : "lazy";
  const fetchPriority = eager ? "high" : "auto";
  if (photo) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- already re-encoded at fixed widths; the optimizer would do it again
      <img
        src={photo.url}
        srcSet={photo.srcset}
        sizes={sizes}
        alt={alt}
        width={photo.width}
        height={photo.height}
        loading={loading}
        fetchPriority={fetchPriority}
        decoding="async"
        className={className}
      />
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimizer
    <img
      src={fallbackSrc ?? `/images/products/${slug}.svg`}
      alt={alt}
      width={size}
      height={size}
      loading={loading}
      fetchPriority={fetchPriority}
      className={className}
    />
  );
}
