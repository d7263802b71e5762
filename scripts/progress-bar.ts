/** A one-line progress bar on a terminal; on a pipe or file, one line per phase when it completes. */
export function progressBar(stream: NodeJS.WriteStream) {
  let lastDraw = 0
  let shown = false
  return {
    update(label: string, done: number, total: number) {
      if (!stream.isTTY) {
        if (done === total) stream.write(`${label}: ${total} rows\n`)
        return
      }
      const now = Date.now()
      if (now - lastDraw < 100 && done !== total) return
      lastDraw = now
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 40))
      const filled = total ? Math.round((done / total) * width) : width
      stream.write(
        `\r${label.padEnd(9)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.floor(total ? (done / total) * 100 : 100)).padStart(3)}% ${done}/${total}\x1b[K`,
      )
      shown = true
    },
    done() {
      if (shown && stream.isTTY) stream.write('\n')
      shown = false
    },
  }
}
