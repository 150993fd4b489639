import type { AddressRecord } from "@/db/schema";
import { formatMoney, type Money } from "@/lib/money";

import { compose, type MailContent, STORE_NAME } from "./render";

/** What an order mail shows: the shape of lib/orders' Order (this module imports no other). */
export type OrderForMail = {
  number: string;
  items: {
    sku: string;
    name: string;
    options: Record<string, string>;
    unitPrice: Money;
    quantity: number;
    lineTotal: Money;
  }[];
  subtotal: Money;
  discount?: Money;
  discountCode?: string | null;
  shipping: Money;
  shippingMethod?: { name: string } | null;
  tax: Money;
  total: Money;
  shippingAddress: AddressRecord;
  payment: { last4?: string | null };
};

export function verifyEmailMail(name: string, link: string): MailContent {
  return compose(`Confirm your email for ${STORE_NAME}`, `Hello ${name},`, [
    { p: `Please confirm that this is your email address, so we can reach you about your orders.` },
    { link, label: "Confirm my email" },
    { p: "The link works for 24 hours. If you did not create an account, ignore this mail." },
  ]);
}

export function changeEmailMail(name: string, link: string): MailContent {
  return compose(`Confirm your new email for ${STORE_NAME}`, `Hello ${name},`, [
    { p: "You asked to use this address for your account. Confirm it, and it takes effect." },
    { link, label: "Use this email address" },
    { p: "The link works for 24 hours. If you did not ask for this, ignore this mail." },
  ]);
}

export function emailChangeNoticeMail(name: string, newEmail: string): MailContent {
  return compose(`Your ${STORE_NAME} email is about to change`, `Hello ${name},`, [
    {
      p: `Someone signed in to your account asked to change its email address to ${newEmail}. It changes once that address is confirmed.`,
    },
    {
      p: "If this was not you, change your password now: that signs out every other device and keeps your account yours.",
    },
  ]);
}

export function passwordResetMail(name: string, link: string): MailContent {
  return compose(`Reset your ${STORE_NAME} password`, `Hello ${name},`, [
    { p: "Someone (hopefully you) asked to reset the password of your account." },
    { link, label: "Choose a new password" },
    {
      p: "The link works once, for one hour. If you did not ask for it, ignore this mail: your password stays as it is.",
    },
  ]);
}

function addressLines(a: OrderForMail["shippingAddress"]): string[] {
  return [
    a.name,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    [a.postalCode, a.city, a.region].filter(Boolean).join(" "),
    a.country,
  ];
}

function lineLabel(i: OrderForMail["items"][number]): string {
  const options = Object.entries(i.options)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  return `${i.quantity} × ${i.name}${options ? ` (${options})` : ""}\nSKU ${i.sku} · ${formatMoney(i.unitPrice)} each`;
}

function summary(o: OrderForMail) {
  return [
    {
      head: ["Item", "Price"] as [string, string],
      rows: [
        ...o.items.map((i) => [lineLabel(i), formatMoney(i.lineTotal)] as [string, string]),
        ["Subtotal", formatMoney(o.subtotal)] as [string, string],
        ...(o.discount && o.discount.amount > 0
          ? [
              [
                o.discountCode ? `Discount (${o.discountCode})` : "Discount",
                `−${formatMoney(o.discount)}`,
              ] as [string, string],
            ]
          : []),
        [
          o.shippingMethod ? `Shipping (${o.shippingMethod.name})` : "Shipping",
          formatMoney(o.shipping),
        ] as [string, string],
        ["Tax", formatMoney(o.tax)] as [string, string],
        ["Total", formatMoney(o.total)] as [string, string],
      ],
    },
    { title: "Shipping to", lines: addressLines(o.shippingAddress) },
  ];
}

const paidWith = (o: OrderForMail) =>
  o.payment.last4 ? `Paid with the card ending in ${o.payment.last4}.` : "Paid.";

export function orderConfirmationMail(name: string, o: OrderForMail, link: string): MailContent {
  return compose(`Your ${STORE_NAME} order ${o.number}`, `Hello ${name},`, [
    { p: `Thank you for your order ${o.number}. We will email you again when it ships.` },
    ...summary(o),
    { p: paidWith(o) },
    { link, label: "View your order" },
  ]);
}

export function orderShippedMail(name: string, o: OrderForMail, link: string): MailContent {
  return compose(`Your ${STORE_NAME} order ${o.number} has shipped`, `Hello ${name},`, [
    { p: `Good news: your order ${o.number} is on its way.` },
    ...summary(o),
    { link, label: "View your order" },
  ]);
}

export function orderCancelledMail(
  name: string,
  o: OrderForMail,
  how: "cancelled" | "refunded",
  link: string,
): MailContent {
  const card = o.payment.last4 ? ` to the card ending in ${o.payment.last4}` : "";
  return compose(`Your ${STORE_NAME} order ${o.number} has been ${how}`, `Hello ${name},`, [
    {
      p:
        how === "cancelled"
          ? `Your order ${o.number} has been cancelled. The full amount of ${formatMoney(o.total)} is refunded${card}.`
          : `Your order ${o.number} has been refunded: ${formatMoney(o.total)}${card}.`,
    },
    ...summary(o),
    { link, label: "View your order" },
  ]);
}
