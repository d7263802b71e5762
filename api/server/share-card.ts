/**
 * Share cards for station links: WeChat and other apps read `og:*` and `<title>` from the HTML they fetch and run
 * no script, so a shared `/?place=ID` gets the station's name, address and an image in the shell, server-side.
 * Place text is escaped (it is data, never markup).
 */
export interface ShareablePlace {
  name_zh: string
  name_en: string | null
  address_zh: string | null
  address_en: string | null
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

export function withShareCard(shell: string, place: ShareablePlace, url: string, origin: string): string {
  const title = `${place.name_zh} · 江北便民服务地图`
  const description = [place.address_zh, place.name_en].filter(Boolean).join(' · ')
  const tags = [
    `<title>${escapeHtml(title)}</title>`,
    `<meta property="og:type" content="place" />`,
    `<meta property="og:title" content="${escapeHtml(title)}" />`,
    `<meta property="og:description" content="${escapeHtml(description)}" />`,
    `<meta property="og:url" content="${escapeHtml(url)}" />`,
    `<meta property="og:image" content="${escapeHtml(`${origin}/icon-512.png`)}" />`,
    `<meta name="description" content="${escapeHtml(description)}" />`,
  ].join('\n    ')
  return shell
    .replace(/<title>[^<]*<\/title>/, '')
    .replace(/<meta name="description"[^>]*>/, '')
    .replace('</head>', `    ${tags}\n  </head>`)
}
