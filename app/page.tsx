export default function HomePage() {
  return (
    <section className="py-10">
      <h1 className="text-3xl font-semibold">Welcome to Cartwright</h1>
      <p className="mt-2 text-stone-600">Everyday goods, made well.</p>
    </section>
  );
}
