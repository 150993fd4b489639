import { describe, expect, it } from "vitest";

import { DatabaseBusyError } from "@/db";
import { DomainError } from "@/lib/errors";

import { userMessage, userMessages } from "./messages";

describe("userMessage", () => {
  it("reads a busy database as the store being busy", () => {
    expect(userMessage(new DatabaseBusyError())).toBe("The store is busy. Please try again.");
  });

  it("uses the table, or the error's own words where they are written for people", () => {
    expect(userMessage(new DomainError("NOT_FOUND", "No such product variant."))).toBe(
      userMessages.NOT_FOUND,
    );
    expect(userMessage(new DomainError("OUT_OF_STOCK", "Only 2 left."))).toBe("Only 2 left.");
  });

  it("lets an action override a code with a text or a function of the error", () => {
    const e = new DomainError("NOT_FOUND", "No such order.");
    expect(userMessage(e, { NOT_FOUND: "Gone." })).toBe("Gone.");
    expect(userMessage(e, { NOT_FOUND: (x) => x.message })).toBe("No such order.");
  });

  it("gives null for anything that is not a DomainError (a bug to rethrow)", () => {
    expect(userMessage(new Error("boom"))).toBeNull();
  });
});
