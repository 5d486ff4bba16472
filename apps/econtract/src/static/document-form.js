// The contract form's live labor-code check and the worker's "open before signing" hint. The pages work
// without it: the server re-renders the form with its findings and enforces both rules itself.
;(() => {
  const form = document.getElementById('contract-form')
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

  function item(f) {
    const li = document.createElement('li')
    li.className = `msg ${f.severity}`
    li.dataset.code = f.code
    li.dataset.path = f.path
    li.innerHTML = `<strong>${f.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}</strong> (${esc(f.ruleId)}) ${esc(f.message.vi)}<span class="en block">${esc(f.message.en)}</span>`
    return li
  }

  function anchorOf(path, anchors) {
    for (const a of anchors) if (path === a || path.startsWith(`${a}/`)) return a
    return ''
  }

  function show(findings) {
    const lists = form.querySelectorAll('.field-msgs')
    const byAnchor = new Map()
    for (const list of lists) {
      list.replaceChildren()
      byAnchor.set(list.dataset.for, list)
    }
    for (const el of form.querySelectorAll('.has-error, .has-warning'))
      el.classList.remove('has-error', 'has-warning')
    const anchors = [...byAnchor.keys()].filter((a) => a !== '').sort((a, b) => b.length - a.length)
    const all = document.getElementById('findings')
    all.replaceChildren()
    for (const f of findings) {
      const anchor = anchorOf(f.path, anchors)
      const li = item(f)
      const target = byAnchor.get(anchor)
      if (target) {
        target.append(li.cloneNode(true))
        const holder = target.closest('.field')
        if (holder && !holder.classList.contains('has-error'))
          holder.classList.add(f.severity === 'error' ? 'has-error' : 'has-warning')
      }
      if (anchor) {
        const a = document.createElement('a')
        a.href = `#f${anchor.replaceAll('/', '-')}`
        a.append(...li.childNodes)
        li.append(a)
      }
      all.append(li)
    }
    const errors = findings.filter((f) => f.severity === 'error').length
    const warnings = findings.length - errors
    document.getElementById('findings-summary').innerHTML =
      errors + warnings === 0
        ? 'Không phát hiện lỗi hay cảnh báo. <span class="en">No errors or warnings found.</span>'
        : `${errors} lỗi, ${warnings} cảnh báo. <span class="en">${errors} error(s), ${warnings} warning(s).</span>`
    const send = document.getElementById('send-button')
    send.disabled = errors > 0
    send.setAttribute('aria-disabled', String(errors > 0))
    document.getElementById('send-blocked').hidden = errors === 0
    const ack = document.getElementById('ack-box')
    ack.hidden = warnings === 0
  }

  if (form) {
    let timer
    let sequence = 0
    const check = async () => {
      const mine = ++sequence
      const body = {}
      for (const [k, v] of new FormData(form)) if (k !== '_csrf') body[k] = v
      try {
        const response = await fetch('/documents/findings', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify(body),
          credentials: 'same-origin',
        })
        if (!response.ok || mine !== sequence) return
        show((await response.json()).findings)
      } catch {
        // Offline or signed out: the server still checks on save.
      }
    }
    form.addEventListener('input', () => {
      clearTimeout(timer)
      timer = setTimeout(check, 500)
    })
    form.addEventListener('change', () => {
      clearTimeout(timer)
      timer = setTimeout(check, 200)
    })
    form.addEventListener('submit', (event) => {
      const submitter = event.submitter
      const ack = document.getElementById('acknowledgeWarnings')
      if (submitter?.value === 'send' && !document.getElementById('ack-box').hidden && !ack.checked) {
        event.preventDefault()
        ack.focus()
        ack.closest('.check').classList.add('msg', 'warning')
      }
    })
  }

  // R6.6: the worker's sign button waits until the PDF was opened (the server records the opening).
  const open = document.getElementById('open-pdf')
  const sign = document.getElementById('sign-button')
  if (open && sign?.disabled)
    open.addEventListener('click', () => {
      setTimeout(() => {
        sign.disabled = false
        const why = document.getElementById('sign-why')
        if (why) why.hidden = true
      }, 1500)
    })
})()
