/** Runs once per server process before it serves: the schema is migrated wherever the app starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerTasks } = await import("./lib/server-tasks");
  await startServerTasks();
}
