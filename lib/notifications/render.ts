/** A value for a mail header: one line, no control characters (nothing can smuggle a header in). */
export function oneLine(value: string, max = 200): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/ {2,}/g, " ")
    .trim()
    .slice(0, max);
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A mail's content: the same words as plain text and as simple HTML (no images, no tracking). */
export type MailContent = { subject: string; text: string; html: string };

/** A block of a mail: a paragraph, a link button, a table of rows, or preformatted lines. */
export type Block =
  | { p: string }
  | { link: string; label: string }
  | { rows: [string, string][]; head?: [string, string] }
  | { lines: string[]; title?: string };

export const STORE_NAME = "Cartwright";

/** Lays out blocks twice: as text (for every mail client) and as HTML with inline styles. */
export function compose(subject: string, greeting: string, blocks: Block[]): MailContent {
  const text: string[] = [greeting, ""];
  const html: string[] = [`<p>${escapeHtml(greeting)}</p>`];
  for (const b of blocks) {
    if ("p" in b) {
      text.push(b.p, "");
      html.push(`<p>${escapeHtml(b.p)}</p>`);
    } else if ("link" in b) {
      text.push(`${b.label}: ${b.link}`, "");
      html.push(
        `<p><a href="${escapeHtml(b.link)}" style="display:inline-block;padding:10px 16px;background:#111827;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(b.label)}</a></p>`,
        `<p style="font-size:12px;color:#6b7280">Or paste this address into your browser: ${escapeHtml(b.link)}</p>`,
      );
    } else if ("rows" in b) {
      if (b.head) text.push(`${b.head[0]}  ${b.head[1]}`);
      for (const [k, v] of b.rows) text.push(`${k}  ${v}`);
      text.push("");
      const cell = 'style="padding:4px 8px;border-bottom:1px solid #e5e7eb"';
      const head = b.head
        ? `<tr><th align="left" ${cell}>${escapeHtml(b.head[0])}</th><th align="right" ${cell}>${escapeHtml(b.head[1])}</th></tr>`
        : "";
      const rows = b.rows
        .map(
          ([k, v]) =>
            `<tr><td ${cell}>${escapeHtml(k).replace(/\n/g, "<br>")}</td><td align="right" ${cell}>${escapeHtml(v)}</td></tr>`,
        )
        .join("");
      html.push(`<table style="border-collapse:collapse;min-width:320px">${head}${rows}</table>`);
    } else {
      if (b.title) text.push(b.title);
      text.push(...b.lines, "");
      html.push(
        `<p>${b.title ? `<strong>${escapeHtml(b.title)}</strong><br>` : ""}${b.lines.map(escapeHtml).join("<br>")}</p>`,
      );
    }
  }
  text.push("—", STORE_NAME);
  const body = html.join("\n");
  return {
    subject: oneLine(subject),
    text: text.join("\n"),
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111827;line-height:1.5">${body}<p style="color:#6b7280">— ${STORE_NAME}</p></body></html>`,
  };
}
