/**
 * A small self-contained reader for /api/openapi.json: no CDN, no build step. Operations by tag, their
 * parameters, bodies and responses, and every schema as collapsible JSON.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Waystation API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1b1b1b; }
  h1 { margin-bottom: 0; } h2 { border-bottom: 2px solid #ddd; margin-top: 2rem; }
  details.op { border: 1px solid #ccc; border-radius: 6px; margin: .5rem 0; padding: .25rem .75rem; }
  summary { cursor: pointer; } .m { display: inline-block; min-width: 4rem; font-weight: 700; text-transform: uppercase; }
  .get { color: #0a5d9f; } .post { color: #0a7d3b; } .patch, .put { color: #8a5a00; } .delete { color: #a11; }
  code, pre { font: 13px/1.4 ui-monospace, monospace; } pre { background: #f5f5f5; padding: .5rem; overflow: auto; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #eee; padding: .25rem; text-align: left; vertical-align: top; }
  .lock::after { content: " 🔒"; }
</style>
</head>
<body>
<h1>Waystation API</h1>
<p id="intro">Loading <a href="/api/openapi.json">/api/openapi.json</a>…</p>
<main id="ops"></main>
<h2>Schemas</h2>
<div id="schemas"></div>
<script type="module">
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
  for (const kid of kids) e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)))
  return e
}
const refName = (s) => (s && s.$ref ? s.$ref.split('/').pop() : null)
const schemaLink = (s) => { const n = refName(s); return n ? el('a', { href: '#schema-' + n }, n) : el('code', {}, JSON.stringify(s)) }
const doc = await (await fetch('/api/openapi.json')).json()
document.getElementById('intro').textContent = doc.info.description + ' Version ' + doc.info.version + '.'
const byTag = new Map()
for (const [path, ops] of Object.entries(doc.paths))
  for (const [method, op] of Object.entries(ops)) {
    const tag = op.tags?.[0] ?? 'other'
    if (!byTag.has(tag)) byTag.set(tag, [])
    byTag.get(tag).push({ path, method, op })
  }
const main = document.getElementById('ops')
for (const [tag, ops] of byTag) {
  main.append(el('h2', {}, tag))
  for (const { path, method, op } of ops) {
    const head = el('summary', {}, el('span', { class: 'm ' + method }, method), el('code', {}, path), ' — ' + op.summary)
    if (op.security) head.classList.add('lock')
    const box = el('details', { class: 'op', id: op.operationId }, head)
    if (op.description) box.append(el('p', {}, op.description))
    if (op.parameters?.length) {
      const rows = op.parameters.map((p) => el('tr', {}, el('td', {}, el('code', {}, p.name)), el('td', {}, p.in + (p.required ? ', required' : '')), el('td', {}, p.description ?? ''), el('td', {}, el('code', {}, JSON.stringify(p.schema)))))
      box.append(el('h4', {}, 'Parameters'), el('table', {}, ...rows))
    }
    if (op.requestBody) for (const [type, c] of Object.entries(op.requestBody.content)) box.append(el('h4', {}, 'Body ' + type + ' '), schemaLink(c.schema))
    box.append(el('h4', {}, 'Responses'))
    for (const [status, r] of Object.entries(op.responses)) {
      const line = el('p', {}, el('strong', {}, status + ' '), r.description + ' ')
      for (const [type, c] of Object.entries(r.content ?? {})) line.append(el('code', {}, type), ' ', schemaLink(c.schema), ' ')
      box.append(line)
    }
    main.append(box)
  }
}
const schemas = document.getElementById('schemas')
for (const [name, schema] of Object.entries(doc.components.schemas))
  schemas.append(el('details', { class: 'op', id: 'schema-' + name }, el('summary', {}, name), el('pre', {}, JSON.stringify(schema, null, 2))))
</script>
</body>
</html>
`
