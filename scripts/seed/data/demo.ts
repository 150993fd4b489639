/** The demo store: its categories and products, as data. scripts/seed/demo.ts writes them. */

export type Demo = {
  name: string;
  category: string;
  description: string;
  price: number;
  attributes?: Record<string, string>;
  options?: { name: string; values: string[] }[];
  /** Price per combination, when it differs from `price`. */
  priceOf?: (o: Record<string, string>) => number;
  /** Stock per combination; the default is a deterministic spread with some sold out. */
  stockOf?: (o: Record<string, string>) => number;
  featured?: boolean;
};

export const SIZES = ["S", "M", "L", "XL"];

export const CATEGORIES: { slug: string; name: string; parent?: string }[] = [
  { slug: "apparel", name: "Apparel" },
  { slug: "t-shirts", name: "T-Shirts", parent: "apparel" },
  { slug: "hats", name: "Hats", parent: "apparel" },
  { slug: "sweatshirts", name: "Sweatshirts", parent: "apparel" },
  { slug: "sweets", name: "Sweets" },
  { slug: "candy", name: "Candy", parent: "sweets" },
  { slug: "chocolate", name: "Chocolate", parent: "sweets" },
  { slug: "kitchen", name: "Kitchen" },
  { slug: "stationery", name: "Stationery" },
  { slug: "outdoor", name: "Outdoor" },
];

