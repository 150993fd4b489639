import { seedRouter } from "@/lib/api";
import { dispatch } from "@/lib/http";

const handle = (req: Request) => dispatch(seedRouter, req);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
