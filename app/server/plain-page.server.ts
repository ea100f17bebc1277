/**
 * A whole GOV.UK-styled page for refusals made in server.ts, before Remix runs (a form from
 * another site). No script, the site's stylesheet only, so it passes the CSP and works anywhere.
 */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function plainPage({ title, paragraphs, link }: { title: string; paragraphs: string[]; link?: { href: string; text: string } }): string {
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${escape(title)} - Your Say</title>
<link rel="stylesheet" href="/styles/app.css">
</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="opcc-header" role="banner"><div class="govuk-width-container opcc-header__container"><div><a href="/consultations" class="opcc-header__name">Your Say</a></div></div></header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content" role="main">
<h1 class="govuk-heading-l">${escape(title)}</h1>
${paragraphs.map((p) => `<p class="govuk-body">${escape(p)}</p>`).join("\n")}
${link ? `<p class="govuk-body"><a class="govuk-link" href="${escape(link.href)}">${escape(link.text)}</a></p>` : ""}
</main>
</div>
</body>
</html>
`;
}
