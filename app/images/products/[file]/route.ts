/**
 * Product pictures, drawn here as SVG from the slug alone: the demo catalog (and any product an
 * admin adds) has an image without files or external URLs, and a slug always draws the same one.
 */
const PALETTES = [
  ["#24543a", "#e1ece4"],
  ["#7c2d12", "#fde7d9"],
  ["#1e3a5f", "#dbe8f6"],
  ["#6b21a8", "#f1e4fb"],
  ["#854d0e", "#fbf0cf"],
  ["#0f766e", "#d5f3ef"],
  ["#9f1239", "#fde2e8"],
  ["#374151", "#e8eaee"],
] as const;

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const slug = file.replace(/\.svg$/, "");
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) return new Response("Not found", { status: 404 });
  const h = hash(slug);
  const [ink, paper] = PALETTES[h % PALETTES.length]!;
  // Empty parts ("-", "a--b", "abc-") draw nothing; long vowel-less parts are ids, not words.
  const words = slug
    .split("-")
    .filter((w) => w !== "" && (!/^[a-z0-9]{6,}$/.test(w) || /[aeiou]/.test(w)));
  const title = words
    .slice(0, 3)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
  const initials = words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  const shape =
    h % 3 === 0
      ? `<circle cx="200" cy="170" r="${90 + (h % 30)}" fill="${ink}" opacity="0.9"/>`
      : h % 3 === 1
        ? `<rect x="${110 - (h % 20)}" y="80" width="${180 + (h % 40)}" height="180" rx="28" fill="${ink}" opacity="0.9"/>`
        : `<path d="M200 60 L${320 + (h % 30)} 270 L${80 - (h % 30)} 270 Z" fill="${ink}" opacity="0.9"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" aria-label="${escapeXml(title)}">
<rect width="400" height="400" fill="${paper}"/>
<circle cx="${(h >>> 4) % 400}" cy="${(h >>> 12) % 400}" r="140" fill="${ink}" opacity="0.07"/>
${shape}
<text x="200" y="${h % 3 === 2 ? 235 : 190}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="64" font-weight="700" fill="${paper}">${escapeXml(initials)}</text>
<text x="200" y="340" text-anchor="middle" font-family="system-ui, sans-serif" font-size="26" fill="${ink}">${escapeXml(title)}</text>
</svg>`;
  return new Response(svg, {
    headers: {
      "content-type": "image/svg+xml; charset=utf-8",
      // The picture is a pure function of the slug: it never changes, so caches keep it a year.
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
