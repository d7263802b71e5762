/**
 * Share cards for station links: WeChat and other apps read `og:*` and `<title>` from the HTML they fetch and run
 * no script, so a shared `/?place=ID` gets the station's name, address and an image in the shell, server-side.
 * Place text is escaped (it is data, never markup). Node (api/server/node-server.ts) and the Worker (api/worker.ts)
 * both answer through `shareCardPage`, each with its own way to read the shell.
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

/** A station id as the API takes it; anything else gets the plain shell. */
const PLACE_ID = /^[A-Za-z0-9_.-]{1,64}$/

/**
 * The shell with the station's share card for a shared station link (`/?place=ID`, asking for HTML, or anything:
 * link-preview bots often accept anything or send no Accept), or null when the request is not one or the station is
 * unknown, so the caller serves what it would have served. `fetchApi` answers an API request (the app itself);
 * `readShell` reads the built index.html (null when there is none).
 */
export async function shareCardPage(
  request: Request,
  fetchApi: (request: Request) => Response | Promise<Response>,
  readShell: () => Promise<string | null>,
): Promise<string | null> {
  const url = new URL(request.url)
  const id = url.searchParams.get('place')
  const accept = request.headers.get('accept') ?? '*/*'
  if (url.pathname !== '/' || !id || !PLACE_ID.test(id) || !/text\/html|\*\/\*/.test(accept)) return null
  const answer = await fetchApi(new Request(`${url.origin}/api/v1/places/${encodeURIComponent(id)}`))
  if (!answer.ok) {
    await answer.body?.cancel()
    return null
  }
  const place = (await answer.json<{ properties: ShareablePlace }>()).properties
  const shell = await readShell()
  return shell === null ? null : withShareCard(shell, place, request.url, url.origin)
}
