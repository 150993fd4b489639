import { z } from "zod";

/** Money in answers: integer minor units and the currency's ISO 4217 code. */
export const MoneySchema = z
  .object({ amount: z.number().int(), currency: z.string().length(3) })
  .meta({ id: "Money" });
