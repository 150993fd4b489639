import { describe, expect, it } from "vitest";

import { orderConfirmationMail } from "./mails";
import { compose, escapeHtml, oneLine } from "./render";

describe("mail rendering", () => {
  it("makes header values one line, whatever they hold", () => {
    expect(oneLine("Hi\r\nBcc: x@example.com")).toBe("Hi Bcc: x@example.com");
    expect(oneLine("a\u2028b\u0000c\td")).toBe("a b c d");
    expect(oneLine("x".repeat(500))).toHaveLength(200);
  });

  it("escapes user text in the HTML part and keeps it as is in the text part", () => {
    const m = compose("Subject", "Hello <b>Eve</b> & co,", [
      { p: `<img src="https://tracker.example/p.gif">` },
      { link: 'https://shop.example/x?a=1&b="2"', label: "Open" },
    ]);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
    expect(m.html).not.toMatch(/<img/i);
    expect(m.html).toContain("Hello &lt;b&gt;Eve&lt;/b&gt; &amp; co,");
    expect(m.html).toContain('href="https://shop.example/x?a=1&amp;b=&quot;2&quot;"');
    expect(m.text).toContain("Hello <b>Eve</b> & co,");
    expect(m.text).toContain('Open: https://shop.example/x?a=1&b="2"');
  });

  it("shows a discount line only when there is one", () => {
    const usd = (amount: number) => ({ amount, currency: "USD" });
    const order = {
      number: "CW-10001",
      items: [
        {
          sku: "MUG-1",
          name: "Mug",
          options: {},
          unitPrice: usd(1000),
          quantity: 1,
          lineTotal: usd(1000),
        },
      ],
      subtotal: usd(1000),
      shipping: usd(500),
      tax: usd(83),
      total: usd(1383),
      shippingAddress: {
        name: "Ada",
        line1: "1 Lane",
        city: "Town",
        postalCode: "1000",
        country: "US",
      },
      payment: { last4: "4242" },
    };
    expect(orderConfirmationMail("Ada", order, "http://x/o").text).not.toContain("Discount");
    const discounted = orderConfirmationMail("Ada", { ...order, discount: usd(200) }, "http://x/o");
    expect(discounted.text).toContain("Discount  −$2.00");
  });
});
