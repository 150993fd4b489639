import { legacyRouter } from "@/lib/api";
import { dispatch } from "@/lib/http";

const handle = (req: Request) => dispatch(legacyRouter, req);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