/** The demo catalog. The Classic Cotton Tee's stock is spelled out: the end-to-end tests use it. */
export const DEMO: Demo[] = [
  {
    name: "Classic Cotton Tee",
    category: "t-shirts",
    description:
      "A heavyweight crew-neck tee in combed cotton that keeps its shape wash after wash.",
    price: 1900,
    attributes: { Material: "100% cotton", Fit: "Regular", Care: "Machine wash cold" },
    options: [
      { name: "Size", values: SIZES },
      { name: "Color", values: ["Red", "Blue", "Black", "White"] },
    ],
    priceOf: (o) => (o.Size === "XL" ? 2100 : 1900),
    stockOf: (o) => {
      if (o.Color === "Red") return { S: 4, M: 12, L: 2, XL: 0 }[o.Size!] ?? 0;
      if (o.Color === "White" && o.Size === "S") return 0;
      return 8;
    },
    featured: true,
  },
  {
    name: "Organic V-Neck Tee",
    category: "t-shirts",
    description:
      "Soft organic cotton jersey with a relaxed V-neck. Grown without synthetic pesticides.",
    price: 2400,
    attributes: { Material: "Organic cotton", Fit: "Relaxed" },
    options: [
      { name: "Size", values: SIZES },
      { name: "Color", values: ["Heather Grey", "Navy", "Olive"] },
    ],
    featured: true,
  },
  {
    name: "Striped Breton Tee",
    category: "t-shirts",
    description: "The sailor's classic: boat neck, three-quarter sleeves and crisp stripes.",
    price: 2900,
    attributes: { Material: "Cotton", Origin: "Portugal" },
    options: [
      { name: "Size", values: SIZES },
      { name: "Color", values: ["Navy Stripe", "Red Stripe"] },
    ],
  },
  {
    name: "Pocket Tee",
    category: "t-shirts",
    description: "An everyday tee with a chest pocket, garment-dyed for a lived-in look.",
    price: 2200,
    attributes: { Material: "Cotton" },
    options: [
      { name: "Size", values: SIZES },
      { name: "Color", values: ["Sand", "Forest", "Black"] },
    ],
  },
  {
    name: "Long-Sleeve Henley",
    category: "t-shirts",
    description: "Waffle-knit henley with a three-button placket. Warm enough for cool mornings.",
    price: 3400,
    attributes: { Material: "Cotton waffle knit" },
    options: [
      { name: "Size", values: SIZES },
      { name: "Color", values: ["Oatmeal", "Charcoal"] },
    ],
  },
  {
    name: "Mountain Line Graphic Tee",
    category: "t-shirts",
    description: "A single-line drawing of a mountain ridge, screen printed with water-based ink.",
    price: 2600,
    attributes: { Material: "Cotton", Print: "Water-based ink" },
    options: [
      { name: "Size", values: SIZES },
      { name: "Color", values: ["White", "Black"] },
    ],
  },
  {
    name: "Wool Beanie",
    category: "hats",
    description: "A ribbed beanie in soft merino wool with a deep cuff.",
    price: 1800,
    attributes: { Material: "Merino wool" },
    options: [{ name: "Color", values: ["Red", "Grey", "Mustard"] }],
    stockOf: (o) => (o.Color === "Mustard" ? 0 : 15),
    featured: true,
  },
  {
    name: "Canvas Baseball Cap",
    category: "hats",
    description: "Six-panel cap in washed canvas with an adjustable brass buckle.",
    price: 2200,
    attributes: { Material: "Cotton canvas" },
    options: [{ name: "Color", values: ["Khaki", "Navy", "Black"] }],
  },
  {
    name: "Bucket Hat",
    category: "hats",
    description: "A packable bucket hat in ripstop cotton, with eyelets for airflow.",
    price: 2500,
    options: [{ name: "Color", values: ["Olive", "Cream"] }],
  },
  {
    name: "Straw Sun Hat",
    category: "hats",
    description: "Wide-brimmed hat woven from natural straw, with a cotton band.",
    price: 3200,
    attributes: { Material: "Natural straw" },
    options: [{ name: "Color", values: ["Natural"] }],
  },
  {
    name: "Fleece Hoodie",
    category: "sweatshirts",
    description: "Brushed-back fleece hoodie with a lined hood and kangaroo pocket.",
    price: 5400,
    attributes: { Material: "Cotton and recycled polyester" },
    options: [
      { name: "Size", values: SIZES },
      { name: "Color", values: ["Grey", "Navy"] },
    ],
    featured: true,
  },
  {
    name: "Sour Gummy Worms",
    category: "candy",
    description: "Chewy gummy worms rolled in sour sugar. Made with real fruit juice.",
    price: 499,
    attributes: { Weight: "200 g", Allergens: "None" },
    options: [{ name: "Flavor", values: ["Cherry", "Lemon", "Green Apple"] }],
    featured: true,
  },
  {
    name: "Hard Candy Drops",
    category: "candy",
    description: "Old-fashioned boiled sweets in a tin, slow-cooked in copper kettles.",
    price: 399,
    attributes: { Weight: "150 g" },
    options: [{ name: "Flavor", values: ["Peppermint", "Butterscotch", "Lemon"] }],
  },
  {
    name: "Salted Caramels",
    category: "candy",
    description: "Soft butter caramels with a pinch of sea salt, each one wrapped by hand.",
    price: 899,
    attributes: { Weight: "180 g", Allergens: "Milk" },
    options: [{ name: "Flavor", values: ["Classic", "Espresso", "Dark Chocolate"] }],
    priceOf: (o) => (o.Flavor === "Classic" ? 899 : 999),
  },
  {
    name: "Fruit Jellies",
    category: "candy",
    description: "Pâtes de fruits made from fruit purée, tender and intensely flavoured.",
    price: 699,
    attributes: { Weight: "160 g" },
    options: [{ name: "Flavor", values: ["Raspberry", "Orange", "Blackcurrant"] }],
  },
  {
    name: "Licorice Twists",
    category: "candy",
    description: "Soft licorice twists, the classic chewy kind.",
    price: 450,
    attributes: { Weight: "250 g" },
    options: [{ name: "Flavor", values: ["Black", "Strawberry"] }],
    stockOf: () => 0,
  },
  {
    name: "Dark Chocolate Bar",
    category: "chocolate",
    description: "70% single-origin dark chocolate, stone ground in small batches.",
    price: 450,
    attributes: { Cocoa: "70%", Weight: "80 g" },
    options: [{ name: "Flavor", values: ["Plain", "Sea Salt", "Orange"] }],
    featured: true,
  },
  {
    name: "Hot Chocolate Mix",
    category: "chocolate",
    description: "Shaved dark chocolate and cocoa for a thick, Parisian-style hot chocolate.",
    price: 1200,
    attributes: { Weight: "300 g" },
  },
  {
    name: "Chocolate Truffle Box",
    category: "chocolate",
    description: "Ganache truffles dusted in cocoa, in a keepsake box.",
    price: 1400,
    options: [{ name: "Size", values: ["6 pieces", "12 pieces", "24 pieces"] }],
    priceOf: (o) => ({ "6 pieces": 1400, "12 pieces": 2600, "24 pieces": 4800 })[o.Size!] ?? 1400,
  },
  {
    name: "Enamel Camp Mug",
    category: "kitchen",
    description:
      "A steel mug with a glossy enamel coat and a rolled rim. At home by the fire or the desk.",
    price: 1600,
    attributes: { Material: "Enamelled steel", Capacity: "350 ml" },
    options: [{ name: "Color", values: ["White", "Green", "Blue"] }],
  },
  {
    name: "Cast Iron Skillet",
    category: "kitchen",
    description: "Pre-seasoned cast iron that goes from stovetop to oven and lasts generations.",
    price: 3500,
    attributes: { Material: "Cast iron" },
    options: [{ name: "Size", values: ["8 in", "10 in", "12 in"] }],
    priceOf: (o) => ({ "8 in": 3500, "10 in": 4500, "12 in": 5500 })[o.Size!] ?? 3500,
    featured: true,
  },
  {
    name: "Linen Tea Towel Set",
    category: "kitchen",
    description: "Two absorbent tea towels in stonewashed linen.",
    price: 1800,
    attributes: { Material: "Linen" },
  },
  {
    name: "French Press",
    category: "kitchen",
    description: "Borosilicate glass and stainless steel, with a fine mesh filter.",
    price: 2900,
    options: [{ name: "Capacity", values: ["350 ml", "1 l"] }],
    priceOf: (o) => (o.Capacity === "1 l" ? 3900 : 2900),
  },
  {
    name: "Olive Wood Spoon",
    category: "kitchen",
    description: "Carved from a single piece of olive wood. Every grain is different.",
    price: 1200,
    attributes: { Material: "Olive wood" },
  },
  {
    name: "Dot Grid Notebook",
    category: "stationery",
    description: "Lay-flat binding, 120 g paper that takes fountain pen ink without bleeding.",
    price: 1400,
    attributes: { Paper: "120 g/m²", Pages: "192" },
    options: [
      { name: "Size", values: ["A5", "A6"] },
      { name: "Color", values: ["Black", "Sage"] },
    ],
    priceOf: (o) => (o.Size === "A5" ? 1400 : 1100),
  },
  {
    name: "Brass Pen",
    category: "stationery",
    description: "A machined brass pen that develops a patina with use.",
    price: 3800,
    attributes: { Material: "Solid brass" },
    options: [{ name: "Ink", values: ["Black", "Blue"] }],
  },
  {
    name: "Washi Tape Set",
    category: "stationery",
    description: "Five rolls of Japanese paper tape in muted colours.",
    price: 900,
  },
  {
    name: "Weekly Desk Planner",
    category: "stationery",
    description: "Undated weekly pages with room for notes, bound in cloth.",
    price: 2200,
    attributes: { Pages: "128" },
  },
  {
    name: "Insulated Water Bottle",
    category: "outdoor",
    description: "Double-walled steel keeps drinks cold for a day and hot for twelve hours.",
    price: 2800,
    attributes: { Material: "Stainless steel" },
    options: [
      { name: "Capacity", values: ["500 ml", "750 ml"] },
      { name: "Color", values: ["Steel", "Black"] },
    ],
    priceOf: (o) => (o.Capacity === "750 ml" ? 3200 : 2800),
  },
  {
    name: "Packable Rain Jacket",
    category: "outdoor",
    description: "A waterproof, breathable shell that packs into its own pocket.",
    price: 8900,
    attributes: { Material: "Recycled nylon", Waterproof: "10,000 mm" },
    options: [{ name: "Size", values: SIZES }],
  },
  {
    name: "Merino Hiking Socks",
    category: "outdoor",
    description: "Cushioned merino socks that stay warm when wet and do not itch.",
    price: 1600,
    attributes: { Material: "Merino wool blend" },
    options: [{ name: "Size", values: ["S", "M", "L"] }],
  },
  {
    name: "Camping Hammock",
    category: "outdoor",
    description: "Parachute nylon hammock with tree straps, holds up to 180 kg.",
    price: 5900,
    attributes: { "Max load": "180 kg" },
  },
  {
    name: "Trail Headlamp",
    category: "outdoor",
    description: "Rechargeable 400-lumen headlamp with a red night mode.",
    price: 3400,
  },
];

